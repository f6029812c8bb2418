import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadYamlSource } from '../../../src/sources/yaml.ts';
import { instantiate, listTemplates, loadTemplate, parseTemplate } from '../../../src/sources/templates.ts';
import { validateSpec } from '../../../src/spec/index.ts';
import { tempFiles } from './helpers.ts';

const fixtures = join(import.meta.dirname, '../../fixtures/sources');

describe('canonical sets', () => {
  it('merges defaults field by field, loads {file} entries relative to the set, and names videos by pattern', async () => {
    const r = await loadYamlSource(join(fixtures, 'yaml-set/series.yaml'));
    if (r.kind !== 'set') throw new Error('expected a set');
    expect(r).toMatchObject({ id: 'docker-basics', name: 'Docker Basics' });
    expect(r.specs.map((s) => s.id)).toEqual(['docker-basics-01-images', 'docker-basics-02-containers']);
    expect(r.specs[0]).toMatchObject({ voice: 'male', theme: { accent: 'orange', mode: 'dark' } });
    expect(r.specs[1]).toMatchObject({ voice: 'female', theme: { accent: 'orange', mode: 'light' } });
  });

  it('reports problems of every video with the video\'s path', async () => {
    const dir = tempFiles({ 'set.yaml': { id: 's', name: 'S', videos: [{ file: 'missing-title.yaml' }, { id: 'b', title: 'B', scenes: [{ kind: 'title' }] }] }, 'missing-title.yaml': { id: 'a', scenes: [{ kind: 'title', title: 'A' }] } });
    await expect(loadYamlSource(join(dir, 'set.yaml'))).rejects.toMatchObject({
      code: 'SPEC_INVALID',
      details: { problems: [expect.objectContaining({ path: 'videos[0].title', message: expect.stringContaining('(in missing-title.yaml)') }), expect.objectContaining({ path: 'videos[1].scenes[0].title' })] },
    });
  });
});

const template = `
name: probe
description: A probe
variables:
  title: { type: string, description: Title }
  steps: { type: list, description: Steps }
  minutes: { type: number, default: 5, description: Minutes }
  numbered: { type: boolean, default: false, description: Numbered }
  level: { type: enum, values: [easy, hard], default: easy, description: Level }
  extra: { type: list, default: [], description: Extra scenes }
body:
  title: '{{title}}'
  scenes:
    - kind: learningObjectives
      title: 'Learn {{title}} in {{minutes}} minutes'
      objectives: ['First: {{steps}}', '{{steps}}']
      duration: '{{minutes}}'
      difficulty: '{{level}}'
    - kind: list
      title: Steps
      items: '{{steps}}'
      numbered: '{{numbered}}'
    - $when: extra
      kind: list
      title: Extra
      items: '{{extra}}'
`;

describe('templates with typed variables', () => {
  it('a whole-value placeholder keeps its type; inside text it interpolates; in a list it splices; $when drops empty scenes', () => {
    const body = instantiate(parseTemplate(template, 'probe.yaml'), { title: 'Git', steps: ['clone', 'commit'], minutes: 7 });
    expect(body.scenes).toEqual([
      { kind: 'learningObjectives', title: 'Learn Git in 7 minutes', objectives: ['First: clone, commit', 'clone', 'commit'], duration: 7, difficulty: 'easy' },
      { kind: 'list', title: 'Steps', items: ['clone', 'commit'], numbered: false },
    ]);
    expect(validateSpec({ id: 'x', ...body }).ok).toBe(true);
  });

  it('reports missing and mistyped variables with paths, all at once', () => {
    expect(() => instantiate(parseTemplate(template, 'probe.yaml'), { steps: 'clone', minutes: '7', level: 'medium', nope: 1 })).toThrow(
      expect.objectContaining({
        code: 'SPEC_INVALID',
        details: {
          problems: [
            { path: 'variables.title', message: expect.stringMatching(/^required: Title \(used at title, scenes\[0\]\.title\)/) },
            { path: 'variables.steps', message: 'expected a list, got string' },
            { path: 'variables.minutes', message: 'expected a number, got string' },
            { path: 'variables.level', message: 'expected one of "easy", "hard", got "medium"' },
            { path: 'variables.nope', message: expect.stringContaining('has no variable "nope"') },
          ],
        },
      }),
    );
  });

  it('rejects undeclared placeholders and enum variables without values', () => {
    expect(() => parseTemplate('name: t\ndescription: d\nvariables:\n  a: { type: enum, description: A }\nbody:\n  title: "{{b}}"\n', 't.yaml')).toThrow(
      expect.objectContaining({ details: { problems: [{ path: 'variables.a.values', message: expect.any(String) }, { path: 'body.title', message: '{{b}} is not declared under variables' }] } }),
    );
  });

  it('every built-in template instantiates to a valid spec from realistic answers', async () => {
    const names = (await listTemplates()).map((t) => t.name);
    expect(names).toEqual(['best-practices', 'comparison', 'overview', 'troubleshooting', 'tutorial']);
    const answers: Record<string, Record<string, unknown>> = {
      tutorial: { title: 'Deploy with Docker Compose', objectives: ['Write a compose file', 'Start every service with one command'], steps: ['Describe each service', 'Run docker compose up', 'Check the logs'], install: ['$ docker compose version'], code: 'services:\n  web:\n    image: nginx', language: 'yaml', minutes: 12 },
      overview: { title: 'SQLite', summary: 'A database in a single file', features: ['No server to run', 'Fast reads', 'Works everywhere'] },
      troubleshooting: { title: 'Port already in use', symptom: 'The server stops with EADDRINUSE when it starts.', causes: ['An old process still holds the port'], diagnose: ['$ lsof -i :3000'], fix_steps: ['Stop the old process', 'Start the server again'] },
      comparison: { title: 'npm or pnpm?', option_a: 'npm', option_b: 'pnpm', a_points: ['Ships with Node.js'], b_points: ['Saves disk space'], verdict: 'Pick pnpm for monorepos.', before_code: 'npm install', after_code: 'pnpm install', language: 'bash' },
      'best-practices': { title: 'Git commit messages', practices: ['Write a short summary line', 'Explain why, not how'], avoid: ['Messages like "fix stuff"'] },
    };
    for (const name of names) {
      const body = instantiate(await loadTemplate(name), answers[name]!);
      const r = validateSpec({ id: name, ...body });
      expect(r.ok, `${name}: ${JSON.stringify(r.problems)}`).toBe(true);
    }
  });

  it('a template instance file (template + variables) loads through the YAML adapter', async () => {
    const dir = tempFiles({ 'sqlite.yaml': { template: 'overview', variables: { title: 'SQLite', summary: 'A database in a single file', features: ['No server', 'One file'] }, theme: { accent: 'green' } } });
    const r = await loadYamlSource(join(dir, 'sqlite.yaml'));
    expect(r.format).toBe('canonical');
    expect(r.kind === 'video' && r.spec).toMatchObject({ id: 'sqlite', title: 'SQLite', theme: { accent: 'green' }, scenes: [{ kind: 'title' }, { kind: 'list', items: ['No server', 'One file'] }, { kind: 'outro' }] });
  });
});
