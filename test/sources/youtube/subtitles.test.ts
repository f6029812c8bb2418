import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromSubtitles, parseSubtitles, subtitleSource } from '../../../src/sources/subtitles.ts';
import { cleanSpokenText, summarise } from '../../../src/writing/summarise.ts';
import { condenseSentence } from '../../../src/sources/youtube/condense.ts';
import { narrationFor } from '../../../src/writing/templates.ts';
import { FIXTURES, expectGoodTranscriptSpec } from './helpers.ts';

const REAL = new URL('../../fixtures/real/', import.meta.url).pathname;
const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

describe('subtitle parsing', () => {
  it('reads SRT and WebVTT with BOM, CRLF, cue settings, hour-less times and styling tags', () => {
    const vtt = '\uFEFFWEBVTT - talk\r\nKind: captions\r\n\r\nNOTE a note\r\nspanning lines\r\n\r\nSTYLE\r\n::cue { color: lime }\r\n\r\nintro\r\n00:01.500 --> 00:04.000 align:start position:10%\r\n<v Ana>Hello <i>there</i>,</v>\r\n<c.yellow>friends</c> &amp; family\r\n\r\n01:02:03.250 --> 01:02:05.000\r\n<00:00:01.000><c>Rolling</c> words\r\n';
    expect(parseSubtitles(vtt)).toEqual([
      { start: 1.5, end: 4, text: 'Hello there, friends & family' },
      { start: 3723.25, end: 3725, text: 'Rolling words' },
    ]);
    const srt = '1\n00:00:01,000 --> 00:00:02,500\n<font color="#fff">One</font>\n\n2\n00:00:02,600 --> 00:00:04,000 X1:100 X2:200 Y1:1 Y2:2\n{\\an8}Two lines\nof text\n';
    expect(parseSubtitles(srt)).toEqual([
      { start: 1, end: 2.5, text: 'One' },
      { start: 2.6, end: 4, text: 'Two lines of text' },
    ]);
  });

  it('drops the repeated line of rolling auto-captions', () => {
    const vtt = 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nthe first line\n\n00:00:02.000 --> 00:00:04.000\nthe first line and the second\n\n00:00:04.000 --> 00:00:04.010\nthe first line and the second\n';
    expect(parseSubtitles(vtt).map((c) => c.text)).toEqual(['the first line', 'and the second']);
  });

  it('gives the same scenes for the SRT and the VTT export of one talk', async () => {
    const fromSrt = await fromSubtitles(`${FIXTURES}cold-brew.srt`);
    const fromVtt = await fromSubtitles(`${FIXTURES}cold-brew.en.vtt`);
    if (fromSrt.kind !== 'video' || fromVtt.kind !== 'video') throw new Error('expected videos');
    const strip = (json: string) => json.replaceAll('cold-brew.en.vtt', 'X').replaceAll('cold-brew.srt', 'X');
    expect(strip(JSON.stringify(fromVtt.spec.scenes))).toBe(strip(JSON.stringify(fromSrt.spec.scenes)));
    expect(fromVtt.spec.id).toBe('subtitles-cold-brew');
    expect(fromVtt.spec.language).toBe('en');
    // No player response: the title comes from the first sentences' topic.
    expect(fromSrt.spec.title).toBe('Making cold brew coffee at home');
    expectGoodTranscriptSpec(fromSrt.spec, 316);
  });

  it('refuses a file with no cues and a missing file, with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'videogen-subs-'));
    writeFileSync(join(dir, 'empty.vtt'), 'WEBVTT\n\nNOTE nothing here\n');
    await expect(fromSubtitles(join(dir, 'empty.vtt'))).rejects.toMatchObject({ code: 'SOURCE_UNREADABLE', message: expect.stringMatching(/no subtitle cues/) });
    writeFileSync(join(dir, 'music.srt'), '1\n00:00:00,000 --> 00:00:05,000\n[Music]\n\n2\n00:00:05,000 --> 00:00:09,000\n♪ ♪\n');
    await expect(fromSubtitles(join(dir, 'music.srt'))).rejects.toMatchObject({ message: expect.stringMatching(/no spoken text/) });
    await expect(fromSubtitles(join(dir, 'nope.srt'))).rejects.toMatchObject({ message: expect.stringMatching(/no such file/) });
    expect(subtitleSource.detect('talk.VTT')).toBe(true);
    expect(subtitleSource.detect('https://example.com/a.srt')).toBe(false);
  });
});

describe('extractive summary', () => {
  it('cleans fillers, sound tags and stutters into readable sentences', () => {
    expect(cleanSpokenText('[Music] So um the the grind is, uh, key, you know, for this. ♪ Um, if you wait')).toBe('So the grind is key, for this. if you wait');
    expect(cleanSpokenText('It&#39;s <i>really</i> (laughs) good [Applause]')).toBe("It's really good");
  });

  it('keeps the best sentences in their spoken order', () => {
    const text =
      'Hey everyone, welcome back. Sourdough needs a lively starter. Feed the starter with flour and water every day. ' +
      'I had toast this morning. A lively starter doubles in size within six hours of feeding. Subscribe for more.';
    expect(summarise(text, { maxSentences: 2 })).toEqual(['Sourdough needs a lively starter.', 'A lively starter doubles in size within six hours of feeding.']);
  });
});

