import { useEffect, useRef, useState } from 'react';
import type { SceneKind } from '../../../../src/spec/index.ts';
import { approxSeconds } from '../../builder/durations.ts';
import { KINDS, kindInfo, sceneSummary } from '../../builder/kinds.ts';

interface Props {
  scenes: unknown[];
  selected: number;
  /** Scene indexes with validation problems. */
  invalid: ReadonlySet<number>;
  durations?: number[] | undefined;
  disabled: boolean;
  onSelect(index: number): void;
  onMove(from: number, to: number): void;
  onAdd(kind: SceneKind): void;
  onDuplicate(index: number): void;
  onDelete(index: number): void;
}

/**
 * The scenes in order. Reordering works by drag and drop, by the Move buttons, and by Alt+Arrow on a focused scene;
 * every move is announced (aria-live) because a screen reader cannot see the list change.
 */
export function SceneList({ scenes, selected, invalid, durations, disabled, onSelect, onMove, onAdd, onDuplicate, onDelete }: Props) {
  const [kind, setKind] = useState<SceneKind>('title');
  const [message, setMessage] = useState('');
  const [dragging, setDragging] = useState<number>();
  const [dropAt, setDropAt] = useState<number>();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const focusNext = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (focusNext.current === undefined) return;
    buttons.current[focusNext.current]?.focus();
    focusNext.current = undefined;
  });

  const name = (index: number) => `"${sceneSummary(scenes[index])}"`;
  const move = (from: number, to: number, keepFocus: boolean) => {
    if (to < 0 || to >= scenes.length || from === to) return;
    onMove(from, to);
    if (keepFocus) focusNext.current = to;
    setMessage(`Moved scene ${name(from)} to position ${to + 1} of ${scenes.length}.`);
  };
  const info = kindInfo(kind);

  return (
    <section className="builder-scenes card" aria-labelledby="builder-scenes-heading">
      <h2 id="builder-scenes-heading">Scenes</h2>
      <p className="visually-hidden" id="builder-scenes-help">
        Alt+Arrow Up or Down moves the focused scene. Scenes can also be dragged.
      </p>
      <ol className="builder-scene-list" aria-label="Scene order" aria-describedby="builder-scenes-help">
        {scenes.map((scene, index) => {
          const label = kindInfo((scene as { kind?: unknown })?.kind)?.label ?? 'Unknown kind';
          return (
            <li
              key={index}
              className="builder-scene-item"
              data-dragging={dragging === index || undefined}
              data-drop={dropAt === index && dragging !== index ? true : undefined}
              draggable={!disabled}
              onDragStart={(e) => {
                e.dataTransfer.setData('text/plain', String(index));
                e.dataTransfer.effectAllowed = 'move';
                setDragging(index);
              }}
              onDragOver={(e) => {
                if (dragging === undefined) return;
                e.preventDefault();
                setDropAt(index);
              }}
              onDragLeave={() => setDropAt((d) => (d === index ? undefined : d))}
              onDrop={(e) => {
                e.preventDefault();
                const from = Number(e.dataTransfer.getData('text/plain'));
                setDragging(undefined);
                setDropAt(undefined);
                if (Number.isInteger(from)) move(from, index, false);
              }}
              onDragEnd={() => {
                setDragging(undefined);
                setDropAt(undefined);
              }}
            >
              <button
                type="button"
                ref={(el) => {
                  buttons.current[index] = el;
                }}
                className="builder-scene-button"
                aria-current={index === selected ? 'true' : undefined}
                disabled={disabled}
                onClick={() => onSelect(index)}
                onKeyDown={(e) => {
                  if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
                  e.preventDefault();
                  move(index, e.key === 'ArrowUp' ? index - 1 : index + 1, true);
                }}
              >
                <span className="builder-scene-number" aria-hidden="true">
                  {index + 1}
                </span>
                <span className="builder-scene-text">
                  <span className="builder-scene-title">{sceneSummary(scene)}</span>
                  <span className="visually-hidden">, </span>
                  <span className="small muted">
                    {label}
                    {durations?.[index] !== undefined ? ` · ${approxSeconds(durations[index])}` : ''}
                    {invalid.has(index) ? <span className="builder-scene-flag"> · has problems</span> : null}
                  </span>
                </span>
                <span className="visually-hidden">{`, scene ${index + 1} of ${scenes.length}`}</span>
              </button>
            </li>
          );
        })}
      </ol>
      <div className="builder-scene-actions" role="group" aria-label="Selected scene">
        <button type="button" className="btn btn-small" disabled={disabled || selected <= 0} onClick={() => move(selected, selected - 1, false)}>
          Move up
        </button>
        <button type="button" className="btn btn-small" disabled={disabled || selected >= scenes.length - 1} onClick={() => move(selected, selected + 1, false)}>
          Move down
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={disabled || !scenes.length}
          onClick={() => {
            onDuplicate(selected);
            setMessage(`Duplicated scene ${name(selected)} as scene ${selected + 2}.`);
          }}
        >
          Duplicate
        </button>
        <button
          type="button"
          className="btn btn-small btn-danger"
          disabled={disabled || scenes.length <= 1}
          onClick={() => {
            setMessage(`Deleted scene ${name(selected)}.`);
            onDelete(selected);
          }}
        >
          Delete
        </button>
      </div>
      <div className="builder-add">
        <div className="field">
          <label htmlFor="builder-new-kind">New scene kind</label>
          <select id="builder-new-kind" value={kind} disabled={disabled} aria-describedby="builder-new-kind-hint" onChange={(e) => setKind(e.target.value as SceneKind)}>
            {KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
          <span id="builder-new-kind-hint" className="hint">
            {info?.description}
          </span>
        </div>
        <button
          type="button"
          className="btn"
          disabled={disabled}
          onClick={() => {
            onAdd(kind);
            setMessage(`Added a ${info?.label ?? kind} scene as scene ${Math.min(selected + 2, scenes.length + 1)}.`);
          }}
        >
          Add scene
        </button>
      </div>
      <p className="visually-hidden" aria-live="polite" role="status">
        {message}
      </p>
    </section>
  );
}
