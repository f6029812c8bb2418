import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { shortFromTopic } from '../../src/sources/short/index.ts';
import type { LlmMessage, LlmProvider } from '../../src/writing/llm/types.ts';
import { VideogenError } from '../../src/errors.ts';

/** A model that answers from a list, recording what it was asked; the schema check is the real one. */
function scriptedLlm(replies: unknown[]): LlmProvider & { asked: LlmMessage[][] } {
  const asked: LlmMessage[][] = [];
  return {
    id: 'fake',
    model: 'fake-1',
    asked,
    async generate<T>(request: { messages: LlmMessage[]; schema: z.ZodType<T> }): Promise<T> {
      asked.push(request.messages);
      return request.schema.parse(replies.shift());
    },
  };
}

const line = (screen: string, say: string) => ({ screen, say });
const beat = (n: number) => line(`Point ${n}`, `This is point number ${n}, and it takes a couple of clear sentences to say well. Here is the second sentence of it.`);
const good = {
  title: 'Why Octopuses Are Smart',
  description: 'Three reasons octopuses outthink us.',
  niche: 'facts',
  hook: line('Nine brains?', 'An octopus has a brain in every arm, and that changes everything about how it thinks.'),
  beats: [beat(1), beat(2), beat(3), beat(4)],
  cta: line('Follow for more', 'Follow for one ocean fact every day.'),
};

describe('Short written by a language model', () => {
  it('uses a valid script as it is', async () => {
    const llm = scriptedLlm([good]);
    const r = await shortFromTopic('Why octopuses are smart', llm, { broll: true });
    expect(r.writer).toBe('llm');
    expect(r.niche).toBe('facts');
    expect(r.spec).toMatchObject({ aspect: '9:16', broll: 'auto', captions: { burnIn: true, style: { mode: 'words' } } });
    expect(r.spec.scenes.map((s) => s.kind)).toEqual(['title', 'title', 'title', 'title', 'title', 'outro']);
    expect(llm.asked).toHaveLength(1);
  });

  it('sends the problems back once: too few beats, a wordy hook, a money topic without a disclaimer', async () => {
    const bad = { ...good, hook: line('This hook has far too many words to read in two seconds', good.hook.say), beats: [beat(1), line('Invest', 'Put your savings into index funds.')] };
    const llm = scriptedLlm([bad, { ...good, disclaimer: 'This is not financial advice.' }]);
    const r = await shortFromTopic('Why octopuses are smart', llm, {});
    expect(llm.asked).toHaveLength(2);
    const repair = llm.asked[1]!.at(-1)!.content;
    expect(repair).toMatch(/beats: 2; write 3 to 5/);
    expect(repair).toMatch(/hook\.screen: 12 words/);
    expect(repair).toMatch(/This is not financial advice/);
    expect(r.spec.scenes.at(-1)!.narration).toContain('This is not financial advice.');
  });

  it('gives up with SPEC_INVALID when the repair is still broken', async () => {
    const bad = { ...good, beats: [beat(1)] };
    const error = await shortFromTopic('Why octopuses are smart', scriptedLlm([bad, bad]), {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VideogenError);
    expect((error as VideogenError).code).toBe('SPEC_INVALID');
  });
});
