/** Immutable edits of the parsed document, by path (strings are keys, numbers are list indexes). */
export type Path = readonly (string | number)[];

type Container = Record<string, unknown> | unknown[];

/** `value === undefined` removes the key (an emptied optional field leaves the YAML rather than becoming ""). */
export function setIn<T extends Container>(root: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(root) ? [...root] : { ...root }) as Record<string | number, unknown>;
  if (rest.length === 0) {
    if (value === undefined && !Array.isArray(root)) delete copy[head];
    else copy[head] = value;
    return copy as T;
  }
  const child = copy[head];
  const container: Container = typeof child === 'object' && child !== null ? (child as Container) : typeof rest[0] === 'number' ? [] : {};
  copy[head] = setIn(container, rest, value);
  return copy as T;
}

export function getIn(root: unknown, path: Path): unknown {
  let value = root;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** `['scenes', 1, 'items']` → `scenes[1].items`, the path format of validation problems. */
export function pathText(path: Path): string {
  let out = '';
  for (const segment of path) out += typeof segment === 'number' ? `[${segment}]` : out ? `.${segment}` : segment;
  return out;
}

export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item as T);
  return copy;
}
