import { basename, extname } from 'node:path';
import { VideogenError } from '../errors.ts';
import { parseSpecText, safeToShow, validateSpec, type SpecProblem, type VideoSet, type VideoSpec } from '../spec/index.ts';
import { NO_FILES, confinePath, type FileScope } from './confine.ts';
import { readSpecFile } from './document/read.ts';
import { detectFormat } from './video-gen/detect.ts';
import { isRecord, type Data } from './video-gen/fields.ts';
import { convertVideo, safeId } from './video-gen/video.ts';

/**
 * A canonical VideoSet → one validated spec per video. Each video (inline, or `{ file }` relative to the set file and
 * confined to its folder; never over the API or from an upload, see confine.ts) takes every field it lacks from `defaults` (theme and captions merge field by field), and its id becomes the
 * set's naming pattern (`{set}`, `{index}` = 01, 02…, `{id}`), since the id names the video's output folder.
 */
export interface ResolvedSet {
  id: string;
  name: string;
  specs: VideoSpec[];
  warnings: string[];
}

/** Nested objects that merge key by key; everything else is replaced whole. */
const MERGED = ['theme', 'captions'];

function withDefaults(video: Data, defaults: Data): Data {
  const out: Data = { ...defaults, ...video };
  for (const key of MERGED) {
    if (isRecord(defaults[key]) && isRecord(video[key])) {
      const d = defaults[key] as Data;
      const v = video[key] as Data;
      out[key] = key === 'captions' && isRecord(d.style) && isRecord(v.style) ? { ...d, ...v, style: { ...d.style, ...v.style } } : { ...d, ...v };
    }
  }
  return out;
}

export function applyNaming(pattern: string, set: string, index: number, id: string): string {
  return safeId(pattern.replaceAll('{set}', set).replaceAll('{index}', String(index + 1).padStart(2, '0')).replaceAll('{id}', id));
}

async function readEntry(file: string, scope: FileScope, index: number): Promise<Data> {
  const field = `videos[${index}].file`;
  const path = await confinePath(scope, file, { field, what: 'a set entry', instead: 'put the video inline in the set' });
  if (!['.yaml', '.yml', '.json'].includes(extname(path).toLowerCase())) {
    throw new VideogenError('SPEC_INVALID', `${field}: "${safeToShow(file)}" is not a .yaml, .yml or .json file`, { problems: [{ path: field, message: 'name a .yaml, .yml or .json spec file' }] });
  }
  const data = parseSpecText(await readSpecFile(path), basename(path)).data;
  if (!isRecord(data)) throw new VideogenError('SPEC_INVALID', `${safeToShow(file)} is not a video spec`, { problems: [{ path: field, message: 'expected a mapping with id, title and scenes' }] });
  return data;
}

/**
 * `scope` says which files `{ file }` entries may name. None unless the caller says so (safe by default): a set file
 * on the CLI passes its own folder (`{ kind: 'folder', root }`); uploads and API bodies keep NO_FILES.
 */
export async function resolveSet(set: VideoSet, setFile: string, scope: FileScope = NO_FILES): Promise<ResolvedSet> {
  const warnings: string[] = [];
  const problems: SpecProblem[] = [];
  const specs: VideoSpec[] = [];
  const defaults = set.defaults as Data;
  for (const [index, entry] of set.videos.entries()) {
    const fromFile = typeof entry.file === 'string' && Object.keys(entry).length === 1;
    const label = fromFile ? safeToShow(String(entry.file)) : `videos[${index}]`;
    const raw = fromFile ? await readEntry(String(entry.file), scope, index) : (entry as Data);
    const format = detectFormat(raw, '');
    let spec: VideoSpec | undefined;
    if (format === 'videogen-pipeline' || format === 'videogen-legacy') {
      // Already a whole video in video_gen's dialect: converted as is; the set's defaults do not reach into it.
      const converted = convertVideo(raw, { dialect: format === 'videogen-pipeline' ? 'pipeline' : 'legacy', label });
      warnings.push(...converted.warnings, `${label}: a video_gen video; the set's defaults were not applied to it`);
      spec = converted.spec;
    } else if (format !== 'canonical') {
      problems.push({ path: `videos[${index}]`, message: `${label} is a ${format} document, not a video spec` });
      continue;
    } else {
      const result = validateSpec(withDefaults(raw, defaults));
      if (!result.ok) {
        problems.push(...result.problems.map((p) => ({ ...p, path: `videos[${index}]${p.path ? `.${p.path}` : ''}`, message: fromFile ? `${p.message} (in ${label})` : p.message })));
        continue;
      }
      spec = result.value;
    }
    specs.push({ ...spec, id: applyNaming(set.naming.pattern, set.id, index, spec.id) });
  }
  if (problems.length) throw new VideogenError('SPEC_INVALID', `set ${safeToShow(set.id)} has ${problems.length} problem(s)`, { problems });
  const ids = specs.map((s) => s.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new VideogenError('SPEC_INVALID', `set ${set.id}: two videos are named "${duplicate}"`, { problems: [{ path: 'naming.pattern', message: `"${set.naming.pattern}" gives two videos the id "${duplicate}"; include {index} or {id}` }] });
  return { id: set.id, name: set.name, specs, warnings };
}
