import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface SourceTab<Id extends string> {
  id: Id;
  label: string;
}

interface SourceTabsProps<Id extends string> {
  tabs: readonly SourceTab<Id>[];
  selected: Id;
  onSelect: (id: Id) => void;
  label: string;
  /** The selected tab's panel. */
  children: ReactNode;
}

/**
 * WAI-ARIA tabs (automatic activation): arrows, Home and End move the selection with a roving tabindex; the panel
 * is labelled by its tab. The selection is the caller's state, so each source keeps what was typed when switching.
 */
export function SourceTabs<Id extends string>({ tabs, selected, onSelect, label, children }: SourceTabsProps<Id>) {
  const base = useId();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const index = Math.max(0, tabs.findIndex((tab) => tab.id === selected));

  const onKey = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = (target + tabs.length) % tabs.length;
    onSelect(tabs[next]!.id);
    refs.current[next]?.focus();
  };

  return (
    <>
      <div role="tablist" aria-label={label} className="tabs create-tabs">
        {tabs.map((tab, i) => (
          <button
            key={tab.id}
            ref={(element) => {
              refs.current[i] = element;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${tab.id}`}
            aria-selected={i === index}
            aria-controls={`${base}-panel`}
            tabIndex={i === index ? 0 : -1}
            onClick={() => onSelect(tab.id)}
            onKeyDown={onKey}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${selected}`} className="create-panel">
        {children}
      </div>
    </>
  );
}
