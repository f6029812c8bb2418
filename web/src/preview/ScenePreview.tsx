import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { plainHighlighter, type CodeHighlighter } from '../../../src/render/code-highlight.ts';
import { mediaElements } from '../../../src/render/media-needs.ts';
import { resetMeasurerWhenFontsLoad } from '../../../src/render/text.ts';
import { Banner, ErrorBanner } from '../ui/Banner.tsx';
import { drawPreview, highlighterFor, languagesKey, layoutPreview, sharedMeasurer, type PreviewScene, type TransitionSurfaces } from './engine.ts';
import { familiesFor, loadFamilies } from './fonts.ts';
import { PreviewControls } from './PreviewControls.tsx';
import type { ScenePreviewProps } from './types.ts';
import './preview.css';

export interface LivePreviewProps extends ScenePreviewProps {
  /** Scene time shown first (seconds); default: the settled picture, as `videogen preview` without --at. */
  initialTime?: number;
  /** Extra class on the wrapper (the pop-out window fills its viewport). */
  className?: string;
}

/** Timings of every layout-and-draw, for the bench and the tests (performance.getEntriesByName). */
const MEASURE = 'videogen:preview-draw';
const NO_HIGHLIGHTER = plainHighlighter();

/** A VideogenError (RENDER_FAILED…) shown with its code, as the CLI prints it. */
function withCode(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' ? new Error(`The scene could not be laid out: ${error.message} (${code})`) : error;
}

/** The fonts for this spec's scripts, loaded once; `ready` names the family set that finished. */
function useFonts(familyKey: string) {
  const [ready, setReady] = useState('');
  const [error, setError] = useState<unknown>();
  // Widths measured with a fallback font are wrong once the real face arrives: forget them and lay out again.
  const [generation, setGeneration] = useState(0);
  useEffect(() => resetMeasurerWhenFontsLoad(sharedMeasurer(), document.fonts, () => setGeneration((g) => g + 1)), []);
  useEffect(() => {
    let live = true;
    loadFamilies(familyKey.split(',') as Parameters<typeof loadFamilies>[0])
      .then(() => {
        if (!live) return;
        sharedMeasurer().reset();
        setReady(familyKey);
      })
      .catch((e: unknown) => live && setError(new Error(`The preview's fonts did not load (${e instanceof Error ? e.message : String(e)}); text is drawn in a fallback font.`)));
    return () => {
      live = false;
    };
  }, [familyKey]);
  return { ready: ready === familyKey, generation, error };
}

/** Shiki for the spec's languages (cached per language set); plain tokens stand in until it arrives. */
function useHighlighter(languages: string) {
  const [loaded, setLoaded] = useState<{ key: string; highlighter: CodeHighlighter }>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let live = true;
    highlighterFor(languages ? languages.split(',') : [])
      .then((highlighter) => live && setLoaded({ key: languages, highlighter }))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [languages]);
  return loaded?.key === languages ? { highlighter: loaded.highlighter, ready: true, error } : { highlighter: NO_HIGHLIGHTER, ready: false, error };
}

/**
 * The selected scene drawn by src/render itself on a canvas at the video's real frame size (CSS scales it to fit),
 * with play/pause and a scrubber over its estimated length. Every spec change lays out and draws one frame again.
 */
