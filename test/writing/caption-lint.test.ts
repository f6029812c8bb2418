import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderVideo } from '../../src/pipeline/render-video.ts';
import { loadVideoSpec } from '../../src/sources/spec-file.ts';
import { lintCaptions, parseCaptionFile } from '../../src/writing/caption-lint.ts';
import { tempDir, testConfig } from '../pipeline/helpers.ts';

const GOOD_SRT = `1
00:00:00,500 --> 00:00:03,000
Let's see how JavaScript runs

2
00:00:03,100 --> 00:00:05,600
many things on one thread.
`;

const BAD_VTT = `WEBVTT

NOTE made by hand, every rule broken once

00:00.000 --> 00:00.400
Too quick.

00:00.410 --> 00:09.000
<v Narrator>Far too long on screen</v>

00:09.000 --> 00:10.000
This cue is read far too fast for anyone at all to follow it

00:10.500 --> 00:12.500
one
two
three

00:12.000 --> 00:14.500
這是一個非常長的中文字幕行，超過了十六個字符的限制
`;

describe('caption lint', () => {
  it('passes a file within the rules', () => {
    const cues = parseCaptionFile(GOOD_SRT);
    expect(cues.map((c) => c.lines)).toEqual([["Let's see how JavaScript runs"], ['many things on one thread.']]);
    expect(lintCaptions(cues)).toEqual([]);
  });

  it('reports every rule with its cue', () => {
    const violations = lintCaptions(parseCaptionFile(BAD_VTT));
    const rules = violations.map((v) => `${v.cue}:${v.rule}`);
    expect(rules).toEqual(expect.arrayContaining(['1:too-short', '1:gap', '2:too-long', '3:reading-speed', '3:line-length', '4:lines', '4:order', '5:line-length']));
    // Markup is not counted: the voice tag leaves 21 visible characters, and cue 3 starts the moment cue 2 ends.
    expect(violations.filter((v) => v.cue === 2).map((v) => v.rule)).toEqual(['too-long', 'gap']);
    expect(violations.find((v) => v.cue === 5 && v.rule === 'line-length')!.message).toContain('at most 16');
  });

  it('`videogen captions lint` prints the violations and exits 1, or passes with 0', async () => {
    const dir = tempDir('caption-lint');
    writeFileSync(join(dir, 'good.en.srt'), GOOD_SRT);
    writeFileSync(join(dir, 'bad.vtt'), BAD_VTT);
    const run = async (...args: string[]) =>
      promisify(execFile)(process.execPath, ['bin/videogen.mjs', 'captions', 'lint', ...args]).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    const good = await run(join(dir, 'good.en.srt'));
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('2 cues, no violations');
    const bad = await run(join(dir, 'bad.vtt'));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/cue 3 at 0:09\.000: reading-speed: \d+\.\d characters a second; at most 17/);
    expect(bad.stdout).toMatch(/\d+ violation\(s\) in 5 cues/);
  }, 60_000);

  it("the README's example, rendered at the draft preset, has captions with 0 violations (SRT and WebVTT)", async () => {
    const out = tempDir('example-captions');
    await renderVideo(await loadVideoSpec('examples/event-loop.yaml'), { outputDir: out, preset: 'draft', config: testConfig() });
    const srt = join(out, 'captions.en.srt');
    const cues = parseCaptionFile(readFileSync(srt, 'utf8'));
    expect(cues.length).toBeGreaterThanOrEqual(8);
    expect(lintCaptions(cues)).toEqual([]);
    expect(lintCaptions(parseCaptionFile(readFileSync(join(out, 'captions.en.vtt'), 'utf8')))).toEqual([]);
    const cli = await promisify(execFile)(process.execPath, ['bin/videogen.mjs', 'captions', 'lint', srt]);
    expect(cli.stdout).toContain(`${cues.length} cues, no violations`);
  }, 180_000);
});
