import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { SCENE_SCHEMAS, VideoSpecSchema } from '../../src/spec/index.ts';
import { COMMON_SCENE_FIELDS, SCENE_FIELDS, VIDEO_FIELDS } from '../../src/writing/translate/fields.ts';

type Def = { type: string; innerType?: Schema; in?: Schema; element?: Schema; options?: Schema[]; shape?: Record<string, Schema> };
type Schema = z.ZodType & { _zod: { def: Def } };

/** Leaf paths of a schema in fields.ts notation: objects are walked, lists get `[]`, string|object unions both; a kept path is one leaf. */
function leafPaths(schema: Schema, prefix: string, opaque: ReadonlySet<string>): string[] {
  if (opaque.has(prefix)) return [prefix];
  const def = schema._zod.def;
  if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') return leafPaths(def.innerType!, prefix, opaque);
  if (def.type === 'pipe') return leafPaths(def.in!, prefix, opaque);
  if (def.type === 'array') return leafPaths(def.element!, `${prefix}[]`, opaque);
  if (def.type === 'union') return [...new Set(def.options!.flatMap((o) => leafPaths(o, prefix, opaque)))];
  if (def.type === 'object') return Object.entries(def.shape!).flatMap(([key, s]) => leafPaths(s, prefix ? `${prefix}.${key}` : key, opaque));
  return [prefix];
}

describe('translatable fields are declared for every field of the schema', () => {
  for (const schema of SCENE_SCHEMAS) {
    const kind = schema.shape.kind.value;
    it(`${kind}: each field is either translated or kept, exactly once`, () => {
      const decision = SCENE_FIELDS[kind];
      const declared = [...COMMON_SCENE_FIELDS.translate, ...COMMON_SCENE_FIELDS.keep, ...decision.translate, ...decision.keep];
      expect(new Set(declared).size, 'a path is declared twice').toBe(declared.length);
      const leaves = leafPaths(schema as unknown as Schema, '', new Set([...COMMON_SCENE_FIELDS.keep, ...decision.keep]));
      const undecided = leaves.filter((p) => !declared.includes(p));
      expect(undecided, `add these ${kind} fields to SCENE_FIELDS.${kind} (translate or keep)`).toEqual([]);
      const stale = declared.filter((p) => !leaves.includes(p));
      expect(stale, `these are no longer ${kind} fields`).toEqual([]);
    });
  }

  it('the video itself', () => {
    const declared = [...VIDEO_FIELDS.translate, ...VIDEO_FIELDS.keep];
    const leaves = leafPaths(VideoSpecSchema as unknown as Schema, '', new Set(VIDEO_FIELDS.keep));
    expect(leaves.filter((p) => !declared.includes(p))).toEqual([]);
    expect(declared.filter((p) => !leaves.includes(p))).toEqual([]);
  });

  it('every scene kind has a decision', () => {
    expect(Object.keys(SCENE_FIELDS).sort()).toEqual(SCENE_SCHEMAS.map((s) => s.shape.kind.value).sort());
  });
});
