import { describe, expect, it } from 'vitest';
import { createSurface, nodeMeasurer } from '../../src/media/canvas.ts';
import { frameFor, type Frame } from '../../src/render/geometry.ts';
import { captionSignature, drawCaption, type CaptionStyle } from '../../src/render/captions-overlay.ts';
import { wordCues, karaokeCues } from '../../src/timeline/word-cues.ts';
import type { CaptionCue } from '../../src/timeline/cues.ts';

const WORDS: CaptionStyle = { position: 'bottom', size: 'medium', mode: 'words' };
const KARAOKE: CaptionStyle = { position: 'bottom', size: 'medium', mode: 'karaoke' };
const portrait = frameFor('9:16', '1080p');

const sentence: CaptionCue = {
  index: 1,
  scene: 0,
  start: 1,
  end: 3,
  text: 'Caching makes builds fast.',
  words: [
    { text: 'Caching', start: 1.0, end: 1.45 },
    { text: 'makes', start: 1.5, end: 1.8 },
    { text: 'builds', start: 1.85, end: 2.2 },
    { text: 'fast', start: 2.25, end: 2.6 },
  ],
};

function render(frame: Frame, cue: CaptionCue, style: CaptionStyle, seconds: number, background = '#000000') {
  const s = createSurface(frame.width, frame.height);
  s.ctx.fillStyle = background;
  s.ctx.fillRect(0, 0, frame.width, frame.height);
  drawCaption(s.ctx, frame, cue, style, nodeMeasurer(), seconds);
  return s.ctx.getImageData(0, 0, frame.width, frame.height).data;
}

/** Pixels close to the accent yellow (#ffd60a), and their horizontal extent. */
function yellow(data: Uint8ClampedArray, width: number) {
  let count = 0;
  let minX = Infinity;
  let maxX = -Infinity;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i]! > 230 && data[i + 1]! > 190 && data[i + 1]! < 230 && data[i + 2]! < 60) {
      count++;
      const x = (i / 4) % width;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
    }
  }
  return { count, minX, maxX };
}

/** Rows and columns that differ from the background colour. */
function inkBounds(data: Uint8ClampedArray, width: number, bg: number) {
  let top = Infinity;
  let bottom = -Infinity;
  let right = -Infinity;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i]! - bg) + Math.abs(data[i + 1]! - bg) + Math.abs(data[i + 2]! - bg) > 24) {
      const p = i / 4;
      top = Math.min(top, Math.floor(p / width));
      bottom = Math.max(bottom, Math.floor(p / width));
      right = Math.max(right, p % width);
    }
  }
  return { top, bottom, right };
}

describe('word-by-word captions (mode words)', () => {
  const [cue] = wordCues([sentence]);

  it('lights no word before the first is said, then the spoken word, left to right', () => {
    expect(cue!.words!.map((w) => w.text)).toEqual(['Caching', 'makes', 'builds', 'fast.']);
    expect(yellow(render(portrait, cue!, WORDS, 0.99), portrait.width).count).toBe(0);
    const first = yellow(render(portrait, cue!, WORDS, 1.2), portrait.width);
    const second = yellow(render(portrait, cue!, WORDS, 1.6), portrait.width);
    expect(first.count).toBeGreaterThan(2000);
    expect(second.count).toBeGreaterThan(2000);
    // "makes" sits after "Caching" on the line (or on the second line, but then not where "Caching" was lit).
    expect(second.minX === first.minX).toBe(false);
  });

  it('the signature changes exactly when the lit word or its pop changes', () => {
    const sig = (t: number) => captionSignature(cue, t, WORDS);
    expect(sig(0.5)).toBe(sig(0.99));
    expect(sig(1.0)).not.toBe(sig(0.99));
    // The pop lasts 120 ms: inside it each frame differs, after it the picture holds until the next word.
    expect(sig(1.04)).not.toBe(sig(1.08));
    expect(sig(1.2)).toBe(sig(1.45));
    expect(sig(1.49)).not.toBe(sig(1.5));
    expect(sig(1.7)).toBe(sig(1.79));
    // Same signature, same pixels.
    expect(Buffer.from(render(portrait, cue!, WORDS, 1.2)).equals(Buffer.from(render(portrait, cue!, WORDS, 1.45)))).toBe(true);
  });

  it('sits in the Shorts safe area: 55–80 % of the height, clear of the bottom 20 % and the right 12 %', () => {
    const data = render(portrait, cue!, WORDS, 1.2);
    const ink = inkBounds(data, portrait.width, 0);
    expect(ink.top).toBeGreaterThan(portrait.height * 0.55);
    expect(ink.bottom).toBeLessThan(portrait.height * 0.8);
    expect(ink.right).toBeLessThan(portrait.width * 0.88);
  });

  it('stays legible over white and black: a dark outline around white letters on white, white letters on black', () => {
    for (const bg of ['#ffffff', '#000000']) {
      const data = render(portrait, cue!, WORDS, 0.5, bg);
      let white = 0;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) {
        const v = (data[i]! + data[i + 1]! + data[i + 2]!) / 3;
        if (v > 245) white++;
        if (v < 40) dark++;
      }
      if (bg === '#ffffff') expect(dark).toBeGreaterThan(5000);
      else expect(white).toBeGreaterThan(5000);
    }
  });

  // Ascenders of Inter reach ~0.73 em, so a 64 px line without descenders inks ≥ 47 px (outline not counted).
  it('letters are big (≥ 64 px type) for one line of words at 1080×1920', () => {
    const one = wordCues([{ ...sentence, text: 'Fast builds', words: [{ text: 'Fast', start: 1, end: 1.3 }, { text: 'builds', start: 1.3, end: 1.8 }] }])[0]!;
    const ink = inkBounds(render(portrait, one, WORDS, 0.5), portrait.width, 0);
    expect(ink.bottom - ink.top).toBeGreaterThan(47);
  });
});

describe('karaoke captions', () => {
  const [cue] = karaokeCues([{ ...sentence, words: undefined, start: 1, end: 3 }]);

  it('fills the spoken part in the highlight colour, growing as words are said', () => {
    const at = (t: number) => yellow(render(portrait, cue!, KARAOKE, t), portrait.width).count;
    expect(at(0.9)).toBe(0);
    expect(at(1.5)).toBeGreaterThan(0);
    expect(at(2.5)).toBeGreaterThan(at(1.5));
    expect(captionSignature(cue, 1.5, KARAOKE)).not.toBe(captionSignature(cue, 1.6, KARAOKE));
    expect(captionSignature(cue, 0.2, KARAOKE)).toBe(captionSignature(cue, 0.9, KARAOKE));
  });

  it('re-wraps a long sentence cue to the Shorts width instead of running into the buttons', () => {
    const text = 'Microtasks run before the browser paints,\nso a long promise chain can delay a frame.';
    const [long] = karaokeCues([{ index: 2, scene: 0, start: 0, end: 5, text }]);
    const ink = inkBounds(render(portrait, long!, KARAOKE, 2), portrait.width, 0);
    expect(ink.right).toBeLessThan(portrait.width * 0.88);
    expect(ink.bottom).toBeLessThan(portrait.height * 0.8);
  });
});

describe('sentence mode is unchanged', () => {
  it('signature is the cue index and time-independent', () => {
    const style: CaptionStyle = { position: 'bottom', size: 'medium', mode: 'sentence' };
    expect(captionSignature(sentence, 1.1, style)).toBe('1');
    expect(captionSignature(sentence, 2.9, style)).toBe('1');
    expect(yellow(render(portrait, sentence, style, 1.6), portrait.width).count).toBe(0);
  });
});
