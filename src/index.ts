/**
 * The public library API. Everything else in src/ is internal and may change.
 *
 * @example
 * import { video, render } from 'videogen';
 * const spec = video({ id: 'hello', title: 'Hello' }).title({ title: 'Hello, world' }).outro({ title: 'Bye' }).build();
 * await render(spec, { outputDir: 'out' });
 */
import { loadConfig, type VideogenConfig } from './config.ts';
import type { RenderOptions, RenderResult } from './pipeline/render-video.ts';
import type { VideoSpec } from './spec/index.ts';

export { video, VideoBuilder } from './builder/index.ts';
export type { SceneFields, VideoOptions } from './builder/index.ts';
export { validateSpec, validateSet, parseSpecText, formatProblems, videogenJsonSchema, VideoSpecSchema, VideoSetSchema, SceneSchema, SCENE_KINDS, ACCENTS } from './spec/index.ts';
export type { VideoSpec, VideoSpecInput, VideoSet, Scene, SceneInput, SceneKind, SpecProblem } from './spec/index.ts';
export { VideogenError, isVideogenError, type ErrorCode } from './errors.ts';
export { loadConfig, type VideogenConfig } from './config.ts';
export { previewFrame, previewSheet } from './pipeline/preview.ts';
export type { RenderEvent } from './pipeline/events.ts';
export type { RenderOptions, RenderResult } from './pipeline/render-video.ts';

// Sources: every input becomes a VideoSpec (or several).
export { fromMarkdown, fromText, fromRst } from './sources/markdown.ts';
export { fromPdf } from './sources/pdf.ts';
export { fromDocx } from './sources/docx.ts';
export { fromHtml, fromUrl } from './sources/html.ts';
export { fromYoutube, parseYoutubeId, transcriptToSpec } from './sources/youtube.ts';
export { fromSubtitles, parseSubtitles } from './sources/subtitles.ts';
export { loadYamlSource } from './sources/yaml.ts';
export { loadSpecFile, loadVideoSpec } from './sources/spec-file.ts';
export { detectSource, SOURCE_ADAPTERS } from './sources/detect.ts';
export type { SourceAdapter, SourceOptions, SourceResult } from './sources/types.ts';

// Writing: narration templates and language models.
export { templateNarration, narrationFor } from './writing/templates.ts';
export { rewriteNarration } from './writing/rewrite.ts';
export { scriptFromTopic } from './sources/topic.ts';
export { llmFromConfig, requireLlm, AnthropicProvider, OpenAiCompatibleProvider } from './writing/llm/index.ts';
export type { LlmProvider } from './writing/llm/index.ts';

// Voices.
export { createDefaultRegistry, TtsRegistry, EspeakProvider, EdgeTtsProvider, OpenAiTtsProvider, ElevenLabsTtsProvider, LANGUAGES } from './voice/index.ts';
export type { TtsProvider, VoiceInfo } from './voice/index.ts';

/**
 * Renders a spec with configuration from the environment unless one is given. The renderer (canvas, shiki, ffmpeg
 * plumbing) is imported on the first render, not with the package.
 */
export async function render(spec: VideoSpec, options: Omit<RenderOptions, 'config'> & { config?: VideogenConfig }): Promise<RenderResult> {
  const { renderVideo } = await import('./pipeline/render-video.ts');
  return renderVideo(spec, { ...options, config: options.config ?? loadConfig() });
}
