export * from './constants.ts';
export * from './frames.ts';
export * from './plan.ts';
export * from './cues.ts';
export * from './captions-split.ts';
export * from './subtitles.ts';
