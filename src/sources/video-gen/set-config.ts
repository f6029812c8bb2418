import { basename, dirname, extname } from 'node:path';
import { VideogenError } from '../../errors.ts';
import { parseSpecText, safeToShow, type VideoSpec } from '../../spec/index.ts';
import { confinePath, type FileScope } from '../confine.ts';
import { readSpecFile } from '../document/read.ts';
import { detectFormat } from './detect.ts';
import { Fields, isRecord, type Data } from './fields.ts';
import { convertVideo, safeId, type Dialect } from './video.ts';

/**
 * video_gen sets. `sets/<id>/set_config.yaml` (reference/video_gen.md §1.4): set `defaults` fill keys a video's own
 * `video:` block lacks, each entry's `overrides` win over both, videos run in `priority` order, and `naming` builds ids
 * `{prefix}{sep}{NN}{sep}{id}`. The pipeline's `videos:` list format (inline videos, `set_id`) is handled too.
 */
export interface ImportedSet {
  id: string;
  name: string;
  specs: VideoSpec[];
  warnings: string[];
}

const SET_DEFAULT_KEYS = ['accent_color', 'voice', 'target_duration', 'min_scene_duration', 'max_scene_duration'];

function dialectOf(doc: Data, file: string): Dialect {
  const format = detectFormat(doc, '');
  if (format === 'videogen-pipeline') return 'pipeline';
  if (format === 'videogen-legacy') return 'legacy';
  throw new VideogenError('SPEC_INVALID', `${file} is not a video_gen video (expected a \`video:\` block with \`type\` scenes, or \`scene_type\` scenes)`, { problems: [{ path: '', message: `format: ${format}` }] });
}

async function readVideo(ref: string, scope: FileScope, field: string): Promise<{ data: Data; path: string }> {
  const path = await confinePath(scope, ref, { field, what: 'a set entry', instead: 'use the pipeline `videos:` format with the videos inline' });
  if (!['.yaml', '.yml', '.json'].includes(extname(path).toLowerCase())) throw new VideogenError('SPEC_INVALID', `${field}: "${safeToShow(ref)}" is not a .yaml, .yml or .json file`, { problems: [{ path: field, message: 'name a .yaml, .yml or .json file' }] });
  const data = parseSpecText(await readSpecFile(path), basename(path)).data;
  if (!isRecord(data)) throw new VideogenError('SPEC_INVALID', `${safeToShow(ref)} is not a video (expected a mapping)`, { problems: [{ path: field, message: 'expected a video_gen video mapping' }] });
  return { data, path };
}

interface Naming {
  prefix?: string;
  useNumbers: boolean;
  separator: string;
}

function namedId(naming: Naming, index: number, id: string): string {
  const parts = [naming.prefix, naming.useNumbers ? String(index + 1).padStart(2, '0') : undefined, id].filter((p): p is string => Boolean(p));
  return safeId(parts.join(naming.separator));
}

/** Where the set file came from: a name for messages, its path on the CLI (for the id fallback), what it may read. */
export interface SetOrigin {
  label: string;
  file?: string;
  scope: FileScope;
}

