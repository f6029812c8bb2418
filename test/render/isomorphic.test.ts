import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinModules } from 'node:module';

const ROOT = new URL('../../src/', import.meta.url).pathname;
const ISOMORPHIC = ['spec', 'render', 'timeline'];
const FORBIDDEN = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), '@napi-rs/canvas']);

function files(dir: string): string[] {
  try {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
    });
  } catch {
    return [];
  }
}

describe('isomorphic layers', () => {
  it('spec/, render/ and timeline/ import no Node built-ins and no Node-only packages (they run in the browser builder)', () => {
    const offenders: string[] = [];
    for (const layer of ISOMORPHIC) {
      for (const file of files(join(ROOT, layer))) {
        for (const match of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
          const spec = match[1]!;
          if (FORBIDDEN.has(spec) || FORBIDDEN.has(spec.split('/')[0]!)) offenders.push(`${file.replace(ROOT, 'src/')}: ${spec}`);
          if (spec.startsWith('.') && /\/(media|voice|pipeline|cli|store|server|queue)\//.test(join(file, '..', spec))) offenders.push(`${file.replace(ROOT, 'src/')}: ${spec}`);
        }
        expect(readFileSync(file, 'utf8')).not.toMatch(/\bprocess\.(env|argv|cwd)/);
      }
    }
    expect(offenders).toEqual([]);
  });
});
