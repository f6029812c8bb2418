import { VideogenError } from '../../errors.ts';
import { ACCENTS, validateSpec, type Accent, type SpecProblem, type VideoSpec } from '../../spec/index.ts';
import { templateNarration } from '../../writing/templates.ts';
import { Fields, isRecord, type Data } from './fields.ts';
import { mapVisuals, VIDEO_GEN_SCENE_TYPES, type NarrationHints } from './scenes.ts';

/**
 * One video_gen video (pipeline dialect: `scene_type` + `visual_content`/flat fields; legacy dialect: `video:` block
 * and `type` scenes narrated from `topic`/`key_points`) → a validated VideoSpec. video_gen silently renders unknown
 * keys as blanks (reference/video_gen.md §2.3); here every key is either mapped, or reported by name and scene.
 */
export type Dialect = 'pipeline' | 'legacy';

export interface ConvertOptions {
  dialect: Dialect;
  /** File name, used in warnings and as the id when the video has none. */
  label: string;
  /** Set-level values used for keys the video's own block lacks (set_config `defaults`). */
  defaults?: Data;
  /** Set-level values that win over the video's own (set_config `overrides`). */
  overrides?: Data;
  /** Replaces the video id (set naming). */
  id?: string;
}

export interface ConvertedVideo {
  spec: VideoSpec;
  warnings: string[];
}

/** Ids become safe folder names: video_gen allows any text up to 200 characters. */
export function safeId(raw: string): string {
  return raw.trim().replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^[-_]+|-+$/g, '') || 'video';
}

/** video_gen's four voices; every TTS provider here maps the same names (sources may not import voice/). */
const NAMED_VOICE_NAMES = ['male', 'male_warm', 'female', 'female_friendly'] as const;

/** The other voices video_gen's models accept. The last three were never mapped there and spoke as `male`. */
const UNMAPPED_VOICES = new Set(['british', 'australian', 'indian']);

export function mapVoice(raw: string, warn: (m: string) => void): string {
  const voice = raw.trim();
  if ((NAMED_VOICE_NAMES as readonly string[]).includes(voice.toLowerCase())) return voice.toLowerCase();
  if (UNMAPPED_VOICES.has(voice.toLowerCase())) {
    warn(`voice "${voice}" was never mapped in video_gen (it spoke as "male"); imported as "male" — give a provider voice such as "edge:en-GB-RyanNeural" for that accent`);
    return 'male';
  }
  if (voice.includes(':') || /Neural$/.test(voice)) return voice;
  warn(`voice "${voice}" is not one of ${NAMED_VOICE_NAMES.join(', ')}; imported as "male"`);
  return 'male';
}

export function mapAccent(raw: string, warn: (m: string) => void): Accent {
  const accent = raw.trim().toLowerCase();
  if ((ACCENTS as readonly string[]).includes(accent)) return accent as Accent;
  warn(`accent_color "${raw}" is not one of ${ACCENTS.join(', ')}; using blue`);
  return 'blue';
}

function videoBlock(doc: Data, dialect: Dialect): Data {
  const inner = isRecord(doc.video) ? doc.video : {};
  if (dialect === 'legacy') return inner;
  const { video: _video, scenes: _scenes, ...root } = doc;
  return { ...root, ...inner };
}

function positiveSeconds(f: Fields, keys: string[]): number | undefined {
  const n = f.number(...keys);
  if (n === undefined) return undefined;
  if (n > 0 && n <= 3600) return n;
  f.warn(`${f.keyOf(...keys) ?? keys[0]} ${n} is outside 0–3600 s; left out`);
  return undefined;
}

interface SceneDefaults {
  min?: number;
  max?: number;
}

function convertScene(raw: unknown, index: number, opts: ConvertOptions, defaults: SceneDefaults, warnings: string[], problems: SpecProblem[]): { scene?: Record<string, unknown>; hints?: NarrationHints } {
  const path = `scenes[${index}]`;
  if (!isRecord(raw)) {
    problems.push({ path, message: 'expected a scene (a mapping with scene_type and its fields)' });
    return {};
  }
  const type = typeof (raw.scene_type ?? raw.type) === 'string' ? String(raw.scene_type ?? raw.type).trim() : undefined;
  const rawId = raw.scene_id ?? raw.id;
  const label = `${opts.label} scene ${index + 1} (${type ?? '?'}${rawId !== undefined ? ` "${String(rawId)}"` : ''})`;
  const f = new Fields(raw, label, warnings);
  f.take('scene_type', 'type', 'scene_id', 'id');
  if (!type) {
    problems.push({ path: `${path}.scene_type`, message: `missing scene_type; use one of: ${VIDEO_GEN_SCENE_TYPES.join(', ')}` });
    return {};
  }
  const id = rawId === undefined || rawId === null ? undefined : safeId(String(rawId));
  const narration = f.text('narration');
  const voiceRaw = f.text('voice');
  const minDuration = positiveSeconds(f, ['min_duration']) ?? defaults.min;
  let maxDuration = positiveSeconds(f, ['max_duration']) ?? defaults.max;
  if (minDuration !== undefined && maxDuration !== undefined && maxDuration < minDuration) {
    f.warn(`max_duration ${maxDuration} is below min_duration ${minDuration}; max left out`);
    maxDuration = undefined;
  }
  const visual = f.take('visual_content');
  if (visual !== undefined && !isRecord(visual)) problems.push({ path: `${path}.visual_content`, message: 'visual_content must be a mapping of the scene\'s fields' });
  const vf = isRecord(visual) ? new Fields(visual, `${label} visual_content`, warnings) : f;
  const mapped = mapVisuals(type, vf);
  if (!mapped) {
    problems.push({ path: `${path}.scene_type`, message: `unknown scene_type "${type}"; use one of: ${VIDEO_GEN_SCENE_TYPES.join(', ')}` });
    return {};
  }
  vf.reportUnused();
  if (vf !== f) f.reportUnused();
  if (narration && mapped.hints.before.length + mapped.hints.after.length > 0) {
    f.warn('topic/key_message/key_points/improvement/context only feed generated narration; this scene has its own narration, so they are not spoken');
  }
  const scene = {
    ...mapped.scene,
    ...(id ? { id } : {}),
    ...(narration ? { narration } : {}),
    ...(voiceRaw ? { voice: mapVoice(voiceRaw, (m) => f.warn(m)) } : {}),
    ...(minDuration !== undefined ? { minDuration } : {}),
    ...(maxDuration !== undefined ? { maxDuration } : {}),
  };
  return { scene, hints: mapped.hints };
}

