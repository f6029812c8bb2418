// Moved to render/captions-overlay.ts (isomorphic) so the studio's browser preview keeps text clear of captions too.
export { captionBandFor } from '../render/captions-overlay.ts';
