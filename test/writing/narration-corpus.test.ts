import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SourceResult } from '../../src/sources/types.ts';
import { fromMarkdown } from '../../src/sources/markdown.ts';
import { fromHtml } from '../../src/sources/html.ts';
import { fromPdf } from '../../src/sources/pdf.ts';
import { fromSubtitleText } from '../../src/sources/subtitles.ts';
import { sentenceTemplate, templateUses } from '../../src/writing/polish.ts';
import { splitSentences } from '../../src/writing/sentences.ts';

/**
 * The narration of every real third-party document in the corpus, at the default budget and with room for the whole
 * document: nothing a listener cannot use is read aloud, and no sentence template is heard more than twice.
 */

const real = 'test/fixtures/real';
const specsOf = (r: SourceResult) => (r.kind === 'video' ? [r.spec] : r.specs);
const SPOKEN_LINK = /https?:\/\/|www\.|[\w.+-]+@[\w-]+\.[a-z]{2,}|\b(?!node\.js|commander\.js)[a-z][\w-]*\.(?:md|js|ts|json|mjs|cjs|html|xml|pdf)\b/i;
const RAW_CODE = /(?:^|\s)--?[a-z][\w-]*\b|\.\w+\(\)|\w\(\)|[{}]|=>/i;

function expectSpeakable(result: SourceResult): void {
  for (const spec of specsOf(result)) {
    const narrations = spec.scenes.map((s) => s.narration ?? '');
    for (const n of narrations) {
      expect(n.trim().length, spec.id).toBeGreaterThan(0);
      for (const sentence of splitSentences(n, spec.language)) {
        expect(sentence, spec.id).not.toMatch(SPOKEN_LINK);
        expect(sentence, spec.id).not.toMatch(RAW_CODE);
        expect(sentence, spec.id).not.toMatch(/^Here is an? \w+ example/);
        expect(sentence, spec.id).not.toMatch(/\b(\w+),? \1\b(?<!\bthat that|\bhad had)/i);
      }
    }
    const uses = templateUses(narrations, spec.language);
    const worst = [...uses].sort((a, b) => b[1] - a[1])[0];
    expect(worst?.[1] ?? 0, `"${worst?.[0]}" in ${spec.id}`).toBeLessThanOrEqual(2);
  }
}

describe('narration of the real corpus', () => {
  for (const file of ['ioredis-README.md', 'commander-README.md', 'fast-check-README.md']) {
    const text = readFileSync(`${real}/${file}`, 'utf8');
    it(`${file}, default budget and whole document`, () => {
      expectSpeakable(fromMarkdown(text, { document: file }));
      expectSpeakable(fromMarkdown(text, { document: file, targetSeconds: 3600 }));
    });
  }

  it('users-and-groups.html', () => {
    const html = readFileSync(`${real}/users-and-groups.html`, 'utf8');
    expectSpeakable(fromHtml(html, { document: 'users-and-groups.html' }));
    expectSpeakable(fromHtml(html, { document: 'users-and-groups.html', targetSeconds: 3600 }));
  });

  it('shared-mime-info-spec.pdf', async () => {
    const pdf = new Uint8Array(readFileSync(`${real}/shared-mime-info-spec.pdf`));
    expectSpeakable(await fromPdf(pdf, { document: 'shared-mime-info-spec.pdf' }));
    expectSpeakable(await fromPdf(pdf, { document: 'shared-mime-info-spec.pdf', targetSeconds: 3600 }));
  }, 60_000);

  it('sintel_en.srt', async () => {
    const result = await fromSubtitleText(readFileSync(`${real}/sintel_en.srt`, 'utf8'), 'sintel_en.srt', {});
    for (const spec of specsOf(result)) expect(Math.max(...templateUses(spec.scenes.map((s) => s.narration ?? '')).values())).toBeLessThanOrEqual(2);
  });

  it('is deterministic: the same document always gets the same narration', () => {
    const text = readFileSync(`${real}/commander-README.md`, 'utf8');
    const once = specsOf(fromMarkdown(text, { document: 'commander-README.md' })).map((s) => s.scenes.map((c) => c.narration));
    const again = specsOf(fromMarkdown(text, { document: 'commander-README.md' })).map((s) => s.scenes.map((c) => c.narration));
    expect(again).toEqual(once);
  });

  it('counts templates as a listener hears them', () => {
    expect(sentenceTemplate('Here is a TypeScript example.')).toBe('here is a');
    expect(sentenceTemplate('In a terminal, run these 2 commands.')).toBe('in a terminal');
  });
});
