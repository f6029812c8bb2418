/**
 * Reads one video_gen mapping (a scene, its visual_content, a `video:` block) key by key and remembers which keys
 * were read, so every key nobody mapped becomes a warning that names the field and where it was, never a silent drop.
 */
export type Data = Record<string, unknown>;

export function isRecord(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Scalars become trimmed text; empty text counts as absent (video_gen renders "" as a blank slot). */
export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export class Fields {
  private readonly used = new Set<string>();

  constructor(
    readonly data: Data,
    /** e.g. `scene 3 (list "scene_03")`, used in warnings. */
    readonly where: string,
    private readonly warnings: string[],
  ) {}

  has(key: string): boolean {
    return this.data[key] !== undefined && this.data[key] !== null;
  }

  /** The value of the first of `keys` present; marks all of them read, so aliases never warn. */
  take(...keys: string[]): unknown {
    for (const key of keys) this.used.add(key);
    for (const key of keys) if (this.has(key)) return this.data[key];
    return undefined;
  }

  /** The first alias present, for warnings that name what the author wrote. */
  keyOf(...keys: string[]): string | undefined {
    return keys.find((k) => this.has(k));
  }

  text(...keys: string[]): string | undefined {
    const key = this.keyOf(...keys);
    const value = this.take(...keys);
    if (value === undefined) return undefined;
    const text = asText(value);
    if (text === undefined && !(typeof value === 'string')) this.warn(`field "${key}" should be text; got ${describe(value)}, ignored`);
    return text;
  }

  /** A list of lines: a YAML list of scalars, or one multi-line string (split on newlines). */
  lines(...keys: string[]): string[] | undefined {
    const key = this.keyOf(...keys);
    const value = this.take(...keys);
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value.split('\n').map((l) => l.trim()).filter(Boolean);
    if (Array.isArray(value)) {
      const out: string[] = [];
      value.forEach((item, i) => {
        const text = asText(item);
        if (text !== undefined) out.push(text);
        else if (item !== '' && item !== null) this.warn(`${key}[${i}] should be text; got ${describe(item)}, ignored`);
      });
      return out;
    }
    this.warn(`field "${key}" should be a list; got ${describe(value)}, ignored`);
    return undefined;
  }

  /** Code as one string: a block string is kept verbatim (indentation matters); a list of lines is joined. */
  code(...keys: string[]): string | undefined {
    const key = this.keyOf(...keys);
    const value = this.take(...keys);
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value.replace(/\s+$/, '') || undefined;
    if (Array.isArray(value)) return value.map((l) => (l === null || l === undefined ? '' : String(l))).join('\n').replace(/\s+$/, '') || undefined;
    this.warn(`field "${key}" should be code (a string or a list of lines); got ${describe(value)}, ignored`);
    return undefined;
  }

  number(...keys: string[]): number | undefined {
    const key = this.keyOf(...keys);
    const value = this.take(...keys);
    if (value === undefined) return undefined;
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number.parseFloat(value) : Number.NaN;
    if (Number.isFinite(n)) return n;
    this.warn(`field "${key}" should be a number; got ${describe(value)}, ignored`);
    return undefined;
  }

  /** Marks a known key that has no counterpart here; warns only when it is present, saying why. */
  ignore(key: string, why: string): void {
    this.used.add(key);
    if (this.has(key)) this.warn(`field "${key}" ignored: ${why}`);
  }

  warn(message: string): void {
    this.warnings.push(`${this.where}: ${message}`);
  }

  /** Warns once per key that no mapping read. */
  reportUnused(): void {
    for (const key of Object.keys(this.data)) {
      if (!this.used.has(key)) this.warn(`unknown field "${key}" ignored`);
    }
  }
}

export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'a mapping';
  return JSON.stringify(value) ?? String(value);
}
