import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { pathSegments, type SceneKind, type VideoSpec } from '../../../../src/spec/index.ts';
import { loadDraft, onDraftChange, saveDraft } from '../../builder/draft-store.ts';
import { approxSeconds, estimateDurations } from '../../builder/durations.ts';
import { moveItem, setIn, type Path } from '../../builder/edit.ts';
import { exampleYaml } from '../../builder/example.ts';
import { record, redo, replacePresent, startHistory, undo, type History } from '../../builder/history.ts';
import { newScene } from '../../builder/kinds.ts';
import { readDraft, toYaml } from '../../builder/spec-doc.ts';
import { ScenePreview } from '../../preview/ScenePreview.tsx';
import { Page } from '../../ui/Page.tsx';
import { ProblemList } from './ProblemList.tsx';
import { RenderControls } from './RenderControls.tsx';
import { SceneForm } from './SceneForm.tsx';
import { SceneList } from './SceneList.tsx';
import { TemplatesPanel } from './TemplatesPanel.tsx';
import { VideoSettings, VideoSwitches } from './VideoSettings.tsx';
import { VoiceSuggestions } from './VoiceSuggestions.tsx';
import { YamlEditor } from './YamlEditor.tsx';
import './builder.css';

type Tab = 'scene' | 'video' | 'yaml' | 'templates';
const TABS: { id: Tab; label: string }[] = [
  { id: 'scene', label: 'Scene' },
  { id: 'video', label: 'Video' },
  { id: 'yaml', label: 'YAML' },
  { id: 'templates', label: 'Templates' },
];

/** Where the selected scene ends up when the scene at `from` moves to `to` (the selection follows its scene). */
function indexAfterMove(selected: number, from: number, to: number): number {
  if (selected === from) return to;
  if (from < selected && selected <= to) return selected - 1;
  if (to <= selected && selected < from) return selected + 1;
  return selected;
}

/**
 * Focuses the control of a problem's path once the tab or scene it lives on has rendered: the control with that exact
 * path, else the nearest enclosing one (a list for its item, a raw YAML field for anything inside it).
 */
function focusProblem(path: string): void {
  requestAnimationFrame(() => {
    const controls = [...document.querySelectorAll<HTMLElement>('[data-path]')];
    const match = controls
      .filter((el) => {
        const own = el.dataset.path ?? '';
        return own === path || path.startsWith(`${own}.`) || path.startsWith(`${own}[`);
      })
      .sort((a, b) => (b.dataset.path ?? '').length - (a.dataset.path ?? '').length)[0];
    // Inside a closed "More options" the control cannot take focus until its details open.
    const details = match?.closest('details');
    if (details) details.open = true;
    match?.focus();
  });
}

function initialHistory(): History {
  const draft = loadDraft();
  return startHistory(draft ? { yaml: draft.yaml, sceneIndex: draft.sceneIndex } : { yaml: exampleYaml(), sceneIndex: 0 });
}


/**
 * The scene builder. The draft's YAML text is the single source of truth: the form writes YAML, the YAML tab edits it
 * directly, undo/redo step through YAML snapshots, and localStorage keeps it (draft-store.ts) for reloads, the Create
 * page and the pop-out preview.
 */
