import { COMMON_SCENE_FIELDS, SCENE_FIELDS, VIDEO_FIELDS, slotsAt, type TextSlot } from '../../../../src/writing/translate/fields.ts';

/**
 * The words of a spec a translation changes, found with the translator's own field list
 * (src/writing/translate/fields.ts), so the review shows exactly what was translated and nothing it kept (code,
 * commands, paths).
 */
export interface SpecText extends TextSlot {
  /** For people: "Video title", "Scene 2 (list) · items[0]". */
  label: string;
}

type Spec = Record<string, unknown>;

export function specTexts(spec: Spec): SpecText[] {
  const out: SpecText[] = [];
  for (const path of VIDEO_FIELDS.translate) for (const slot of slotsAt(spec, path)) out.push({ ...slot, label: `Video ${slot.path}` });
  const scenes = Array.isArray(spec.scenes) ? (spec.scenes as unknown[]) : [];
  scenes.forEach((scene, i) => {
    if (!scene || typeof scene !== 'object') return;
    const kind = String((scene as Spec).kind);
    const fields = [...COMMON_SCENE_FIELDS.translate, ...(SCENE_FIELDS[kind as keyof typeof SCENE_FIELDS]?.translate ?? [])];
    for (const path of fields) {
      for (const slot of slotsAt(scene, path, `scenes[${i}]`)) out.push({ ...slot, label: `Scene ${i + 1} (${kind}) · ${slot.path.slice(`scenes[${i}].`.length)}` });
    }
  });
  return out;
}

/** A copy of `spec` with the edited texts (by path) written in. */
export function withTexts(spec: Spec, edits: Record<string, string>): Spec {
  const copy = structuredClone(spec);
  for (const slot of specTexts(copy)) {
    const value = edits[slot.path];
    if (value !== undefined) slot.set(value);
  }
  return copy;
}
