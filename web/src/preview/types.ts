import type { VideoSpec } from '../../../src/spec/index.ts';

/** What the builder gives the live preview (web/src/preview/ScenePreview.tsx). */
export interface ScenePreviewProps {
  /** A spec that passed validateSpec (the builder shows problems instead of previewing an invalid one). */
  spec: VideoSpec;
  sceneIndex: number;
  /** Accessible name of the canvas; default "Preview of scene N". */
  label?: string;
}
