/** The render pipeline's stages in order (src/pipeline/events.ts), with the words the pages show for them. */
export const RENDER_STAGES = ['media', 'layout', 'voice', 'timeline', 'render', 'audio', 'mux', 'outputs'] as const;

const LABELS: Record<string, string> = {
  media: 'Media',
  layout: 'Layout',
  voice: 'Voice',
  timeline: 'Timeline',
  render: 'Frames',
  audio: 'Audio mix',
  mux: 'Mux',
  outputs: 'Outputs',
  upload: 'Upload',
  captions: 'Captions',
  thumbnail: 'Thumbnail',
  playlist: 'Playlist',
  waiting: 'Waiting',
};

export function stageLabel(stage: string | null | undefined): string {
  if (!stage) return '—';
  return LABELS[stage] ?? stage;
}

/** "1:05 left" style ETA; seconds from the snapshot. */
export function etaText(seconds: number | undefined): string | undefined {
  if (seconds === undefined || !Number.isFinite(seconds)) return undefined;
  const s = Math.max(0, Math.round(seconds));
  return s < 60 ? `${s} s left` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s left`;
}
