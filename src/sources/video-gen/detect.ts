import { isRecord } from './fields.ts';

/**
 * Which format a parsed YAML/JSON document is in, decided by explicit markers only (ARCHITECTURE §4): a key that
 * exists in exactly one format. A document with no marker is read as canonical, so its validation errors name our
 * fields instead of a guessed dialect's.
 */
export type DocumentFormat =
  | 'canonical' // scenes with `kind`, or no video_gen marker at all
  | 'canonical-set' // `videos` with canonical entries
  | 'template-instance' // `template` + `variables` and no scenes: instantiate a template file
  | 'videogen-template' // video_gen template: `${name}` placeholders
  | 'videogen-pipeline' // `video_id`, or scenes with `scene_type` / `scene_id` / `visual_content`
  | 'videogen-legacy' // `video:` block and scenes with `type`
  | 'videogen-video-set' // `videos` whose entries are video_gen videos, or `set_id`
  | 'videogen-set-config'; // `set:` block (sets/<id>/set_config.yaml)

const scenesOf = (doc: Record<string, unknown>): Record<string, unknown>[] => (Array.isArray(doc.scenes) ? doc.scenes.filter(isRecord) : []);

const PIPELINE_SCENE_KEYS = ['scene_type', 'scene_id', 'visual_content'];

function videoFormat(doc: Record<string, unknown>): DocumentFormat | undefined {
  const scenes = scenesOf(doc);
  if (scenes.some((s) => 'kind' in s)) return 'canonical';
  if ('video_id' in doc || scenes.some((s) => PIPELINE_SCENE_KEYS.some((k) => k in s))) return 'videogen-pipeline';
  if (isRecord(doc.video) && scenes.length > 0 && scenes.every((s) => 'type' in s)) return 'videogen-legacy';
  return undefined;
}

/** video_gen template placeholders: `${name}` or `${name|default}`. */
export const VIDEO_GEN_PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:\|([^}]*))?\}/;

export function detectFormat(doc: unknown, sourceText: string): DocumentFormat {
  if (!isRecord(doc)) return 'canonical';
  if (isRecord(doc.set) && Array.isArray(doc.set.videos)) return 'videogen-set-config';
  if (Array.isArray(doc.videos)) {
    const videos = doc.videos.filter(isRecord);
    if ('set_id' in doc || videos.some((v) => videoFormat(v)?.startsWith('videogen'))) return 'videogen-video-set';
    return 'canonical-set';
  }
  if (typeof doc.template === 'string' && isRecord(doc.variables) && !('scenes' in doc)) return 'template-instance';
  if ('$schema' in doc) return 'canonical';
  const format = videoFormat(doc);
  if (format?.startsWith('videogen') && VIDEO_GEN_PLACEHOLDER.test(sourceText)) return 'videogen-template';
  return format ?? 'canonical';
}
