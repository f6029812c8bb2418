import type { VideoSpec } from './video.ts';

/**
 * Fills what zod defaults cannot: scene ids from their position, so every scene can be addressed (`--scene list-2`)
 * and cached by id. Ids the author gave are kept; generated ones skip any id already taken.
 */
export function normaliseSpec(spec: VideoSpec): VideoSpec {
  const taken = new Set(spec.scenes.map((s) => s.id).filter((id): id is string => Boolean(id)));
  const counters = new Map<string, number>();
  const scenes = spec.scenes.map((scene) => {
    if (scene.id) return scene;
    let n = counters.get(scene.kind) ?? 0;
    let id: string;
    do id = `${scene.kind}-${++n}`;
    while (taken.has(id));
    counters.set(scene.kind, n);
    taken.add(id);
    return { ...scene, id };
  });
  return { ...spec, scenes };
}

/** Scene ids are always present after normalisation. */
export function sceneId(scene: { id?: string | undefined }, index: number): string {
  return scene.id ?? `scene-${index + 1}`;
}
