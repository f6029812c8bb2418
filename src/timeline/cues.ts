import { CUE_GAP_FRAMES } from './constants.ts';
import { cueChunks, formatCueText } from './captions-split.ts';
import type { SentenceAudio, TimelinePlan } from './plan.ts';

export interface CaptionCue {
  index: number;
  scene: number;
  /** Seconds from the start of the video. */
  start: number;
  end: number;
  /** One or two lines joined with "\n". */
  text: string;
}

const MIN_CUE_SECONDS = 1;
const MAX_CUE_SECONDS = 7;

/**
 * One cue per sentence (more when a sentence needs more than two lines), starting exactly when its clip starts.
 * Chunks of a long sentence are timed from word boundaries when the voice gave them, else in proportion to their
 * length. Short cues stretch into the following silence, keeping ≥ 2 frames before the next cue.
 */
export function planCues(plan: Omit<TimelinePlan, 'cues'>, narration: readonly (readonly SentenceAudio[])[]): CaptionCue[] {
  const raw: Omit<CaptionCue, 'index'>[] = [];
  for (const clip of plan.clips) {
    const sentence = narration[clip.scene]?.[clip.sentence];
    if (!sentence) continue;
    const chunks = cueChunks(sentence.text);
    const totalChars = chunks.reduce((n, c) => n + c.length, 0) || 1;
    let consumedChars = 0;
    let wordIndex = 0;
    chunks.forEach((chunk, i) => {
      let startSample: number;
      let endSample: number;
      const wordsInChunk = chunk.split(/\s+/).filter(Boolean).length;
      if (sentence.words && sentence.words.length >= wordIndex + wordsInChunk && !/[\u3040-\u9FFF]/.test(chunk)) {
        startSample = i === 0 ? 0 : sentence.words[wordIndex]!.start;
        endSample = i === chunks.length - 1 ? sentence.samples : sentence.words[wordIndex + wordsInChunk - 1]!.end;
        wordIndex += wordsInChunk;
      } else {
        startSample = Math.round((consumedChars / totalChars) * sentence.samples);
        consumedChars += chunk.length;
        endSample = Math.round((consumedChars / totalChars) * sentence.samples);
      }
      raw.push({
        scene: clip.scene,
        start: (clip.offset + startSample) / plan.sampleRate,
        end: (clip.offset + endSample) / plan.sampleRate,
        text: formatCueText(chunk),
      });
    });
  }
  const gap = CUE_GAP_FRAMES / plan.fps;
  const videoEnd = plan.totalFrames / plan.fps;
  return raw.map((cue, i) => {
    const limit = Math.min(raw[i + 1] ? raw[i + 1]!.start - gap : videoEnd, cue.start + MAX_CUE_SECONDS);
    const end = Math.min(limit, Math.max(cue.end, cue.start + MIN_CUE_SECONDS));
    return { ...cue, index: i + 1, end: Math.max(end, Math.min(cue.end, limit)) };
  });
}