/** Narration for scenes that had none: what video_gen's generator would have added (topic, key points) around ours. */
function withHints(spec: VideoSpec, hints: (NarrationHints | undefined)[]): VideoSpec {
  const scenes = spec.scenes.map((scene, i) => {
    const h = hints[i];
    if (scene.narration || !h || (h.before.length === 0 && h.after.length === 0)) return scene;
    return { ...scene, narration: [...h.before, templateNarration(scene), ...h.after].join(' ') };
  });
  return { ...spec, scenes };
}

export function convertVideo(doc: Data, opts: ConvertOptions): ConvertedVideo {
  const warnings: string[] = [];
  const problems: SpecProblem[] = [];
  const own = videoBlock(doc, opts.dialect);
  const block: Data = { ...Object.fromEntries(Object.entries(opts.defaults ?? {}).filter(([k]) => own[k] === undefined)), ...own, ...opts.overrides };
  const f = new Fields(block, `${opts.label} video`, warnings);
  const warn = (m: string) => f.warn(m);

  const rawId = f.text('video_id', 'id');
  if (!rawId && !opts.id) warn(`no video_id; using "${safeId(opts.label.replace(/\.[^.]+$/, ''))}" from the file name`);
  const id = opts.id ?? safeId(rawId ?? opts.label.replace(/\.[^.]+$/, ''));
  if (rawId && !opts.id && id !== rawId) warn(`video_id "${rawId}" became "${id}" (ids name folders: letters, digits, "-" and "_")`);
  const accent = f.text('accent_color');
  const voice = f.text('voice');
  const voices = f.lines('voices');
  const sceneDefaults: SceneDefaults = { min: positiveSeconds(f, ['min_scene_duration']), max: positiveSeconds(f, ['max_scene_duration']) };
  const target = f.number('target_duration');
  if (target !== undefined) warn(`target_duration ${target} s is not a limit here: each scene lasts as long as its narration (use --target-seconds with --ai to fit a length)`);
  f.take('version');
  f.ignore('template', 'templates are expanded before import; use `videogen create` with a template file and `variables`');
  f.ignore('variables', 'only used with `template`');
  f.ignore('metadata', 'video_gen metadata has no counterpart in a spec');
  const spec: Record<string, unknown> = {
    id,
    title: f.text('title'),
    ...(f.has('description') ? { description: f.text('description') } : {}),
    theme: { accent: accent ? mapAccent(accent, warn) : 'blue' },
    ...(voice ? { voice: mapVoice(voice, warn) } : {}),
    ...(voices?.length ? { voices: voices.map((v) => mapVoice(v, warn)) } : {}),
  };
  f.reportUnused();
  if (opts.dialect === 'legacy') {
    const { video: _v, scenes: _s, ...rest } = doc;
    for (const key of Object.keys(rest)) warnings.push(`${opts.label}: unknown top-level field "${key}" ignored (video fields belong under \`video:\`)`);
  }

  const rawScenes = Array.isArray(doc.scenes) ? doc.scenes : [];
  if (!Array.isArray(doc.scenes)) problems.push({ path: 'scenes', message: 'expected a list of scenes' });
  const converted = rawScenes.map((s, i) => convertScene(s, i, opts, sceneDefaults, warnings, problems));
  if (problems.length) throw new VideogenError('SPEC_INVALID', `${opts.label} has ${problems.length} problem(s)`, { problems });
  spec.scenes = converted.map((c) => c.scene);
  const result = validateSpec(spec);
  if (!result.ok) {
    const located = result.problems.map((p) => {
      const m = /^scenes\[(\d+)\]/.exec(p.path);
      return m ? { ...p, message: `${p.message} (${opts.label} scene ${Number(m[1]) + 1})` } : p;
    });
    throw new VideogenError('SPEC_INVALID', `${opts.label} has ${located.length} problem(s) after conversion`, { problems: located });
  }
  return { spec: withHints(result.value, converted.map((c) => c.hints)), warnings };
}
