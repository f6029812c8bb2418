import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';

export interface TabDef {
  id: string;
  label: string;
  render: () => ReactNode;
}

/**
 * WAI-ARIA tabs whose selection lives in the URL (?tab=…), so a section can be linked and survives a reload.
 * Arrow keys, Home and End move between tabs (roving tabindex); only the selected panel is rendered.
 */
export function UrlTabs({ tabs, label }: { tabs: TabDef[]; label: string }) {
  const [params, setParams] = useSearchParams();
  const base = useId();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const selected = tabs.find((tab) => tab.id === params.get('tab')) ?? tabs[0]!;

  const select = (index: number) => {
    const tab = tabs[(index + tabs.length) % tabs.length]!;
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set('tab', tab.id);
      return next;
    }, { replace: true });
    refs.current[(index + tabs.length) % tabs.length]?.focus();
  };

  const onKey = (event: KeyboardEvent, index: number) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    select(target);
  };

  return (
    <>
      <div role="tablist" aria-label={label} className="tabs url-tabs">
        {tabs.map((tab, index) => {
          const active = tab.id === selected.id;
          return (
            <button
              key={tab.id}
              ref={(element) => {
                refs.current[index] = element;
              }}
              type="button"
              role="tab"
              id={`${base}-tab-${tab.id}`}
              aria-selected={active}
              aria-controls={`${base}-panel-${tab.id}`}
              tabIndex={active ? 0 : -1}
              onClick={() => select(index)}
              onKeyDown={(event) => onKey(event, index)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={`${base}-panel-${selected.id}`} aria-labelledby={`${base}-tab-${selected.id}`}>
        {selected.render()}
      </div>
    </>
  );
}
