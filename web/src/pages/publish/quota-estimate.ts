/**
 * The quota a publication will reserve, as the server counts it (src/publish/publish-cost.ts with the default costs
 * of docs/publishing.md §8): videos.insert, one captions.insert per language, thumbnails.set, playlistItems.insert.
 * Shown before confirming; the server's own figure (quotaUnits in the answer) is shown after.
 */
const COSTS = { insert: 1600, caption: 400, thumbnail: 50, playlist: 50 };

export function estimateUnits({ languages, perLanguage, playlist }: { languages: number; perLanguage: boolean; playlist: boolean }): number {
  const one = (captions: number) => COSTS.insert + captions * COSTS.caption + COSTS.thumbnail + (playlist ? COSTS.playlist : 0);
  const count = Math.max(1, languages);
  return perLanguage ? count * one(1) : one(count);
}
