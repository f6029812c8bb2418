import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What the pixels of a segment depend on besides its inputs: the code that lays out, draws, times, decodes and encodes
 * (src/render, src/timeline, src/media and the segment renderer itself). Its hash goes into every segment key, so a
 * changed renderer never reuses a segment drawn by the old one — no version to remember to bump. Read once per
 * process (about a hundred small files).
 */
const PARTS = ['../render/', '../timeline/', '../media/', './segments.'];

let fingerprint: string | undefined;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

export function rendererFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256');
  for (const part of PARTS) {
    const url = new URL(part, import.meta.url);
    const path = fileURLToPath(url);
    const files = part.endsWith('/')
      ? filesUnder(path)
      : readdirSync(join(path, '..')).filter((f) => f.startsWith('segments.')).map((f) => join(path, '..', f));
    for (const file of files.sort()) {
      if (!statSync(file).isFile()) continue;
      hash.update(file.slice(file.lastIndexOf('/src/') + 1)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  fingerprint = hash.digest('hex').slice(0, 16);
  return fingerprint;
}
