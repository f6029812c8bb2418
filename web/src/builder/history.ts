/**
 * Undo/redo over whole draft snapshots. Typing in one field within a short burst replaces the newest entry instead
 * of pushing one per keystroke, so Undo takes back a word or a sentence rather than a single character.
 */
export interface Snapshot {
  yaml: string;
  sceneIndex: number;
}

export interface History {
  past: Snapshot[];
  present: Snapshot;
  future: Snapshot[];
  /** Which field the last edit touched and when, for coalescing. */
  lastGroup?: string;
  lastAt: number;
}

export const COALESCE_MS = 1000;
const LIMIT = 200;

export function startHistory(present: Snapshot): History {
  return { past: [], present, future: [], lastAt: 0 };
}

export function record(history: History, next: Snapshot, group?: string, now = Date.now()): History {
  if (next.yaml === history.present.yaml && next.sceneIndex === history.present.sceneIndex) return history;
  const coalesce = group !== undefined && group === history.lastGroup && now - history.lastAt < COALESCE_MS && history.past.length > 0;
  const past = coalesce ? history.past : [...history.past, history.present].slice(-LIMIT);
  return { past, present: next, future: [], ...(group !== undefined ? { lastGroup: group } : {}), lastAt: now };
}

/** Selecting another scene is not an edit: it moves the present without an undo step. */
export function replacePresent(history: History, next: Snapshot): History {
  const { lastGroup: _ended, ...rest } = history;
  return { ...rest, present: next };
}

export function undo(history: History): History {
  const previous = history.past.at(-1);
  if (!previous) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future], lastAt: 0 };
}

export function redo(history: History): History {
  const next = history.future[0];
  if (!next) return history;
  return { past: [...history.past, history.present], present: next, future: history.future.slice(1), lastAt: 0 };
}
