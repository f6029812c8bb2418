import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/files.ts';
import { VideogenError } from '../errors.ts';

/** Answers so far, keyed by question (see session.ts), so `--resume` replays them and asks only the rest. */
export interface WizardDraft {
  version: 1;
  savedAt: string;
  answers: Record<string, unknown>;
}

export const DRAFT_FILE = '.videogen-wizard-draft.json';

export const draftPath = (dir: string) => join(dir, DRAFT_FILE);

export async function saveDraft(path: string, answers: Record<string, unknown>): Promise<void> {
  const draft: WizardDraft = { version: 1, savedAt: new Date().toISOString(), answers };
  await writeFileAtomic(path, `${JSON.stringify(draft, null, 2)}\n`);
}

export async function loadDraft(path: string): Promise<WizardDraft | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const draft = JSON.parse(text) as WizardDraft;
    if (draft.version !== 1 || typeof draft.answers !== 'object' || draft.answers === null) throw new Error('unknown draft version');
    return draft;
  } catch (error) {
    throw new VideogenError('USAGE', `the wizard draft ${path} is damaged (${(error as Error).message}); delete it and start again`);
  }
}

export async function removeDraft(path: string): Promise<void> {
  await rm(path, { force: true });
}
