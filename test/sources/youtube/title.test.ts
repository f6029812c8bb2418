import { describe, expect, it } from 'vitest';
import { fromSubtitleText } from '../../../src/sources/subtitles.ts';
import { authorCasing, topicPhrase } from '../../../src/sources/youtube/key-points.ts';
import { chooseTitle, isMeaningfulTitle, titleFromFileName } from '../../../src/sources/youtube/title.ts';

const srt = (lines: readonly string[]) => lines.map((text, i) => `${i + 1}\n00:00:${String(i * 5).padStart(2, '0')},000 --> 00:00:${String(i * 5 + 4).padStart(2, '0')},000\n${text}\n`).join('\n');

describe('transcript titles', () => {
  it('come from the file name, without language tags or separators, in the author’s casing', () => {
    expect(titleFromFileName('sintel_en.srt')).toBe('Sintel');
    expect(titleFromFileName('/videos/cold-brew.en.vtt')).toBe('Cold brew');
    expect(titleFromFileName('talk.pt-BR.srt')).toBe('Talk');
    expect(titleFromFileName('iPhone_15_review.eng.srt')).toBe('iPhone 15 review');
    expect(titleFromFileName('The.Big.Lecture.1080p.WEB-DL.srt')).toBe('The Big Lecture');
    for (const name of ['captions.srt', 'subtitles.en.vtt', '1.srt', '3f9a0c2b7d.srt']) expect(titleFromFileName(name), name).toBeUndefined();
  });

  it('are never a lone adverb or filler ("Ago", "Almost", "Yeah")', () => {
    for (const word of ['Ago', 'Almost', 'Yeah', 'Okay', 'Just', 'Come and get']) expect(isMeaningfulTitle(word), word).toBe(false);
    expect(isMeaningfulTitle('Scales')).toBe(true);
    const text = 'A long time ago we met. Long ago, almost nobody came. Ages ago, yeah, ago. It was so long ago.';
    expect(topicPhrase(text, new Map())).not.toMatch(/^(?:Ago|Almost|Long|Yeah)$/i);
  });

  it('a transcript whose words are mostly "ago" is not titled "Ago"', async () => {
    const result = await fromSubtitleText(
      srt(['A long time ago, in a quiet valley, a dragon slept.', 'Long ago the valley was loud.', 'Years ago, ago, so long ago.', 'The dragon woke when the valley flooded.', 'Ages ago, the dragon guarded the valley.', 'Now the dragon sleeps again.']),
      'captions.srt',
    );
    if (result.kind !== 'video') throw new Error('expected a video');
    expect(result.spec.title).not.toMatch(/\bago\b/i);
    expect(result.spec.title).toMatch(/dragon|valley/i);
  });

  it('keep the author’s casing in headings and in the spoken intro', () => {
    expect(authorCasing('javascript', 'JavaScript runs one task at a time. In JavaScript, promises queue microtasks.')).toBe('JavaScript');
    expect(authorCasing('cold brew', 'Cold brew is steeped. Make cold brew at home.')).toBe('cold brew');
    expect(authorCasing('api keys', 'API keys are secrets.')).toBe('API keys');
    const chosen = chooseTitle({ fileTitle: 'Event loop', firstSentences: ["Today we're going to talk about the JavaScript event loop."], fallback: () => undefined });
    expect(chosen).toEqual({ title: 'JavaScript event loop', spoken: 'JavaScript event loop', isName: false });
    expect(chooseTitle({ fileTitle: 'Sintel', firstSentences: ['This blade has a dark past.'], fallback: () => 'Blade' }).title).toBe('Sintel');
    expect(chooseTitle({ metaTitle: 'Cold Brew (No Gear)', fileTitle: 'x', firstSentences: [], fallback: () => undefined }).title).toBe('Cold Brew (No Gear)');
  });
});
