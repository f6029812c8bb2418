import { VideogenError } from '../errors.ts';
import { formatPath } from './problems.ts';

/**
 * Safety limits on spec input, named as `details.limit` in LIMIT_EXCEEDED errors (docs/errors/LIMIT_EXCEEDED.md lists
 * them with these values). They are far above what a real spec needs and low enough that a hostile document cannot
 * exhaust memory or the stack: every check here is iterative, so it runs before anything that recurses (yaml's
 * composer, zod).
 */
export const SPEC_LIMITS = {
  /** Bytes of YAML/JSON text (UTF-8). */
  'spec.bytes': 2 * 1024 * 1024,
  /** yaml's alias budget (`maxAliasCount`): alias uses weighted by the aliases inside what they copy. */
  'spec.aliases': 100,
  /** Levels of nested mappings and lists. */
  'spec.depth': 64,
  /** Scenes in one video. */
  'spec.scenes': 500,
  /** Videos in one set. */
  'spec.videos': 100,
  /** Entries in any other list (items, commands, options…). */
  'spec.list': 1000,
  /** Characters in one text field (titles, narration, code). */
  'spec.text': 20_000,
} as const;

export type SpecLimit = keyof typeof SPEC_LIMITS;

export function limitExceeded(limit: SpecLimit, message: string, extra: Record<string, unknown> = {}): VideogenError {
  return new VideogenError('LIMIT_EXCEEDED', `${message} (limit ${limit})`, { limit, max: SPEC_LIMITS[limit], ...extra });
}

const LIST_LIMITS: Record<string, SpecLimit> = { scenes: 'spec.scenes', videos: 'spec.videos' };

/**
 * Walks parsed data with an explicit stack and throws LIMIT_EXCEEDED at the first value over a limit (depth, list
 * lengths, text length), naming its path. Values nested deeper than the limit are never visited.
 */
export function checkSpecLimits(data: unknown): void {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: data, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.length > SPEC_LIMITS['spec.text']) throw limitExceeded('spec.text', `${formatPath(path) || 'the document'} is ${value.length} characters long; at most ${SPEC_LIMITS['spec.text']} fit in one field (shorten it or split the scene)`, { path: formatPath(path) });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= SPEC_LIMITS['spec.depth']) throw limitExceeded('spec.depth', `the document nests more than ${SPEC_LIMITS['spec.depth']} levels deep (at ${formatPath(path.slice(0, 8))}…); a spec needs fewer than 10`, { path: formatPath(path.slice(0, 8)) });
    if (Array.isArray(value)) {
      const key = path[path.length - 1];
      const limit = (typeof key === 'string' && LIST_LIMITS[key]) || 'spec.list';
      if (value.length > SPEC_LIMITS[limit]) {
        const fix = limit === 'spec.scenes' ? 'split the video into a set' : limit === 'spec.videos' ? 'split the set into several sets' : 'shorten the list';
        throw limitExceeded(limit, `${formatPath(path) || 'the document'} has ${value.length} entries; at most ${SPEC_LIMITS[limit]} are allowed (${fix})`, { path: formatPath(path) });
      }
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
      continue;
    }
    const entries = Object.entries(value);
    if (entries.length > SPEC_LIMITS['spec.list']) throw limitExceeded('spec.list', `${formatPath(path) || 'the document'} has ${entries.length} fields; at most ${SPEC_LIMITS['spec.list']} are allowed`, { path: formatPath(path) });
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      if (key.length > SPEC_LIMITS['spec.text']) throw limitExceeded('spec.text', `a field name at ${formatPath(path) || 'the top level'} is ${key.length} characters long`, { path: formatPath(path) });
      stack.push({ value: child, path: [...path, key] });
    }
  }
}

/** UTF-8 length without allocating: the text check runs before parsing, on every spec. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
