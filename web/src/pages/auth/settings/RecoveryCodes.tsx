import { CopyButton, DownloadTextButton } from '../CopyButton.tsx';

/** Recovery codes, shown once: the server keeps only their hashes, so this is the only time they can be saved. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const text = `videogen recovery codes (each works once instead of a two-factor code)\n\n${codes.join('\n')}\n`;
  return (
    <div className="secret-once" role="region" aria-label="Your recovery codes">
      <p>
        <strong>Save these recovery codes now.</strong> They are shown only this once. Each one signs you in once if you lose your authenticator.
      </p>
      <ul className="codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="row">
        <CopyButton text={text} label="Copy codes" />
        <DownloadTextButton text={text} fileName="videogen-recovery-codes.txt" label="Download as text" />
        <button type="button" className="btn btn-small btn-primary" onClick={onDone}>
          I saved them
        </button>
      </div>
    </div>
  );
}
