/** Timing constants of ARCHITECTURE §5, in seconds unless the name says frames or samples. */
export const LEAD_IN_SECONDS = 0.3;
export const TAIL_SECONDS = 0.7;
export const TRANSITION_SECONDS = 0.5;
/** Silence between two sentences of one scene. */
export const SENTENCE_PAUSE_SECONDS = 0.25;
/** Output audio sample rate (QUALITY: 48 kHz AAC). */
export const SAMPLE_RATE = 48_000;
/** Frames kept free between consecutive caption cues (QUALITY: ≥ 2). */
export const CUE_GAP_FRAMES = 2;
/** Caption reading limits (QUALITY "Captions"): characters a second for adults, and seconds on screen per cue. */
export const MAX_CAPTION_CPS = 17;
export const MIN_CUE_SECONDS = 1;
export const MAX_CUE_SECONDS = 7;
