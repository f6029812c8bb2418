/**
 * A determinate progress bar assistive technology reads as one: role=progressbar with its value, and the label
 * names what is measured ("Render progress", "Progress of de").
 */
export function ProgressBar({ value, label, small }: { value: number; label: string; small?: boolean }) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div className={`progress${small ? ' jobs-progress-small' : ''}`} role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={`${percent}%`}>
      <span style={{ width: `${percent}%` }} />
    </div>
  );
}