export function BuilderPage() {
  const [history, setHistory] = useState(initialHistory);
  const [tab, setTabState] = useState<Tab>('scene');
  // Switching tabs ends a typing burst: edits on either side of it are separate undo steps.
  const setTab = (next: Tab) => {
    setTabState(next);
    setHistory((h) => replacePresent(h, h.present));
  };
  const { yaml, sceneIndex } = history.present;
  const state = useMemo(() => readDraft(yaml), [yaml]);

  // While the text is unreadable the form shows (read-only) the last document that parsed, and the preview keeps the
  // last spec that validated, so neither vanishes mid-edit.
  const lastData = useRef(state.data);
  const lastSpec = useRef<VideoSpec | undefined>(state.spec);
  if (state.data) lastData.current = state.data;
  if (state.spec) lastSpec.current = state.spec;
  const data = state.data ?? lastData.current ?? {};
  const previewSpec = state.spec ?? lastSpec.current;
  const scenes = Array.isArray(data.scenes) ? (data.scenes as unknown[]) : [];
  const selected = Math.min(Math.max(0, sceneIndex), Math.max(0, scenes.length - 1));
  const readable = Boolean(state.data);

  useEffect(() => saveDraft(yaml, selected), [yaml, selected]);
  // Another window (Create in a second tab) replaced the draft: take it, as an undoable step.
  useEffect(
    () =>
      onDraftChange((draft) => {
        if (!draft) return;
        setHistory((h) => (draft.yaml === h.present.yaml ? h : record(h, { yaml: draft.yaml, sceneIndex: draft.sceneIndex })));
      }),
    [],
  );

  const commit = useCallback((next: Record<string, unknown>, group?: string, index?: number) => {
    setHistory((h) => record(h, { yaml: toYaml(next), sceneIndex: index ?? h.present.sceneIndex }, group));
  }, []);
  // Each field is its own undo group, so a typing burst in one field coalesces into one step.
  const onField = (path: Path, value: unknown) => commit(setIn(data, path, value), path.join('.'));
  const setScenes = (next: unknown[], index: number) => commit({ ...data, scenes: next }, undefined, index);
  const select = (index: number) => setHistory((h) => replacePresent(h, { ...h.present, sceneIndex: index }));

  const doUndo = () => setHistory(undo);
  const doRedo = () => setHistory(redo);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 'z' || key === 'y') {
        // Our undo replaces the browser's per-field undo, which cannot see edits made through the form or the list.
        e.preventDefault();
        setHistory(key === 'y' || e.shiftKey ? redo : undo);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const estimate = useMemo(() => (state.spec ? estimateDurations(state.spec) : undefined), [state.spec]);
  const invalidScenes = useMemo(() => new Set(state.problems.map((p) => /^scenes\[(\d+)\]/.exec(p.path)?.[1]).filter((v) => v !== undefined).map(Number)), [state.problems]);
  const previewIndex = previewSpec ? Math.min(selected, previewSpec.scenes.length - 1) : 0;

  return (
    <Page
      title="Builder"
      description={estimate ? `${scenes.length} scenes · ${approxSeconds(estimate.total)} in total` : `${scenes.length} scenes`}
      actions={
        <div className="row builder-actions">
          <button type="button" className="btn" onClick={doUndo} disabled={!history.past.length} aria-keyshortcuts="Control+Z">
            Undo
          </button>
          <button type="button" className="btn" onClick={doRedo} disabled={!history.future.length} aria-keyshortcuts="Control+Shift+Z Control+Y">
            Redo
          </button>
          <button type="button" className="btn" onClick={() => setHistory((h) => record(h, { yaml: exampleYaml(), sceneIndex: 0 }))}>
            New
          </button>
        </div>
      }
    >
      <VoiceSuggestions />
      <div className="builder">
        <SceneList
          scenes={scenes}
          selected={selected}
          invalid={invalidScenes}
          durations={estimate?.scenes}
          disabled={!readable}
          onSelect={(i) => {
            select(i);
            setTab('scene');
          }}
          onMove={(from, to) => setScenes(moveItem(scenes, from, to), indexAfterMove(selected, from, to))}
          onAdd={(kind: SceneKind) => setScenes([...scenes.slice(0, selected + 1), newScene(kind), ...scenes.slice(selected + 1)], scenes.length ? selected + 1 : 0)}
          onDuplicate={(i) => setScenes([...scenes.slice(0, i + 1), structuredClone(scenes[i]), ...scenes.slice(i + 1)], i + 1)}
          onDelete={(i) => setScenes(scenes.filter((_, j) => j !== i), Math.max(0, i - 1))}
        />

        <section className="builder-editor card" aria-label="Editor">
          <div className="tabs" role="tablist" aria-label="Edit">
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                id={`builder-tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls="builder-panel"
                tabIndex={tab === t.id ? 0 : -1}
                onClick={() => setTab(t.id)}
                onKeyDown={(e) => {
                  if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
                  const at = TABS.findIndex((x) => x.id === tab);
                  const next = TABS[(at + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
                  setTab(next.id);
                  document.getElementById(`builder-tab-${next.id}`)?.focus();
                }}
              >
                {t.label}
              </button>
            ))}
          </div>
          <div id="builder-panel" role="tabpanel" aria-labelledby={`builder-tab-${tab}`} className="builder-panel">
            {!readable && tab !== 'yaml' ? (
              <div className="banner banner-warn" role="status">
                The YAML cannot be read, so the form is read-only; fix it in the YAML tab.
              </div>
            ) : null}
            {tab === 'yaml' ? (
              <YamlEditor yaml={yaml} readProblems={state.readProblems} onChange={(text) => setHistory((h) => record(h, { yaml: text, sceneIndex: h.present.sceneIndex }, 'yaml'))} />
            ) : tab === 'templates' ? (
              <TemplatesPanel data={state.data} onLoad={(body) => commit(body, undefined, 0)} />
            ) : (
              <fieldset className="builder-form" disabled={!readable}>
                <legend className="visually-hidden">{tab === 'scene' ? `Scene ${selected + 1}` : 'Video'}</legend>
                {tab === 'scene' ? (
                  scenes.length ? (
                    <SceneForm data={data} index={selected} problems={state.problems} onChange={onField} estimate={estimate ? { narration: estimate.narration[selected] ?? 0, scene: estimate.scenes[selected] ?? 0 } : undefined} />
                  ) : (
                    <p className="muted">No scenes yet: add one from the list.</p>
                  )
                ) : (
                  <VideoSettings data={data} problems={state.problems} onChange={onField} />
                )}
              </fieldset>
            )}
          </div>
        </section>

        <aside className="builder-preview card" aria-label="Preview and render">
          {previewSpec ? (
            <div className="builder-canvas">
              <ScenePreview spec={previewSpec} sceneIndex={previewIndex} />
            </div>
          ) : (
            <p className="muted">The preview appears once the spec is valid.</p>
          )}
          {!state.spec && previewSpec ? <p className="small muted">Showing the last valid version while the draft has problems.</p> : null}
          <VideoSwitches data={data} problems={state.problems} onChange={onField} disabled={!readable} />
          <RenderControls spec={state.spec ? data : undefined} />
          <ProblemList
            problems={state.problems}
            onShow={(problem, scene) => {
              if (scene !== undefined) select(scene);
              const aside = ['aspect', 'theme'].includes(pathSegments(problem.path)[0] as string);
              if (!aside) setTab(scene !== undefined ? 'scene' : 'video');
              focusProblem(problem.path);
            }}
          />
        </aside>
      </div>
    </Page>
  );
}
