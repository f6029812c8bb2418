/** The logo and name at the top of the pages without the shell (sign in, first run). */
export function Brand() {
  return (
    <div className="auth-brand">
      <svg viewBox="0 0 32 32" width="32" height="32" aria-hidden="true">
        <rect width="32" height="32" rx="7" fill="var(--accent-bg)" />
        <path d="M12 9l11 7-11 7z" fill="var(--accent-text)" />
      </svg>
      <span>videogen studio</span>
    </div>
  );
}
