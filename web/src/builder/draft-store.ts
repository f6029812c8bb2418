/**
 * The builder's working copy of a spec (YAML text), kept in localStorage so a reload, the Create page ("open in
 * builder") and the pop-out preview window (/preview) all see the same draft. Other windows hear changes through the
 * `storage` event; this window through a custom event.
 */
const KEY = 'videogen.draft';
const EVENT = 'videogen:draft';

export interface Draft {
  yaml: string;
  /** The scene the builder has selected (the pop-out preview follows it). */
  sceneIndex: number;
  savedAt: string;
}

export function loadDraft(): Draft | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as Partial<Draft>;
    return typeof parsed.yaml === 'string' ? { yaml: parsed.yaml, sceneIndex: Number(parsed.sceneIndex) || 0, savedAt: parsed.savedAt ?? '' } : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft(yaml: string, sceneIndex = 0): void {
  const draft: Draft = { yaml, sceneIndex, savedAt: new Date().toISOString() };
  localStorage.setItem(KEY, JSON.stringify(draft));
  window.dispatchEvent(new CustomEvent(EVENT));
}

export function clearDraft(): void {
  localStorage.removeItem(KEY);
  window.dispatchEvent(new CustomEvent(EVENT));
}

/** Calls `listener` whenever the draft changes in this or another window; returns the unsubscribe function. */
export function onDraftChange(listener: (draft: Draft | undefined) => void): () => void {
  const local = () => listener(loadDraft());
  const other = (event: StorageEvent) => event.key === KEY && listener(loadDraft());
  window.addEventListener(EVENT, local);
  window.addEventListener('storage', other);
  return () => {
    window.removeEventListener(EVENT, local);
    window.removeEventListener('storage', other);
  };
}
