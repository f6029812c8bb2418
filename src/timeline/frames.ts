/** Frame arithmetic. Everything on the timeline is a whole frame; samples follow frames, never the other way round. */

/** Smallest whole number of frames that lasts at least `seconds` (a tiny epsilon absorbs float noise). */
export function ceilFrames(seconds: number, fps: number): number {
  return Math.ceil(seconds * fps - 1e-6);
}

export function roundFrames(seconds: number, fps: number): number {
  return Math.round(seconds * fps);
}

/** The audio sample where video frame `frame` starts: round(frame × sampleRate / fps). */
export function frameToSample(frame: number, fps: number, sampleRate: number): number {
  return Math.round((frame * sampleRate) / fps);
}

export function framesToSeconds(frames: number, fps: number): number {
  return frames / fps;
}
