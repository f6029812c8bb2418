import { VideogenError } from '../../errors.ts';
import { validateSpec, type Accent, type BrollMode, type MusicMood, type VideoSpec } from '../../spec/index.ts';
import { estimateVideoSeconds } from '../document/editorial/estimate.ts';
import { checkContent } from '../../writing/content-check.ts';
import { FINANCIAL_DISCLAIMER, MEDICAL_DISCLAIMER, TEMPLATES, type Line } from './templates.ts';
import { detectNiche, type Niche } from './niches.ts';
import { titleCase, topicPhrase } from './topic-phrase.ts';

/**
 * A Short's script, whoever wrote it (the language model or a niche template): a hook, three to five beats and a
 * call to action, each a short on-screen line and the narration said over it. `shortSpec` turns it into a 9:16 spec.
 */
export interface ShortScript {
  title: string;
  description?: string;
  hook: Line;
  beats: Line[];
  cta: Line;
  /** Said at the very end (and shown under the call to action): a medical or financial disclaimer. */
  disclaimer?: string;
}

export const SHORT_SECONDS = { min: 30, max: 60, default: 45 } as const;
export const SHORT_BEATS = { min: 3, max: 5 } as const;

export interface ShortOptions {
  niche?: Niche;
  /** Picks the template variants; the same topic and seed always give the same script. */
  seed?: number;
  /** Target length, clamped to 30–60 s. */
  durationSeconds?: number;
  language?: string;
  broll?: boolean;
}

/** Shorts captions: burned in, a few words at a time, centred above YouTube's Shorts controls. */
export const SHORT_CAPTIONS = { file: true, burnIn: true, style: { position: 'middle', size: 'large', mode: 'words' } } as const;

function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48) || 'short';
}

/** FNV-1a of the topic mixed with the seed, then mulberry32: small, stable across platforms. */
function randomFor(topic: string, seed: number): () => number {
  let h = 2166136261 ^ seed;
  for (const ch of topic.toLowerCase()) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function clampShortSeconds(seconds: number | undefined): number {
  return Math.max(SHORT_SECONDS.min, Math.min(SHORT_SECONDS.max, seconds ?? SHORT_SECONDS.default));
}

export function isEnglish(language: string | undefined): boolean {
  return !language || /^en(-|$)/i.test(language);
}

/** The spec a Short script makes: title scenes with big text (footage behind them with b-roll), an outro. */
export function shortSpec(script: ShortScript, o: { accent?: Accent; language?: string; broll?: BrollMode; stock?: string; mood?: MusicMood } = {}): { ok: true; value: VideoSpec } | { ok: false; problems: { path: string; message: string }[] } {
  const closing = [script.cta.say, script.disclaimer].filter(Boolean).join(' ');
  // Template sentences name nothing concrete ("Look a little closer…"), so with b-roll their footage is searched by
  // the topic itself; a model's script is specific enough for b-roll to follow each sentence.
  const background = o.stock && o.broll === 'auto' ? { background: { stock: o.stock } } : {};
  return validateSpec({
    id: slug(script.title),
    title: script.title,
    ...(script.description ? { description: script.description } : {}),
    language: o.language ?? 'en',
    aspect: '9:16',
    theme: { accent: o.accent ?? 'blue', mode: 'dark' },
    captions: SHORT_CAPTIONS,
    broll: o.broll ?? 'off',
    // Music from the music library by the niche's mood; without a library the Short renders without it (one warning).
    ...(o.mood ? { music: { src: 'auto', mood: o.mood } } : {}),
    scenes: [
      { kind: 'title', id: 'hook', title: script.hook.screen, narration: script.hook.say, minDuration: 2, ...background },
      ...script.beats.map((beat, i) => ({ kind: 'title', id: `beat-${i + 1}`, badge: `${i + 1} / ${script.beats.length}`, title: beat.screen, narration: beat.say, minDuration: 3, ...background })),
      { kind: 'outro', id: 'cta', title: script.cta.screen, ...(script.disclaimer ? { subtitle: script.disclaimer } : {}), narration: closing, minDuration: 3 },
    ],
  });
}

/** Estimated seconds of a Short script as rendered (the editorial estimate: lead-ins, pauses, tails). */
export function estimateShortSeconds(script: ShortScript, language = 'en'): number {
  const scenes = [script.hook, ...script.beats, { screen: script.cta.screen, say: [script.cta.say, script.disclaimer].filter(Boolean).join(' ') }];
  return estimateVideoSeconds(scenes.map((l, i) => ({ kind: 'title', title: l.screen, narration: l.say, minDuration: i === 0 ? 2 : 3 })), language);
}

/** The disclaimer a script needs (health or money talk), or none. */
function disclaimerFor(niche: Niche, texts: string[]): string | undefined {
  const own = TEMPLATES[niche].disclaimer;
  const kinds = new Set(checkContent(texts).map((i) => i.kind));
  const needed = [own, kinds.has('medical-disclaimer') ? MEDICAL_DISCLAIMER : undefined, kinds.has('financial-disclaimer') ? FINANCIAL_DISCLAIMER : undefined].filter((d): d is string => Boolean(d));
  return needed.length ? [...new Set(needed)].join(' ') : undefined;
}

/**
 * The offline Short: the niche's template filled from the topic. Beats are added in order while the estimate stays
 * within the target (three at least, five at most).
 */
export function templateShortScript(topic: string, options: ShortOptions = {}): { script: ShortScript; niche: Niche } {
  if (!isEnglish(options.language)) {
    throw new VideogenError('USAGE', `the built-in Short templates are English only; for --lang ${options.language} configure a language model (ANTHROPIC_API_KEY or OPENAI_API_KEY/OPENAI_BASE_URL) so it writes the script in that language`);
  }
  const niche = options.niche ?? detectNiche(topic);
  const template = TEMPLATES[niche];
  const random = randomFor(topic, options.seed ?? 0);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const phrase = topicPhrase(topic);
  const fill = (text: string) => text.replaceAll('{about}', phrase.about);
  const hookSay = [phrase.question, fill(pick(template.hooks))].filter(Boolean).join(' ');
  const beatLines = template.beats.map((variants) => {
    const line = pick(variants);
    return { screen: line.screen, say: fill(line.say) };
  });
  const cta = pick(template.ctas);
  const target = clampShortSeconds(options.durationSeconds);
  const draft = (n: number): ShortScript => {
    // The last slot closes the arc (a lesson, a way forward), so shorter scripts drop middle beats, not the ending.
    const beats = [...beatLines.slice(0, n - 1), beatLines[beatLines.length - 1]!];
    const disclaimer = disclaimerFor(niche, [topic, hookSay, ...beats.map((b) => b.say), cta.say]);
    return { title: titleCase(topic.trim().replace(/\s+/g, ' ').replace(/[.!…:;,]+$/u, '')).slice(0, 100), description: hookSay, hook: { screen: phrase.title, say: hookSay }, beats, cta: { screen: cta.screen, say: cta.say }, ...(disclaimer ? { disclaimer } : {}) };
  };
  let script = draft(SHORT_BEATS.min);
  for (let n = SHORT_BEATS.min + 1; n <= SHORT_BEATS.max; n++) {
    const longer = draft(n);
    if (estimateShortSeconds(longer) > target) break;
    script = longer;
  }
  return { script, niche };
}

/** Accent per niche, so a channel's Shorts look related. */
export function nicheAccent(niche: Niche): Accent {
  return TEMPLATES[niche].accent;
}
