import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../../src/cli/main.ts';
import { parseSpecText, validateSpec } from '../../src/spec/index.ts';
import { tempDir } from '../pipeline/helpers.ts';
import { startTranslatingLlm } from '../pipeline/multilingual-llm-server.ts';
import { apertiumAvailable } from '../helpers/apertium.ts';

const run = promisify(execFile);
const BIN = new URL('../../bin/videogen.mjs', import.meta.url).pathname;

async function videogen(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { maxBuffer: 1 << 24, env: { ...process.env, VIDEOGEN_TRANSLATOR: '', DEEPL_API_KEY: '', LIBRETRANSLATE_URL: '', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const SPEC = `id: queues
title: Two queues
scenes:
  - id: intro
    kind: title
    title: How the event loop works
    narration: Every callback waits in one of two queues.
  - id: demo
    kind: code
    title: What prints first?
    language: javascript
    code: |
      console.log('A');
  - id: bye
    kind: outro
    title: Thanks for watching
`;

/** The CLI in this process (no start-up cost): for flag checks that fail before anything runs. */
const inProcess = (args: string[]) => buildProgram().parseAsync(['node', 'videogen', ...args]);

let llm: Awaited<ReturnType<typeof startTranslatingLlm>>;
beforeAll(async () => {
  llm = await startTranslatingLlm();
});
afterAll(async () => {
  await llm.close();
});

describe.runIf(apertiumAvailable('videogen translate'))('videogen translate', () => {
  it('writes one reviewable spec per language that validates, and says which provider translated each', async () => {
    const dir = tempDir('cli-translate');
    writeFileSync(join(dir, 'queues.yaml'), SPEC);
    const out = join(dir, 'specs');
    const home = tempDir('cli-translate-home');
    const r = await videogen(['translate', join(dir, 'queues.yaml'), '--to', 'es,de', '-o', out], { ...llm.env, VIDEOGEN_HOME: home });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^es\s+translated by Apertium.*queues\.es\.yaml$/m);
    expect(r.stdout).toMatch(/^de\s+translated by .*fake-mt.*queues\.de\.yaml$/m);
    expect(llm.languages).toContain('de');
    for (const lang of ['es', 'de']) {
      const text = readFileSync(join(out, `queues.${lang}.yaml`), 'utf8');
      expect(text).toMatch(new RegExp(`^# ${lang}: translated from en by `, 'm'));
      const parsed = validateSpec(parseSpecText(text).data);
      expect(parsed.ok, JSON.stringify(parsed.problems)).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.value.language).toBe(lang);
      // Code is never translated; on-screen text is.
      expect(parsed.value.scenes[1]).toMatchObject({ kind: 'code', code: "console.log('A');\n" });
      expect(parsed.value.scenes[0]).not.toMatchObject({ title: 'How the event loop works' });
    }
    const de = validateSpec(parseSpecText(readFileSync(join(out, 'queues.de.yaml'), 'utf8')).data);
    expect(de.ok && de.value.scenes[0]!.narration).toBe('jeder Rückruf wartet in ein von zwei Warteschlangen.');
  }, 60_000);

  it('refuses unknown languages and flags that need --languages, naming what to use', async () => {
    const dir = tempDir('cli-translate-usage');
    writeFileSync(join(dir, 'queues.yaml'), SPEC);
    const spec = join(dir, 'queues.yaml');
    const out = join(dir, 'out');
    await expect(inProcess(['translate', spec, '--to', 'de,klingon'])).rejects.toMatchObject({ code: 'USAGE', message: expect.stringMatching(/^unknown language "klingon"; use one of: en, es, fr, de/) });
    await expect(inProcess(['render', spec, '--languages', 'en,xx', '-o', out])).rejects.toMatchObject({ code: 'USAGE', message: expect.stringMatching(/unknown language "xx"/) });
    await expect(inProcess(['render', spec, '--languages', 'en,de', '--language-voice', 'fr=female', '-o', out])).rejects.toMatchObject({ message: '--language-voice fr=female: "fr" is not one of --languages en,de' });
    await expect(inProcess(['create', spec, '--languages', 'en,de', '--language-voice', 'de', '-o', out])).rejects.toMatchObject({ code: 'USAGE', message: expect.stringMatching(/language=voice/) });
    await expect(inProcess(['render', spec, '--glossary', 'terms.yaml', '-o', out])).rejects.toMatchObject({ code: 'USAGE', message: '--glossary and --language-voice go with --languages' });
  });
});

describe.runIf(apertiumAvailable('videogen languages'))('videogen languages', () => {
  it('--pairs reports what each provider can translate here (Apertium: its installed pairs)', async () => {
    const r = await videogen(['languages', '--pairs', '--json'], { OPENAI_BASE_URL: '', OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '' });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { id: string; configured: boolean; pairs: string[]; reason?: string }[];
    expect(report.map((p) => p.id)).toEqual(['deepl', 'libretranslate', 'apertium', 'llm']);
    expect(report.find((p) => p.id === 'apertium')).toMatchObject({ configured: true, pairs: expect.arrayContaining(['en-es']) });
    expect(report.find((p) => p.id === 'deepl')).toMatchObject({ configured: false, reason: expect.stringContaining('DEEPL_API_KEY') });
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    try {
      await inProcess(['languages']);
    } finally {
      spy.mockRestore();
    }
    expect(lines.join('')).toMatch(/^de\s+German\s+templates\s+Deutsch$/m);
    expect(lines.join('')).toMatch(/^ar\s+Arabic\s+RTL\s+templates\s+العربية$/m);
  }, 60_000);
});
