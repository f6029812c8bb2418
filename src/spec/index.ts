export * from './common.ts';
export * from './scenes.ts';
export * from './video.ts';
export * from './problems.ts';
export * from './validate.ts';
export * from './parse.ts';
export { normaliseSpec, sceneId } from './normalise.ts';
export { videogenJsonSchema } from './json-schema.ts';
