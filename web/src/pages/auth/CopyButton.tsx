import { useEffect, useState } from 'react';

/**
 * Copies a text to the clipboard and says so for a moment (politely announced). Where the clipboard is refused
 * (plain http on another host), it says to select the text instead of failing silently.
 */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => {
          // The clipboard API is missing outside secure contexts (plain http on another host).
          if (!navigator.clipboard) return setState('failed');
          navigator.clipboard.writeText(text).then(
            () => setState('copied'),
            () => setState('failed'),
          );
        }}
      >
        {label}
      </button>
      <span role="status" className="small muted">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copying was refused: select the text and copy it' : ''}
      </span>
    </>
  );
}

/** Offers a text as a file download (recovery codes), built in the page so nothing is sent anywhere. */
export function DownloadTextButton({ text, fileName, label }: { text: string; fileName: string; label: string }) {
  return (
    <button
      type="button"
      className="btn btn-small"
      onClick={() => {
        const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
        const link = document.createElement('a');
        link.href = url;
        link.download = fileName;
        link.click();
        // Revoked after the click has been handled, so the download has started.
        setTimeout(() => URL.revokeObjectURL(url), 1000);
      }}
    >
      {label}
    </button>
  );
}