export async function importSetConfig(doc: Data, origin: SetOrigin): Promise<ImportedSet> {
  const warnings: string[] = [];
  const label = safeToShow(origin.label);
  const f = new Fields(doc.set as Data, `${label} set`, warnings);
  for (const key of Object.keys(doc)) if (key !== 'set') warnings.push(`${label}: unknown top-level field "${key}" ignored (set fields belong under \`set:\`)`);
  // video_gen names a set after its folder (sets/<id>/set_config.yaml); an upload has no folder, so its name.
  const id = safeId(f.text('id') ?? (origin.file ? basename(dirname(origin.file)) : origin.label.replace(/\.[^.]+$/, '')));
  const name = f.text('name') ?? id;
  f.take('description', 'version');
  const defaults = f.take('defaults');
  const defaultData: Data = isRecord(defaults) ? defaults : {};
  for (const key of Object.keys(defaultData)) if (!SET_DEFAULT_KEYS.includes(key)) warnings.push(`${label} set defaults: unknown field "${key}" ignored`);
  // Said once for the set rather than once per video.
  const { target_duration: target, ...videoDefaults } = defaultData;
  if (target !== undefined) warnings.push(`${label} set defaults: target_duration ${String(target)} s is not a limit here: each scene lasts as long as its narration`);
  const namingRaw = f.take('naming');
  const naming: Naming = isRecord(namingRaw)
    ? { ...(typeof namingRaw.prefix === 'string' && namingRaw.prefix ? { prefix: namingRaw.prefix } : {}), useNumbers: namingRaw.use_numbers !== false, separator: typeof namingRaw.separator === 'string' ? namingRaw.separator : '_' }
    : { useNumbers: false, separator: '_' };
  f.ignore('output', 'videogen writes each video to its own folder under the output directory you give');
  f.ignore('processing', 'video_gen never read these either');
  f.ignore('metadata', 'set metadata has no counterpart in a spec');
  const listed = f.take('videos');
  const entries = (Array.isArray(listed) ? listed : []).map((entry, i) => ({ entry, i }));
  f.reportUnused();

  const ordered = entries
    .filter(({ entry, i }) => {
      if (isRecord(entry) && typeof entry.file === 'string') return true;
      warnings.push(`${label} set videos[${i}]: expected { file, priority?, overrides? }; left out`);
      return false;
    })
    .map(({ entry, i }) => ({ entry: entry as Data, i }))
    .sort((a, b) => (Number(a.entry.priority ?? Infinity) - Number(b.entry.priority ?? Infinity)) || a.i - b.i);

  const specs: VideoSpec[] = [];
  for (const [index, { entry, i }] of ordered.entries()) {
    const ef = new Fields(entry, `${label} set videos[${i}]`, warnings);
    const ref = ef.text('file')!;
    ef.take('priority');
    const overrides = ef.take('overrides');
    ef.reportUnused();
    const { data: video, path } = await readVideo(ref, origin.scope, `set.videos[${i}].file`);
    const own = dialectOf(video, basename(path));
    const block = own === 'legacy' ? (isRecord(video.video) ? video.video : {}) : video;
    const ownId = String(block.video_id ?? block.id ?? basename(path).replace(/\.[^.]+$/, ''));
    const converted = convertVideo(video, {
      dialect: own,
      label: basename(path),
      defaults: videoDefaults,
      ...(isRecord(overrides) ? { overrides } : {}),
      id: namedId(naming, index, safeId(ownId)),
    });
    specs.push(converted.spec);
    warnings.push(...converted.warnings);
  }
  if (!specs.length) throw new VideogenError('SPEC_INVALID', `${label} lists no videos that can be read`, { problems: [{ path: 'set.videos', message: 'a set needs at least 1 video { file }' }] });
  return { id, name, specs, warnings: dedupe(warnings) };
}

/** video_gen pipeline `videos:` format: inline videos sharing the file. */
export function importVideoSet(doc: Data, label: string): ImportedSet {
  const warnings: string[] = [];
  const id = safeId(String(doc.set_id ?? label.replace(/\.[^.]+$/, '')));
  const name = typeof doc.name === 'string' && doc.name.trim() ? doc.name.trim() : 'Video Set';
  for (const key of Object.keys(doc)) if (!['set_id', 'name', 'description', 'metadata', 'videos'].includes(key)) warnings.push(`${label}: unknown top-level field "${key}" ignored`);
  const specs = (Array.isArray(doc.videos) ? doc.videos : []).map((video: unknown, i) => {
    if (!isRecord(video)) throw new VideogenError('SPEC_INVALID', `${label} videos[${i}] is not a video`, { problems: [{ path: `videos[${i}]`, message: 'expected a video mapping' }] });
    const converted = convertVideo(video, { dialect: dialectOf(video, `${label} videos[${i}]`), label: `${label} videos[${i}]` });
    warnings.push(...converted.warnings);
    return converted.spec;
  });
  return { id, name, specs, warnings: dedupe(warnings) };
}

/** Set defaults produce the same warning once per video; say it once. */
function dedupe(warnings: string[]): string[] {
  return [...new Set(warnings)];
}
