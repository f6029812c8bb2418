// OWNER: helper h2 (the live preview drawn by src/render in the browser, with scrubber and play).
import type { ScenePreviewProps } from './types.ts';

export function ScenePreview({ sceneIndex, label }: ScenePreviewProps) {
  return <canvas aria-label={label ?? `Preview of scene ${sceneIndex + 1}`} width={1280} height={720} />;
}
