import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Scene, VideoSpec } from '../../src/spec/index.ts';
import { detectSource } from '../../src/sources/detect.ts';
import { DOCUMENT_BUDGET_SECONDS } from '../../src/sources/document/build.ts';
import { BALANCE } from '../../src/sources/document/editorial/plan.ts';
import { planSummary } from '../../src/sources/plan-summary.ts';
import type { SourceOptions, SourceResult } from '../../src/sources/types.ts';
import { narrateVideo } from '../../src/pipeline/narrate.ts';
import { planTimeline, toSrt } from '../../src/timeline/index.ts';
import { lintCaptions, parseCaptionFile } from '../../src/writing/caption-lint.ts';
import { splitSentences } from '../../src/writing/sentences.ts';
import { narrationFor } from '../../src/writing/templates.ts';
import { AudioCache, createDefaultRegistry } from '../../src/voice/index.ts';
import { tempDir } from '../pipeline/helpers.ts';

/**
 * Issue 11's "done when" over real third-party documents (test/fixtures/real, licences in LICENSES.md): each one goes
 * through the library path of `videogen create --spec-only` (its adapter, which runs the editorial pass), and the
 * specs it writes are checked as a viewer would judge the video.
 */

const REAL = new URL('../fixtures/real/', import.meta.url).pathname;

/** Each document with the title a person reading it would give the video (looked up by hand in each file). */
const CORPUS = [
  { file: 'ioredis-README.md', title: 'ioredis' }, // logo alt text; the first "# Features" is a section, not the title
  { file: 'commander-README.md', title: 'Commander.js' },
  { file: 'fast-check-README.md', title: 'fast-check' }, // the README opens with the project's logo named fast-check
  { file: 'shared-mime-info-spec.pdf', title: 'Shared MIME-info Database' }, // the spec's title page
  { file: 'users-and-groups.html', title: 'Users and Groups in the Debian System' }, // <title> and <h1>
  { file: 'base-passwd-README.docx', title: 'base-passwd for Debian' }, // the Title-style paragraph (core title: "base-passwd README")
  { file: 'sintel_en.srt', title: 'Sintel' }, // the film, from the file name sintel_en.srt
] as const;

/** The two longest documents, which need more than one video at the default budget. */
const LONGEST = ['ioredis-README.md', 'commander-README.md'] as const;

async function create(file: string, options: SourceOptions = {}): Promise<SourceResult> {
  const input = join(REAL, file);
  return (await detectSource(input)).load(input, options);
}

const specsOf = (r: SourceResult): VideoSpec[] => (r.kind === 'video' ? [r.spec] : r.specs);
const narrations = (spec: VideoSpec) => spec.scenes.map((s) => narrationFor(s));

/** What a scene shows; a scene is "without content" when its main slot is empty. */
function shows(scene: Scene): boolean {
  const text = (t: unknown) => typeof t === 'string' && t.trim().length > 0;
  switch (scene.kind) {
    case 'title':
    case 'outro':
      return text(scene.title);
    case 'list':
      return scene.items.length > 0 && scene.items.every((i) => text(typeof i === 'string' ? i : i.title));
    case 'code':
      return text(scene.code);
    case 'command':
      return scene.commands.some(text);
    case 'quote':
      return text(scene.text);
    default:
      return true;
  }
}

/** A web address a listener would hear spelled out: a scheme, "www.", or a domain followed by a path. A bare domain
 * ("redis.io") is allowed: issue 11 asks for "the link is in the description" or the domain name. */
