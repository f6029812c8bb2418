/** Frame rate of the scrubber's steps: the video's frames (30 fps). */
const STEP = 1 / 30;

const clock = (seconds: number) => `${seconds.toFixed(1)} s`;

export interface PreviewControlsProps {
  seconds: number;
  time: number;
  playing: boolean;
  disabled: boolean;
  onPlay(): void;
  onSeek(seconds: number): void;
}

/** Play/pause and the "Preview time" scrubber (arrow keys step one frame, Page Up/Down ten, Home/End the ends). */
export function PreviewControls({ seconds, time, playing, disabled, onPlay, onSeek }: PreviewControlsProps) {
  return (
    <div className="scene-preview-controls">
      <button type="button" className="btn btn-small" onClick={onPlay} disabled={disabled} aria-pressed={playing}>
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span> {playing ? 'Pause' : 'Play'}
      </button>
      <input
        type="range"
        aria-label="Preview time"
        min={0}
        max={Math.max(STEP, seconds)}
        step={STEP}
        value={time}
        disabled={disabled}
        aria-valuetext={`${clock(time)} of ${clock(seconds)}`}
        onChange={(event) => onSeek(Number(event.currentTarget.value))}
      />
      <output className="small muted scene-preview-clock" aria-live="off">
        {clock(time)} / {clock(seconds)}
      </output>
    </div>
  );
}
