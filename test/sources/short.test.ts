import { describe, expect, it } from 'vitest';
import { NICHES, detectNiche, shortFromTopic, templateShortScript } from '../../src/sources/short/index.ts';
import { topicPhrase } from '../../src/sources/short/topic-phrase.ts';
import { planSummary } from '../../src/sources/plan-summary.ts';
import { checkSpecContent } from '../../src/writing/content-check.ts';
import { VideogenError } from '../../src/errors.ts';

const TOPICS = ['Why octopuses are smart', 'the Roman Empire', 'Is coffee bad for you?', 'What is DNS', 'How to start investing', 'compound interest', 'Stoicism and anger'];

describe('offline Short from a topic', () => {
  for (const niche of NICHES) {
    it(`${niche}: a valid 9:16 spec of 30–60 s with a hook, 3–5 beats and a call to action, word captions in the middle`, async () => {
      for (const topic of TOPICS) {
        const { spec, writer } = await shortFromTopic(topic, undefined, { niche });
        expect(writer).toBe('template');
        expect(spec.aspect).toBe('9:16');
        expect(spec.captions).toMatchObject({ burnIn: true, style: { mode: 'words', position: 'middle' } });
        const seconds = planSummary([spec]).videos[0]!.seconds;
        expect(seconds, `${niche} / ${topic}`).toBeGreaterThanOrEqual(30);
        expect(seconds, `${niche} / ${topic}`).toBeLessThanOrEqual(60);
        const [hook, ...rest] = spec.scenes;
        const cta = rest.pop()!;
        expect(hook!.kind).toBe('title');
        expect(cta.kind).toBe('outro');
        expect(rest.length).toBeGreaterThanOrEqual(3);
        expect(rest.length).toBeLessThanOrEqual(5);
        for (const scene of spec.scenes) {
          expect(scene.narration, `${niche}: every scene is narrated`).toBeTruthy();
          // Real sentences: capitalised, ending in punctuation, no unfilled placeholder.
          expect(scene.narration!).toMatch(/^[A-Z][^{}]*[.?!]$/);
        }
        // The hook's headline reads in two seconds.
        expect((hook as { title: string }).title.split(' ').length).toBeLessThanOrEqual(8);
        // The templates add their own disclaimers: nothing left for the content check to flag.
        expect(checkSpecContent(spec), `${niche} / ${topic}`).toEqual([]);
      }
    });
  }

  it('puts a topic in sentences grammatically, whatever its form', () => {
    expect(topicPhrase('Why octopuses are smart').about).toBe('why octopuses are smart');
    expect(topicPhrase('What is DNS').about).toBe('what DNS is');
    expect(topicPhrase('The Roman Empire').about).toBe('the Roman Empire');
    expect(topicPhrase('Is coffee bad for you?')).toMatchObject({ about: 'this question', question: 'Is coffee bad for you?' });
    expect(topicPhrase('Why do cats purr')).toMatchObject({ about: 'this question', question: 'Why do cats purr?' });
    const { script } = templateShortScript('Is coffee bad for you?', { niche: 'health' });
    expect(script.hook.say.startsWith('Is coffee bad for you? ')).toBe(true);
    expect(JSON.stringify(script)).not.toMatch(/about (is|do|does|can) /i);
  });

  it('varies with the seed and is stable for the same seed', () => {
    const a = templateShortScript('Why octopuses are smart', { seed: 1 }).script;
    const b = templateShortScript('Why octopuses are smart', { seed: 1 }).script;
    const variants = new Set([0, 1, 2, 3, 4, 5].map((seed) => JSON.stringify(templateShortScript('Why octopuses are smart', { seed }).script)));
    expect(a).toEqual(b);
    expect(variants.size).toBeGreaterThan(2);
  });

  it('detects the niche from the topic words', () => {
    expect(detectNiche('Why octopuses are smart')).toBe('facts');
    expect(detectNiche('How to start investing in index funds')).toBe('finance');
    expect(detectNiche('The fall of the Roman Empire')).toBe('history');
    expect(detectNiche('A breathing exercise for sleep')).toBe('meditation');
    expect(detectNiche('Intermittent fasting and your diet')).toBe('health');
    expect(detectNiche('What Seneca said about anger')).toBe('philosophy');
  });

  it('adds the disclaimer for health and money, said and shown in the outro', async () => {
    for (const [niche, text] of [['finance', 'This is not financial advice.'], ['health', 'not medical advice']] as const) {
      const { spec } = await shortFromTopic('Saving for later', undefined, { niche });
      const outro = spec.scenes.at(-1) as { narration: string; subtitle?: string };
      expect(outro.narration).toContain(text);
      expect(outro.subtitle).toContain(text);
    }
    // A money topic in another niche gets the disclaimer too, because the content check asks for it.
    const { spec } = await shortFromTopic('How to start investing', undefined, { niche: 'motivation' });
    expect(spec.scenes.at(-1)!.narration).toContain('This is not financial advice.');
  });

  it('refuses a non-English Short offline instead of speaking English stock phrases', async () => {
    const error = await shortFromTopic('Pourquoi les pieuvres sont intelligentes', undefined, { language: 'fr' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VideogenError);
    expect((error as VideogenError).code).toBe('USAGE');
    expect((error as Error).message).toMatch(/English only.*language model/);
  });

  it('with --broll the spec asks for footage of the topic behind the template scenes', async () => {
    const { spec } = await shortFromTopic('Why octopuses are smart', undefined, { broll: true });
    expect(spec.broll).toBe('auto');
    expect(spec.scenes.slice(0, -1).every((s) => JSON.stringify(s.background) === '{"stock":"octopuses"}')).toBe(true);
    const plain = await shortFromTopic('Why octopuses are smart', undefined, {});
    expect(plain.spec.scenes.every((s) => s.background === undefined)).toBe(true);
  });
});