const URL_READ = /\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.[a-z0-9-]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\/[\w/#?=&.-]+/i;
/** An e-mail address, written or spelled the way spam-shy documents write them ("tal197 at users.sf.net"). */
const EMAIL_READ = /[\w.+-]+@[\w-]+\.[\w.-]+|\b[\w.+-]+ (?:at|\[at\]) [\w-]+(?:\.| dot )[a-z]{2,}/i;

/**
 * A sentence template, as a listener hears repetition: the first three words (lower-cased, numbers and number words
 * masked as #) plus the shape of the last word (number, Capitalised, lower-case or code-like) and the final mark.
 * "Here is a TypeScript example." and "Here is a shell example." are one template ("here is a … x."); sentences that
 * only share an opening and end differently ("You can …" / "You can … Redis?") are not. This masks content words
 * by position rather than by part of speech: crude, but it is how a formula sounds (same start, same cadence).
 */
function sentenceTemplate(sentence: string): string {
  const words = sentence
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s'’]/gu, ' ')
    .trim()
    .split(/\s+/)
    .map((w) => (/^\d+$|^(?:one|two|three|four|five|six|seven|eight|nine|ten)$/.test(w) ? '#' : w));
  const last = sentence.trim().replace(/[.!?…:"'”’)]+$/, '').split(/\s+/).at(-1) ?? '';
  const shape = /^\d/.test(last) ? '#' : /[A-Z].*[a-z]|^[A-Z]/.test(last) && !/[._()]/.test(last) ? 'Xx' : /[._()/]/.test(last) ? 'code' : 'x';
  return `${words.slice(0, 3).join(' ')} … ${shape}${/[?!]$/.test(sentence.trim()) ? sentence.trim().at(-1) : '.'}`;
}

function repeatedTemplates(spec: VideoSpec): [string, number][] {
  const uses = new Map<string, number>();
  for (const n of narrations(spec)) for (const s of splitSentences(n, spec.language)) uses.set(sentenceTemplate(s), (uses.get(sentenceTemplate(s)) ?? 0) + 1);
  return [...uses].filter(([, n]) => n > 2);
}

const registry = createDefaultRegistry({ edge: false });
const cache = new AudioCache(join(tempDir('real-corpus-tts'), 'tts'));

/** The captions render-video.ts would write for `spec`: real espeak narration → planTimeline → toSrt, no frames. */
async function captionsOf(spec: VideoSpec): Promise<string> {
  const narration = await narrateVideo(spec, { registry, cache });
  const plan = planTimeline({ fps: spec.fps, scenes: spec.scenes.map((s, i) => ({ id: s.id ?? String(i), minDuration: s.minDuration, maxDuration: s.maxDuration, transition: s.transition })), narration: narration.map((n) => n.sentences) });
  return toSrt(plan.cues);
}

async function expectCleanCaptions(spec: VideoSpec): Promise<void> {
  const cues = parseCaptionFile(await captionsOf(spec));
  // Every narrated scene speaks at least one cue, so an empty file cannot pass for a clean one.
  expect(cues.length, spec.id).toBeGreaterThanOrEqual(spec.scenes.filter((s) => narrationFor(s).trim()).length);
  const violations = lintCaptions(cues, { fps: spec.fps });
  expect(violations.map((v) => `${v.rule} @${v.start.toFixed(1)}s: ${v.message}`), spec.id).toEqual([]);
}

describe('the real-document corpus through create --spec-only', () => {
  for (const doc of CORPUS) {
    describe(doc.file, () => {
      let made: Promise<SourceResult> | undefined;
      const result = () => (made ??= create(doc.file));

      it('has the title a reader would give it, in the author’s casing', async () => {
        const r = await result();
        for (const spec of specsOf(r)) {
          expect(spec.scenes[0]).toMatchObject({ kind: 'title' });
          if (r.kind === 'video') expect(spec.title).toBe(doc.title);
        }
        if (r.kind === 'set') expect(r.name).toBe(doc.title);
      });

      it('plans videos that fit the budget and never run over ten minutes', async () => {
        const plan = planSummary(specsOf(await result()), DOCUMENT_BUDGET_SECONDS);
        for (const video of plan.videos) {
          expect(video.seconds, video.title).toBeLessThanOrEqual(DOCUMENT_BUDGET_SECONDS);
          expect(video.seconds).toBeLessThanOrEqual(600);
        }
      });

      it('has no scene without content and reads no URL or e-mail address aloud', async () => {
        for (const spec of specsOf(await result())) {
          for (const scene of spec.scenes) expect(shows(scene), `${spec.id}/${scene.id}`).toBe(true);
          for (const n of narrations(spec)) {
            expect(n).not.toMatch(URL_READ);
            expect(n).not.toMatch(EMAIL_READ);
          }
          // The outro names the document, never its file ("Read the full guide: zod.md").
          expect(narrations(spec).join(' ')).not.toMatch(/\.(?:md|pdf|docx|html?|srt|vtt|txt)\b/i);
        }
      });

      it('uses no narration sentence template more than twice per video', async () => {
        for (const spec of specsOf(await result())) expect(repeatedTemplates(spec), spec.id).toEqual([]);
      });

      it('writes captions that pass the caption lint', async () => {
        for (const spec of specsOf(await result())) await expectCleanCaptions(spec);
      }, 240_000);
    });
  }

  for (const file of LONGEST) {
    it(`${file} with --videos auto: a balanced set, each video titled by its own content`, async () => {
      const single = await create(file);
      expect(single.kind).toBe('video');
      expect(single.warnings.join('\n')).toMatch(/--videos auto/);
      const r = await create(file, { videos: 'auto' });
      expect(r.kind).toBe('set');
      const plan = planSummary(specsOf(r), DOCUMENT_BUDGET_SECONDS);
      expect(plan.videos.length).toBeGreaterThan(1);
      const lengths = plan.videos.map((v) => v.seconds);
      expect(Math.max(...lengths) / Math.min(...lengths), lengths.join(' / ')).toBeLessThanOrEqual(BALANCE);
      for (const v of plan.videos) expect(v.seconds).toBeLessThanOrEqual(DOCUMENT_BUDGET_SECONDS);
      const titles = specsOf(r).map((s) => s.title);
      expect(new Set(titles).size).toBe(titles.length);
      for (const t of titles) expect(t).not.toMatch(/\bpart \d|\bpart (?:one|two|three)/i);
      for (const spec of specsOf(r)) {
        expect(repeatedTemplates(spec), spec.id).toEqual([]);
        for (const scene of spec.scenes) expect(shows(scene), `${spec.id}/${scene.id}`).toBe(true);
        for (const n of narrations(spec)) expect(n).not.toMatch(URL_READ);
        await expectCleanCaptions(spec);
      }
    }, 300_000);
  }
});