export function ScenePreview({ spec, sceneIndex, label, initialTime, className }: LivePreviewProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const surfaces = useRef<TransitionSurfaces | null>(null);
  const sceneRef = useRef<PreviewScene | null>(null);
  const fonts = useFonts(useMemo(() => familiesFor(spec).join(','), [spec]));
  const code = useHighlighter(useMemo(() => languagesKey(spec), [spec]));
  const [layoutError, setLayoutError] = useState<unknown>();
  const [info, setInfo] = useState<{ seconds: number; transition: number; settlesAt: number; media: boolean }>();
  // null = "the settled picture", which follows the scene as it grows; a number once the person scrubs or plays.
  const [time, setTime] = useState<number | null>(initialTime ?? null);
  const [playing, setPlaying] = useState(false);
  const ready = fonts.ready && code.ready;

  // The settled picture is drawn at settlesAt, as `videogen preview` without --at does (Infinity for moving footage).
  const shown = (scene: PreviewScene) => (time === null ? (Number.isFinite(scene.laid.settlesAt) ? Math.min(scene.laid.settlesAt, scene.seconds) : Infinity) : Math.min(time, scene.seconds));

  // Draws `scene` at `t` and says so on the canvas: tests and the bench wait for data-ready and read data-time.
  const paint = (scene: PreviewScene, t: number, startedAt: number) => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const { width, height } = scene.laid.frame;
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    surfaces.current ??= { from: document.createElement('canvas'), to: document.createElement('canvas') };
    drawPreview(ctx, scene, t, surfaces.current);
    canvas.dataset.time = String(t);
    canvas.dataset.ready = String(ready);
    performance.measure(MEASURE, { start: startedAt, end: performance.now(), detail: { kind: scene.laid.scene.kind, scene: sceneIndex, ready } });
  };

  // Layout + draw on every change of the spec, the scene, the fonts or the highlighter (the ≤ 100 ms path).
  useLayoutEffect(() => {
    const startedAt = performance.now();
    const canvas = canvasRef.current;
    if (canvas) canvas.dataset.ready = 'false';
    let scene: PreviewScene;
    try {
      scene = layoutPreview(spec, sceneIndex, code.highlighter);
    } catch (error) {
      sceneRef.current = null;
      setLayoutError(withCode(error));
      return;
    }
    sceneRef.current = scene;
    setLayoutError(undefined);
    setInfo({ seconds: scene.seconds, transition: scene.transition, settlesAt: scene.laid.settlesAt, media: mediaElements(scene.laid.elements).length > 0 });
    paint(scene, shown(scene), startedAt);
    // `time` is drawn by the effect below; listing it here would lay the scene out again on every animation frame.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [spec, sceneIndex, code.highlighter, fonts.ready, fonts.generation]);

  // Scrubbing and playing only draw (the layout is plain data and stays valid).
  useLayoutEffect(() => {
    const scene = sceneRef.current;
    if (scene) paint(scene, shown(scene), performance.now());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [time]);

  // Another scene starts at its settled picture again, unless the caller asked for a time.
  useEffect(() => {
    setPlaying(false);
    setTime(initialTime ?? null);
  }, [sceneIndex, initialTime]);

  // Real-time playback: entrance, reveals and the transition, looping until paused.
  useEffect(() => {
    if (!playing) return;
    const scene = sceneRef.current;
    if (!scene) return;
    const from = time === null || time >= scene.seconds - 1 / 60 ? 0 : time;
    const startedAt = performance.now();
    let frame = requestAnimationFrame(function tick(now) {
      const length = sceneRef.current?.seconds ?? scene.seconds;
      setTime((from + (now - startedAt) / 1000) % length);
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
    // Starting time is read once per play; the loop then owns `time`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [playing]);

  const name = label ?? `Preview of scene ${sceneIndex + 1}`;
  const seconds = info?.seconds ?? 0;
  // Footage never settles: its settled picture sits at the scrubber's last moment before the transition.
  const settledAt = info ? (Number.isFinite(info.settlesAt) ? info.settlesAt : info.seconds - info.transition) : 0;
  const current = Math.min(time ?? settledAt, seconds);
  return (
    <div className={`scene-preview stack${className ? ` ${className}` : ''}`}>
      <div className="scene-preview-stage">
        <canvas ref={canvasRef} className="scene-preview-canvas" role="img" aria-label={name} width={1920} height={1080} data-ready="false" />
      </div>
      <PreviewControls
        seconds={seconds}
        time={current}
        playing={playing}
        disabled={!info}
        onPlay={() => setPlaying((p) => !p)}
        onSeek={(t) => {
          setPlaying(false);
          setTime(t);
        }}
      />
      {info?.media && <p className="small muted">The picture or footage is shown in the render; the preview draws the gradient that stands in for it.</p>}
      {!ready && !layoutError && <p className="small muted" role="status">Loading fonts and code colours…</p>}
      <ErrorBanner error={layoutError} />
      <ErrorBanner error={fonts.error} />
      {code.error ? <Banner tone="warn">Code colours did not load; code is shown in one colour.</Banner> : null}
    </div>
  );
}
