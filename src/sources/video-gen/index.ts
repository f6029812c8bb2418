/** video_gen's YAML dialects (reference/video_gen.md §1.3–1.4): pipeline and legacy videos, sets, templates. */
export { detectFormat, type DocumentFormat } from './detect.ts';
export { convertVideo, mapAccent, mapVoice, safeId, type ConvertedVideo, type ConvertOptions, type Dialect } from './video.ts';
export { importSetConfig, importVideoSet, type ImportedSet } from './set-config.ts';
export { fromVideoGenTemplate } from './template.ts';
export { VIDEO_GEN_SCENE_TYPES } from './scenes.ts';
