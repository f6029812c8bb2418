import { readFileSync } from 'node:fs';
import type { SceneInput, VideoSpecInput } from '../src/spec/index.ts';

/** The neutral benchmark deck (../shared/bench/deck-12.json) in our spec format. */
interface DeckScene {
  kind: string;
  title?: string;
  subtitle?: string;
  items?: string[];
  language?: string;
  code?: string;
  text?: string;
  attribution?: string;
  left?: string;
  right?: string;
  question?: string;
  options?: string[];
  answer?: number;
}

/** Short narration per scene so each scene lasts exactly the deck's 5 s (lead-in + speech + tail ≤ 5 s). */
const NARRATION = [
  'How does the event loop work?',
  'Here is what you will learn.',
  'A first example prints four letters.',
  'The call stack runs one thing.',
  'Never block the event loop.',
  'Two kinds of queue.',
  'So this is the order of output.',
  'Blocking versus non-blocking code.',
  'Timers are not immediate.',
  'Which one logs first?',
  'The key takeaways.',
  'Thanks for watching.',
];

export function deck12Spec(path = new URL('../../shared/bench/deck-12.json', import.meta.url)): VideoSpecInput {
  const deck = JSON.parse(readFileSync(path, 'utf8')) as { scenes: DeckScene[]; fps: number; sceneSeconds: number };
  const scenes = deck.scenes.map((s, i): SceneInput => {
    const common = { id: `s${i + 1}`, narration: NARRATION[i]!, minDuration: deck.sceneSeconds, transition: 'fade' as const };
    switch (s.kind) {
      case 'title':
        return { ...common, kind: 'title', title: s.title!, ...(s.subtitle ? { subtitle: s.subtitle } : {}) };
      case 'list':
        return { ...common, kind: 'list', title: s.title!, items: s.items! };
      case 'code':
        return { ...common, kind: 'code', title: s.title!, code: s.code!, language: s.language ?? 'text' };
      case 'quote':
        return { ...common, kind: 'quote', text: s.text!, ...(s.attribution ? { attribution: s.attribution } : {}) };
      case 'comparison':
        return { ...common, kind: 'codeComparison', title: s.title!, before: { label: 'Blocking', code: s.left!, language: 'javascript' }, after: { label: 'Non-blocking', code: s.right!, language: 'javascript' } };
      case 'quiz':
        return { ...common, kind: 'quiz', question: s.question!, options: s.options!, answer: s.answer! };
      case 'outro':
        return { ...common, kind: 'outro', title: s.title!, ...(s.subtitle ? { subtitle: s.subtitle } : {}) };
      default:
        throw new Error(`deck scene kind ${s.kind} has no mapping`);
    }
  });
  return { id: 'deck-12', title: 'How the Event Loop Works', fps: deck.fps, voice: 'male', scenes };
}

/** A long video of the same scenes repeated, for the flat-memory check. */
export function longSpec(minutes: number): VideoSpecInput {
  const base = deck12Spec();
  const count = Math.round((minutes * 60) / 5);
  const scenes = Array.from({ length: count }, (_, i) => ({ ...base.scenes[i % base.scenes.length]!, id: `s${i + 1}` }));
  return { ...base, id: `long-${minutes}`, scenes };
}