describe('transcripts become summaries, not read-alouds', () => {
  it('condenses one sentence: markers, asides and hedges go; announcements and interjections say nothing', () => {
    expect(condenseSentence('So, honestly, the grind matters, basically, more than the beans.')).toBe('The grind matters more than the beans.');
    expect(condenseSentence('The result is smoother, less acidic, and, honestly a lot more forgiving than a pour-over.')).toBe('The result is smoother, less acidic, and a lot more forgiving than a pour-over.');
    expect(condenseSentence("Today we're going to talk about making cold brew coffee at home.")).toBeUndefined();
    expect(condenseSentence("First, let's talk about the beans and the grind.")).toBeUndefined();
    for (const s of ['Come on!', 'Yeah!', "Trust me, I've been there.", 'Thanks for watching, and subscribe!']) expect(condenseSentence(s), s).toBeUndefined();
    const long = condenseSentence('Put the grounds in a big jar and pour in cold filtered water until every single ground is wet and covered, which takes a minute or two of slow stirring with a long spoon.')!;
    expect(long).toBe('Put the grounds in a big jar and pour in cold filtered water until every single ground is wet and covered.');
  });

  it('condenses: the narration keeps the best sentences of each topic, without asides, announcements or fillers', async () => {
    const result = await fromSubtitles(`${FIXTURES}cold-brew.srt`);
    if (result.kind !== 'video') throw new Error('expected a video');
    const transcript = parseSubtitles(readFileSync(`${FIXTURES}cold-brew.srt`, 'utf8')).map((c) => c.text).join(' ');
    const content = result.spec.scenes.slice(1, -1);
    const narrated = content.map((s) => narrationFor(s)).join(' ');
    expect(words(narrated) / words(transcript)).toBeLessThan(0.6);
    expect(narrated).not.toMatch(/\b(?:um|uh|you know|honestly|trust me)\b|going to talk about|^So,|\. So,/i);
    // Condensed, not copied: "less acidic, and, honestly a lot more forgiving" loses its aside.
    expect(narrated).toContain('less acidic, and a lot more forgiving');
    // An enumeration is narrated whole: the first, second and third mistakes, not two of three.
    const mistakes = narrationFor(content.find((s) => s.kind === 'list' && s.title === 'Common mistakes')!);
    expect(mistakes).toMatch(/first mistake.*second.*third/);
    // Each topic scene summarises only its own passage, and headings come from the speaker's words.
    for (const scene of content) {
      const { start, end } = scene.source!;
      const spoken = parseSubtitles(readFileSync(`${FIXTURES}cold-brew.srt`, 'utf8')).filter((c) => c.end > start! && c.start < end!).map((c) => c.text).join(' ');
      for (const w of narrationFor(scene).match(/\b[a-z]{6,}\b/g) ?? []) expect(spoken.toLowerCase(), `${scene.id}: ${w}`).toContain(w);
    }
  });

  it('fits the duration budget: fewer topics and words for a shorter video', async () => {
    const long = await fromSubtitles(`${FIXTURES}cold-brew.srt`);
    const short = await fromSubtitles(`${FIXTURES}cold-brew.srt`, { targetSeconds: 60 });
    if (long.kind !== 'video' || short.kind !== 'video') throw new Error('expected videos');
    const spoken = (scenes: typeof long.spec.scenes) => words(scenes.map((s) => narrationFor(s)).join(' '));
    expect(short.spec.scenes.length - 2).toBeLessThanOrEqual(3);
    expect(spoken(short.spec.scenes)).toBeLessThanOrEqual(60 * 2.5 * 1.25);
    // 3 minutes by default: about 150 words a minute.
    expect(spoken(long.spec.scenes)).toBeLessThanOrEqual(180 * 2.5 * 1.1);
    expect(spoken(long.spec.scenes)).toBeGreaterThan(spoken(short.spec.scenes) * 2);
  });

  it('a real film subtitle file (Sintel): titled from its name, scenes of real passages, narration from their lines', async () => {
    const result = await fromSubtitles(`${REAL}sintel_en.srt`);
    if (result.kind !== 'video') throw new Error('expected a video');
    const { spec } = result;
    expect(spec.title).toBe('Sintel');
    expect(spec.scenes[0]).toMatchObject({ kind: 'title', title: 'Sintel', narration: 'Here is a short summary of "Sintel".' });
    const content = spec.scenes.slice(1, -1);
    expect(content.length).toBeGreaterThanOrEqual(2);
    for (const scene of content) {
      const narration = narrationFor(scene);
      expect(words(narration), scene.id).toBeGreaterThanOrEqual(6);
      expect(narration).not.toMatch(/\b(?:Shhh|So\.\.\.|Yeah!|Come on!)/);
      if (scene.kind === 'list') {
        expect(scene.title).not.toMatch(/^(?:Ago|Almost|From \d)/);
        expect(scene.title).toMatch(/^[A-Z]/);
      }
    }
    expect(JSON.stringify(spec)).not.toMatch(/"title":"(?:Ago|Almost and alone)"/);
  });
});
