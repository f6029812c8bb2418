import { useEffect, useMemo, useState } from 'react';
import { parseSpecText, validateSpec, type VideoSpec } from '../../../src/spec/index.ts';
import { loadDraft, onDraftChange, type Draft } from '../builder/draft-store.ts';
import { Banner, Empty, ErrorBanner } from '../ui/Banner.tsx';
import { ScenePreview } from './ScenePreview.tsx';
import './preview.css';

const ASPECTS = new Set(['16:9', '9:16', '1:1']);

/** The draft as a valid spec, or why not (the builder shows the same problems in its form). */
function specOf(yaml: string, aspect: string | null): { spec: VideoSpec } | { error: unknown } {
  try {
    const data = parseSpecText(yaml, 'draft').data;
    const result = validateSpec(aspect && typeof data === 'object' && data !== null ? { ...data, aspect } : data);
    if (result.ok) return { spec: result.value };
    return { error: new Error(`The draft is not a valid spec: ${result.problems.slice(0, 3).map((p) => `${p.path || 'spec'}: ${p.message}`).join('; ')}`) };
  } catch (error) {
    return { error };
  }
}

/** A finite number from the query (`?t=1.5`), else undefined. */
function numberParam(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  const n = raw === null || raw === '' ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * The pop-out preview (/preview, no shell): follows the builder's draft from another window through the draft store.
 * `?scene=N` (0-based) pins a scene instead of following the builder's selection, `&t=` a scene time in seconds,
 * `&aspect=9:16` draws another frame shape without changing the draft.
 */
export function PreviewWindowPage() {
  const [draft, setDraft] = useState<Draft | undefined>(() => loadDraft());
  useEffect(() => onDraftChange(setDraft), []);
  const params = useMemo(() => new URLSearchParams(window.location.search), []);
  const aspectParam = params.get('aspect');
  const aspect = aspectParam && ASPECTS.has(aspectParam) ? aspectParam : null;
  const parsed = useMemo(() => (draft ? specOf(draft.yaml, aspect) : undefined), [draft, aspect]);
  const pinned = numberParam(params, 'scene');
  const time = numberParam(params, 't');

  useEffect(() => {
    document.title = 'Preview · videogen studio';
  }, []);

  const spec = parsed && 'spec' in parsed ? parsed.spec : undefined;
  const index = spec ? Math.min(Math.floor(pinned ?? draft?.sceneIndex ?? 0), spec.scenes.length - 1) : 0;
  const scene = spec?.scenes[index];
  return (
    <main className="preview-window stack">
      <div className="preview-window-bar">
        <h1>{scene ? `Preview · scene ${index + 1} of ${spec.scenes.length} · ${scene.kind}` : 'Preview'}</h1>
        {spec ? <span className="small muted">{spec.title} · {spec.aspect}</span> : null}
      </div>
      {!draft && <Empty>No draft yet. Open a video in the builder; this window follows the scene you select there.</Empty>}
      {parsed && 'error' in parsed ? <ErrorBanner error={parsed.error} /> : null}
      {aspectParam && !aspect ? <Banner tone="warn">Unknown aspect "{aspectParam}"; use 16:9, 9:16 or 1:1.</Banner> : null}
      {spec && <ScenePreview spec={spec} sceneIndex={index} className="preview-window-preview" {...(time !== undefined ? { initialTime: time } : {})} />}
    </main>
  );
}
