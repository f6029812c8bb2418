import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseSpecText, validateSpec } from '../../src/spec/index.ts';
import { tempDir } from '../pipeline/helpers.ts';
import { startHttp } from '../voice/http-server.ts';

const run = promisify(execFile);
const BIN = new URL('../../bin/videogen.mjs', import.meta.url).pathname;

async function videogen(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { maxBuffer: 1 << 24, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const NO_LLM = { ANTHROPIC_API_KEY: '', OPENAI_API_KEY: '', OPENAI_BASE_URL: '' };

describe('videogen create', () => {
  it('writes an editable spec from a Markdown document with --spec-only', async () => {
    const out = tempDir('create-spec');
    const r = await videogen(['create', 'test/fixtures/sources/documents/quiver-README.md', '--spec-only', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const file = readdirSync(out).find((f) => f.endsWith('.yaml'))!;
    const parsed = validateSpec(parseSpecText(readFileSync(join(out, file), 'utf8')).data);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.scenes.length).toBeGreaterThan(4);
  });

  it('splits a long document into a set with --videos', async () => {
    const out = tempDir('create-set');
    const r = await videogen(['create', 'test/fixtures/sources/documents/quiver-README.md', '--videos', '2', '--spec-only', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith('.yaml')).length).toBe(2);
  });

  it('prints the plan and writes plan.json next to the specs; a long document is condensed to one video and told about --videos auto', async () => {
    const out = tempDir('create-plan');
    const r = await videogen(['create', 'test/fixtures/real/commander-README.md', '--spec-only', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^plan \(target 3:00\):\n {2}Commander\.js: \d+ scenes, about [0-3]\.\d min \([0-3]:\d\d\)$/m);
    expect(r.stderr).toMatch(/warning: skipped 1 boilerplate section\(s\): "Support" \(support\)/);
    expect(r.stderr).toMatch(/warning: to fit 3:00, left out .*`--videos auto` would make a set of \d+ videos/);
    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8'));
    expect(plan.budgetSeconds).toBe(180);
    expect(plan.videos).toHaveLength(1);
    const spec = parseSpecText(readFileSync(join(out, `${plan.videos[0].id}.yaml`), 'utf8')).data as { scenes: unknown[] };
    expect(plan.videos[0].scenes).toBe(spec.scenes.length);
    expect(plan.videos[0].perScene).toHaveLength(spec.scenes.length);
    expect(plan.videos[0].seconds).toBeLessThanOrEqual(180);
    const sum = plan.videos[0].perScene.reduce((n: number, s: { seconds: number }) => n + s.seconds, 0);
    expect(Math.abs(sum - plan.videos[0].seconds)).toBeLessThan(0.1 * plan.videos[0].perScene.length);
  });

  it('--videos auto makes a balanced set and --duration changes the budget', async () => {
    const out = tempDir('create-auto');
    const r = await videogen(['create', 'test/fixtures/real/commander-README.md', '--videos', 'auto', '--spec-only', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8'));
    expect(plan.videos.length).toBeGreaterThan(1);
    expect(readdirSync(out).filter((f) => f.endsWith('.yaml')).length).toBe(plan.videos.length);
    expect(r.stdout).toMatch(new RegExp(`total: ${plan.videos.length} videos, ${plan.scenes} scenes, about \\d+\\.\\d min`));
    const lengths = plan.videos.map((v: { seconds: number }) => v.seconds);
    expect(Math.max(...lengths) / Math.min(...lengths)).toBeLessThanOrEqual(1.3);

    const longer = tempDir('create-duration');
    const l = await videogen(['create', 'test/fixtures/real/commander-README.md', '--duration', '420', '--spec-only', '-o', longer, '--json']);
    expect(l.code, l.stderr).toBe(0);
    const line = JSON.parse(l.stdout.split('\n')[0]!);
    expect(line).toMatchObject({ type: 'plan', budgetSeconds: 420 });
    expect(line.videos[0].seconds).toBeGreaterThan(300);
    expect(line.videos[0].seconds).toBeLessThanOrEqual(420);
  });

  it('--ai rewrites each video of a set to its own planned length, never more than the budget', async () => {
    const server = await startHttp((req) => {
      const ids = [...JSON.parse(req.body).messages.at(-1).content.matchAll(/"id": "([^"]+)"/g)].map((m: RegExpMatchArray) => m[1]);
      const scenes = ids.map((id) => ({ id, narration: `Scene ${id} says one plain sentence.` }));
      return { status: 200, body: JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify({ scenes }) }, finish_reason: 'stop' }] }) };
    });
    try {
      const out = tempDir('create-ai');
      const r = await videogen(['create', 'test/fixtures/real/commander-README.md', '--videos', '2', '--ai', '--spec-only', '-o', out], { ...NO_LLM, OPENAI_BASE_URL: server.baseUrl });
      expect(r.code, r.stderr).toBe(0);
      const targets = server.requests.map((q) => Number(/about ([\d.]+) seconds/.exec(JSON.parse(q.body).messages.at(-1).content)![1]));
      expect(targets).toHaveLength(2);
      for (const t of targets) {
        expect(t).toBeGreaterThan(120);
        expect(t).toBeLessThanOrEqual(180);
      }
      const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8'));
      expect(plan.videos).toHaveLength(2);
      const spec = parseSpecText(readFileSync(join(out, `${plan.videos[0].id}.yaml`), 'utf8')).data as { scenes: { narration: string }[] };
      expect(spec.scenes[1]!.narration).toMatch(/^Scene .* says one plain sentence\.$/);
    } finally {
      await server.close();
    }
  });

  it('refuses a --duration too short for any video as a usage error naming the minimum', async () => {
    const r = await videogen(['create', 'test/fixtures/real/fast-check-README.md', '--duration', '1', '--spec-only', '-o', tempDir('create-short')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/USAGE: --duration 1 is too short: a video needs at least 20 seconds/);
    expect(r.stderr).not.toMatch(/SOURCE_UNREADABLE/);
  });

  it('prints what was left out and what was shortened on separate lines, each ending its list with "and N more", never cut', async () => {
    const r = await videogen(['create', 'test/fixtures/real/commander-README.md', '--spec-only', '-o', tempDir('create-warnings')]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('warning: to fit'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^warning: to fit 3:00, left out \d+ section\(s\): "Action handler", .* and \d+ more; `--videos auto` would make a set of \d+ videos/);
    expect(lines[1]).toMatch(/^warning: to fit 3:00, shortened \d+ section\(s\): "Quick Start", .* and \d+ more$/);
    // safeToShow marks a cut with "…" in the middle; a warning under the cap is printed whole.
    for (const line of lines) expect(line.length).toBeLessThan(400);
    for (const line of lines) expect(line).not.toContain('…');
  });

  it('refuses --videos that is neither a count nor auto', async () => {
    const r = await videogen(['create', 'test/fixtures/real/commander-README.md', '--videos', 'many', '--spec-only', '-o', tempDir('create-bad')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--videos must be a whole number of videos or "auto"/);
  });

  it('renders a small Markdown file to a finished video', async () => {
    const dir = tempDir('create-render');
    const md = join(dir, 'notes.md');
    writeFileSync(md, '# Brewing Tea\n\nGood tea needs the right water temperature.\n\n## Steps\n\n- Heat water to 80 °C\n- Steep for three minutes\n- Remove the leaves\n');
    const r = await videogen(['create', md, '-o', join(dir, 'out'), '--preset', 'draft', '--json'], { VIDEOGEN_HOME: join(dir, 'home') });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(dir, 'out', 'video.mp4'))).toBe(true);
  }, 120_000);

  it('explains which variables to set when --topic has no language model', async () => {
    const r = await videogen(['create', '--topic', 'black holes'], NO_LLM);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ANTHROPIC_API_KEY/);
    expect(r.stderr).toMatch(/OPENAI_API_KEY/);
  });

  it('names the problem for sources it cannot read', async () => {
    const missing = await videogen(['create', 'no-such-file.md']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/SOURCE_UNREADABLE: no such file/);
  });
});
