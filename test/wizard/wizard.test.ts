import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DRAFT_FILE } from '../../src/wizard/draft.ts';
import { runWizard } from '../../src/wizard/run.ts';
import { validateSpec, type VideoSpec } from '../../src/spec/index.ts';
import { CTRL_C, scripted } from './scripted.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'videogen-wizard-'));

/** Answers for a tutorial, in the order the wizard asks. `undefined` takes the prompt's default. */
const TUTORIAL = [
  'Deploy a Static Site', // title
  undefined, // id (default from the title)
  'tutorial', // template
  undefined, // subtitle
  'Build the site for production', 'Upload it to a bucket', '', // objectives
  'medium', // difficulty
  15, // minutes
  '$ npm run build', '', // install
  'Run the build', 'Copy dist/ to the bucket', 'Point the domain at it', '', // steps
  true, // numbered
  'aws s3 sync dist/ s3://my-site --delete\n', // code (editor)
  'bash', // language
  undefined, // next
  'female', 'green', 'dark', '9:16', // voice, accent, mode, aspect
  undefined, // output path
];

describe('videogen wizard', () => {
  it('writes a valid spec from scripted answers and renders when asked', async () => {
    const cwd = tmp();
    const rendered: string[] = [];
    const prompts = scripted([...TUTORIAL, true]);
    const result = await runWizard({ prompts, cwd, render: async (spec, dir) => void rendered.push(`${spec.id}@${dir}`) });
    expect(result.specPath).toBe(join(cwd, 'deploy-a-static-site.yaml'));
    const text = readFileSync(result.specPath, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=.*schema\/videogen\.schema\.json$/);
    const r = validateSpec(parse(text));
    expect(r.ok).toBe(true);
    const spec = (r as { value: VideoSpec }).value;
    expect(spec).toMatchObject({ id: 'deploy-a-static-site', title: 'Deploy a Static Site', voice: 'female', aspect: '9:16', theme: { accent: 'green', mode: 'dark' } });
    expect(spec.scenes.map((s) => s.kind)).toEqual(['title', 'learningObjectives', 'command', 'list', 'code', 'outro']);
    expect(spec.scenes[1]).toMatchObject({ difficulty: 'medium', duration: 15, objectives: ['Build the site for production', 'Upload it to a bucket'] });
    expect(spec.scenes[4]).toMatchObject({ language: 'bash', code: 'aws s3 sync dist/ s3://my-site --delete\n' });
    expect(rendered).toEqual([`deploy-a-static-site@${join(cwd, 'out', 'deploy-a-static-site')}`]);
    expect(existsSync(join(cwd, DRAFT_FILE))).toBe(false);
  });

  it('Ctrl-C saves a draft; --resume skips answered questions and finishes', async () => {
    const cwd = tmp();
    const draftDir = tmp();
    const stopAt = TUTORIAL.indexOf('Run the build');
    const first = scripted([...TUTORIAL.slice(0, stopAt), CTRL_C]);
    await expect(runWizard({ prompts: first, cwd, draftDir })).rejects.toMatchObject({ code: 'CANCELLED', message: expect.stringContaining('videogen wizard --resume') });
    const draft = JSON.parse(readFileSync(join(draftDir, DRAFT_FILE), 'utf8'));
    expect(draft.answers).toMatchObject({ title: 'Deploy a Static Site', template: 'tutorial', 'var.minutes': 15, 'var.install.0': '$ npm run build' });

    const second = scripted([...TUTORIAL.slice(stopAt), false]);
    const result = await runWizard({ prompts: second, cwd, draftDir, resume: true, render: async () => undefined });
    expect(second.asked[0]).toMatch(/^The steps, in order — item 1/);
    expect(second.asked).not.toContain('What is the video about? (its title)');
    expect(result.spec.scenes.map((s) => s.kind)).toEqual(['title', 'learningObjectives', 'command', 'list', 'code', 'outro']);
    expect(result.renderedTo).toBeUndefined();
    expect(existsSync(join(draftDir, DRAFT_FILE))).toBe(false);
  });

  it('--resume without a draft is a usage error', async () => {
    await expect(runWizard({ prompts: scripted([]), cwd: tmp(), resume: true })).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('custom mode asks scene by scene', async () => {
    const cwd = tmp();
    const prompts = scripted([
      'Why Use Make', 'why-make', 'custom',
      'title', 'Why Use Make', 'It still earns its place',
      'quiz', 'What does make compare?', 'File timestamps', 'Git history', '', 0,
      'codeComparison', 'Shell script versus Makefile', 'make', './build.sh', 'build:\n\tcc main.c\n',
      'done',
      'male', 'blue', 'light', '16:9', 'talks/make.yaml',
    ]);
    const result = await runWizard({ prompts, cwd });
    expect(result.specPath).toBe(join(cwd, 'talks/make.yaml'));
    expect(result.spec.scenes).toMatchObject([
      { kind: 'title', title: 'Why Use Make', subtitle: 'It still earns its place' },
      { kind: 'quiz', options: ['File timestamps', 'Git history'], answer: 0 },
      { kind: 'codeComparison', before: { label: 'Before', code: './build.sh', language: 'make' }, after: { code: 'build:\n\tcc main.c' } },
    ]);
  });
});
