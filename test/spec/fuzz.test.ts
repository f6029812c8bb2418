import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { isVideogenError } from '../../src/errors.ts';
import { SCENE_KINDS, parseSpecText, validateSet, validateSpec } from '../../src/spec/index.ts';
import { detectFormat } from '../../src/sources/video-gen/detect.ts';
import { loadUploadedSpec } from '../../src/sources/yaml.ts';

/**
 * 100,000 random YAML/JSON documents through the spec parser and validators, and a share of them through the
 * upload loader (format detection, video_gen conversion, templates, sets with NO_FILES): whatever comes in, the
 * only thing that may come out besides a result is a VideogenError with a code.
 */
const ROOT = new URL('../..', import.meta.url).pathname;
const REAL = ['examples/all-kinds.yaml', 'examples/event-loop.yaml', 'test/fixtures/sources/video-gen/example_simple.yaml', 'test/fixtures/sources/video-gen/03_scene_types.yaml', 'test/fixtures/sources/video-gen/tutorial-from-template.yaml', 'test/fixtures/sources/video-gen/sets/tutorial_series_example/set_config.yaml', 'test/fixtures/sources/yaml-set/series.yaml'].map((f) => readFileSync(join(ROOT, f), 'utf8'));

function onlyCodedErrors(run: () => void): void {
  try {
    run();
  } catch (error) {
    if (!isVideogenError(error)) throw error;
  }
}

function checkText(text: string): void {
  onlyCodedErrors(() => {
    const { data, lineOf } = parseSpecText(text, 'fuzz.yaml');
    lineOf(['scenes', 0, 'title']);
    detectFormat(data, text);
    for (const validate of [validateSpec, validateSet]) {
      const r = validate(data);
      if (!r.ok) for (const p of r.problems) expect(typeof p.message).toBe('string');
    }
  });
}

/**
 * A window of up to 25 lines of a real spec (small documents keep 100,000 runs fast) with text edits that keep most
 * of its shape: cut, insert, duplicate or swap lines, retype a scalar.
 */
const REAL_LINES = REAL.map((text) => text.split('\n'));
const realWindow = fc.tuple(fc.nat(REAL_LINES.length - 1), fc.nat(), fc.integer({ min: 3, max: 25 })).map(([f, start, length]) => {
  const lines = REAL_LINES[f]!;
  const from = start % lines.length;
  return lines.slice(from, from + length).join('\n');
});
const mutatedReal = fc
  .tuple(realWindow, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('cut', 'insert', 'dup', 'swap', 'scalar'), fc.string({ maxLength: 12 })), { minLength: 1, maxLength: 4 }))
  .map(([text, edits]) => {
    let lines = text.split('\n');
    for (const [a, b, op, s] of edits) {
      const i = a % lines.length;
      const j = b % lines.length;
      if (op === 'cut') lines.splice(i, 1 + (j % 3));
      else if (op === 'insert') lines.splice(i, 0, s);
      else if (op === 'dup') lines.splice(i, 0, ...lines.slice(i, i + 1 + (j % 5)));
      else if (op === 'swap') [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      else lines[i] = (lines[i] ?? '').replace(/: .*$/, `: ${s}`);
      if (!lines.length) lines = [''];
    }
    return lines.join('\n');
  });

/** Spec-shaped data with random values where the fields are, so the validators' deeper paths run. */
const specShaped = fc.record(
  {
    id: fc.oneof(fc.string({ maxLength: 8 }), fc.constant('ok-id')),
    title: fc.oneof(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 })),
    fps: fc.oneof(fc.constantFrom(24, 30, 1e308, -1, 0.5), fc.double()),
    music: fc.jsonValue({ maxDepth: 1 }),
    template: fc.oneof(fc.constantFrom('overview', 'tutorial', '../x.yaml', '/etc/passwd'), fc.string({ maxLength: 8 })),
    variables: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    videos: fc.array(fc.oneof(fc.record({ file: fc.string({ maxLength: 10 }) }), fc.jsonValue({ maxDepth: 2 })), { maxLength: 3 }),
    set: fc.record({ id: fc.string({ maxLength: 5 }), videos: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }) }, { requiredKeys: [] }),
    video: fc.dictionary(fc.constantFrom('title', 'video_id', 'accent_color', 'voice'), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
    scenes: fc.array(
      fc.record(
        {
          kind: fc.oneof(fc.constantFrom(...SCENE_KINDS), fc.string({ maxLength: 6 })),
          type: fc.constantFrom('title', 'list', 'command', 'outro', 'quiz'),
          scene_type: fc.constantFrom('title', 'list', 'command', 'outro', 'quiz', 'code_comparison'),
          title: fc.jsonValue({ maxDepth: 1 }),
          items: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
          options: fc.array(fc.jsonValue({ maxDepth: 0 }), { maxLength: 7 }),
          answer: fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 3 })),
          minDuration: fc.oneof(fc.double(), fc.string({ maxLength: 4 })),
          visual_content: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 4 },
    ),
  },
  { requiredKeys: [] },
);

const documents = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
  fc.jsonValue({ maxDepth: 3 }).map((v) => stringify(v)),
  fc.object({ maxDepth: 2 }).map((v) => stringify(v)),
  realWindow,
  fc.string({ maxLength: 60 }),
  fc.string({ unit: fc.constantFrom('-', ' ', ':', '[', ']', '{', '}', '&a', '*a', '!', '|', '>', '\n', '#', '"', "'", 'a', '1', '?', ',', '<<') , maxLength: 40 }),
  specShaped.map((v) => stringify(v)),
  mutatedReal,
);

describe('spec parser and validators under random input', () => {
  it('90,000 documents: parseSpecText, detectFormat, validateSpec and validateSet throw nothing but coded errors', () => {
    fc.assert(fc.property(documents, checkText), { numRuns: 90_000 });
    // ~150 s on an idle 2-core machine; the bound is generous because CI machines are shared, and this is not a speed test.
  }, 600_000);

  it('10,000 documents through the upload loader (detect, convert, templates, sets): coded errors only', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(specShaped.map((v) => stringify(v)), mutatedReal, fc.jsonValue({ maxDepth: 3 }).map((v) => stringify(v))), async (text) => {
        try {
          await loadUploadedSpec(text, 'fuzz.yaml');
        } catch (error) {
          if (!isVideogenError(error)) throw error;
        }
      }),
      { numRuns: 10_000 },
    );
  }, 240_000);
});
