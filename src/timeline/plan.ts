import type { TransitionKind } from '../spec/index.ts';
import { LEAD_IN_SECONDS, SAMPLE_RATE, SENTENCE_PAUSE_SECONDS, TAIL_SECONDS, TRANSITION_SECONDS } from './constants.ts';
import { ceilFrames, frameToSample, roundFrames } from './frames.ts';
import { cueBlocks, cueGapSeconds, draftCues, planCues, type CaptionCue, type CueDraft } from './cues.ts';

/** One synthesised sentence: its length in samples at the plan's sample rate, and word timings if the voice gave them. */
export interface SentenceAudio {
  text: string;
  samples: number;
  /** Word boundaries relative to the start of this sentence's clip, in samples. */
  words?: { text: string; start: number; end: number }[];
}

export interface PlanScene {
  id: string;
  minDuration: number;
  maxDuration?: number | undefined;
  transition?: TransitionKind | undefined;
}

export interface PlanInput {
  fps: number;
  scenes: readonly PlanScene[];
  /** Per scene, its narration sentences in order (empty for a silent scene). */
  narration: readonly (readonly SentenceAudio[])[];
  sampleRate?: number;
}

export interface PlannedScene {
  index: number;
  id: string;
  startFrame: number;
  frames: number;
  /** First frame of the next scene. */
  endFrame: number;
  narrationStartFrame: number;
  /** Frames at the end of this scene spent blending into the next. */
  transition: { kind: TransitionKind; frames: number };
}

export interface PlannedClip {
  scene: number;
  sentence: number;
  /** Absolute sample offset in the output track. */
  offset: number;
  length: number;
}

export interface TimelinePlan {
  fps: number;
  sampleRate: number;
  totalFrames: number;
  /** Exactly the video's length in samples. */
  totalSamples: number;
  scenes: PlannedScene[];
  clips: PlannedClip[];
  cues: CaptionCue[];
}

/**
 * ARCHITECTURE §5: D_i = ceil_frames(max(minDuration, L + A_i + T)); scene i+1 starts on the frame after scene i ends;
 * narration starts L after the scene start, at sample round(frame × rate / fps); the transition takes the last frames
 * of the outgoing scene. Each scene's offset comes from whole frames, so nothing drifts however many scenes there are.
 */
export function planTimeline(input: PlanInput): TimelinePlan {
  const { fps } = input;
  const sampleRate = input.sampleRate ?? SAMPLE_RATE;
  const pause = Math.round(SENTENCE_PAUSE_SECONDS * sampleRate);
  const leadFrames = roundFrames(LEAD_IN_SECONDS, fps);
  const drafts = draftCues(input.narration, sampleRate, pause);
  const scenes: PlannedScene[] = [];
  const clips: PlannedClip[] = [];
  let start = 0;
  input.scenes.forEach((scene, index) => {
    const sentences = input.narration[index] ?? [];
    const isLast = index === input.scenes.length - 1;
    const kind: TransitionKind = isLast ? 'none' : (scene.transition ?? 'fade');
    const transitionFrames = kind === 'none' ? 0 : roundFrames(TRANSITION_SECONDS, fps);
    const tailSeconds = Math.max(TAIL_SECONDS, transitionFrames / fps);
    const room = roomForCaptions(drafts[index] ?? [], sentences, { fps, sampleRate, pause, tailSeconds, nextLeadSeconds: isLast ? 0 : leadFrames / fps });
    const narrationSamples = sentences.reduce((sum, s) => sum + s.samples, 0) + room.pauses.reduce((a, b) => a + b, 0);
    const needed = leadFrames / fps + narrationSamples / sampleRate + tailSeconds + room.extraTailSeconds;
    let seconds = Math.max(scene.minDuration, needed);
    if (scene.maxDuration !== undefined) seconds = Math.max(needed, Math.min(seconds, scene.maxDuration));
    const frames = Math.max(ceilFrames(seconds, fps), transitionFrames + 1);
    const narrationStartFrame = start + leadFrames;
    let offset = frameToSample(narrationStartFrame, fps, sampleRate);
    sentences.forEach((sentence, sentenceIndex) => {
      clips.push({ scene: index, sentence: sentenceIndex, offset, length: sentence.samples });
      offset += sentence.samples + (room.pauses[sentenceIndex] ?? 0);
    });
    scenes.push({ index, id: scene.id, startFrame: start, frames, endFrame: start + frames, narrationStartFrame, transition: { kind, frames: transitionFrames } });
    start += frames;
  });
  const totalFrames = start;
  const plan: TimelinePlan = { fps, sampleRate, totalFrames, totalSamples: frameToSample(totalFrames, fps, sampleRate), scenes, clips, cues: [] };
  plan.cues = planCues(plan, drafts);
  return plan;
}

/**
 * Dense speech (espeak reads about 17.5 characters a second, above the 17 a viewer can read) leaves its captions no
 * time: the silence after such a sentence grows until its cues fit, and the last sentence of a scene may lengthen
 * the scene's tail. Returns the samples of silence after each sentence but the last, and the extra tail in seconds.
 */
function roomForCaptions(
  drafts: readonly CueDraft[],
  sentences: readonly SentenceAudio[],
  o: { fps: number; sampleRate: number; pause: number; tailSeconds: number; nextLeadSeconds: number },
): { pauses: number[]; extraTailSeconds: number } {
  const pauses = sentences.slice(0, -1).map(() => o.pause);
  let extraTailSeconds = 0;
  const gap = cueGapSeconds(o.fps);
  for (const block of cueBlocks(drafts, o.fps)) {
    let spoken = 0;
    for (let i = block.firstSentence; i <= block.lastSentence; i++) spoken += sentences[i]!.samples + (i < block.lastSentence ? o.pause : 0);
    const spokenSeconds = spoken / o.sampleRate;
    if (block.lastSentence < sentences.length - 1) {
      const short = block.readingSeconds + gap - (spokenSeconds + o.pause / o.sampleRate);
      if (short > 0) pauses[block.lastSentence]! += Math.ceil(short * o.sampleRate);
    } else {
      const after = o.tailSeconds + o.nextLeadSeconds - (o.nextLeadSeconds > 0 ? gap : 0);
      extraTailSeconds = Math.max(0, block.readingSeconds - (spokenSeconds + after));
    }
  }
  return { pauses, extraTailSeconds };
}

/** What to draw at a video frame: a scene at local time `t`, possibly blending into the next one. */
export interface FrameLocation {
  scene: number;
  /** Seconds since the scene started. */
  t: number;
  localFrame: number;
  transition?: { to: number; kind: TransitionKind; progress: number };
}

export function locateFrame(plan: TimelinePlan, frame: number): FrameLocation {
  // Binary search: frames are visited in order by the renderer, but previews jump anywhere.
  let lo = 0;
  let hi = plan.scenes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (plan.scenes[mid]!.startFrame <= frame) lo = mid;
    else hi = mid - 1;
  }
  const scene = plan.scenes[lo]!;
  const localFrame = frame - scene.startFrame;
  const location: FrameLocation = { scene: lo, t: localFrame / plan.fps, localFrame };
  const into = localFrame - (scene.frames - scene.transition.frames);
  if (scene.transition.frames > 0 && into >= 0) {
    location.transition = { to: lo + 1, kind: scene.transition.kind, progress: (into + 1) / (scene.transition.frames + 1) };
  }
  return location;
}
