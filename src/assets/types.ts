/**
 * Stock and library media (ARCHITECTURE §3 `assets/`): providers behind one interface, and the licence record every
 * asset carries into manifest.json and credits.txt.
 */

/** Who made an asset and on what terms; printed in credits.txt and the video description. */
export interface Credit {
  /** Provider id: pexels, pixabay, local (the media library), file (a path in the spec), url, upload. */
  provider: string;
  /** What the asset is, for people: "Harbour at dusk" or the file name. */
  title?: string;
  author?: string;
  authorUrl?: string;
  /** Page of the asset at the provider (not the file URL). */
  sourceUrl?: string;
  /** Licence name, e.g. "Pexels License", "Pixabay Content License", "CC BY 4.0", or "provided by the user". */
  license: string;
  licenseUrl?: string;
  /** What it is, for the credits line ("Footage", "Picture", "Music"); inferred from the file name when absent. */
  kind?: 'image' | 'video' | 'audio';
}

export type MediaKind = 'image' | 'video';
export type Orientation = 'landscape' | 'portrait' | 'square';

export interface MediaQuery {
  terms: string;
  /** Language of `terms` (BCP 47, e.g. "fr"); providers that search in several languages are told. Default English. */
  language?: string;
  kind: MediaKind | 'any';
  orientation: Orientation;
  /** Output frame size: the provider picks the smallest file that still covers it. */
  width: number;
  height: number;
  /** Seconds the clip should last at least (videos); shorter clips loop. */
  minDuration?: number;
  signal?: AbortSignal;
}

/** One search result: enough to choose, download and credit it. */
export interface MediaCandidate {
  provider: string;
  /** Provider-unique id; (provider, id) is never used twice in one video. */
  id: string;
  kind: MediaKind;
  width: number;
  height: number;
  duration?: number;
  /** The file to download (the best rendition for the query's size), or a local path for the library. */
  url: string;
  credit: Credit;
  tags?: string[];
}

export interface MediaProvider {
  readonly id: string;
  /** False when it cannot be used (no API key, no library directory). */
  available(): boolean;
  search(query: MediaQuery): Promise<MediaCandidate[]>;
  /** Puts the candidate's file at `dest` (written atomically); local providers may copy or link. */
  download(candidate: MediaCandidate, dest: string, signal?: AbortSignal): Promise<void>;
  /** A file usable where it is (the local library), so nothing is downloaded or copied. */
  fileFor?(candidate: MediaCandidate): string | undefined;
}

/** What the media stage asks for one scene: b-roll for its sentences, or a stock background for fixed terms. */
export interface StockRequest {
  scene: number;
  /** The scene's narration sentences, in order (b-roll); empty for a `background.stock` with fixed terms. */
  sentences: string[];
  /** Estimated seconds of speech per sentence, so long scenes get a new clip every 4–6 s. */
  seconds: number[];
  /** `background: { stock }`: the spec's own search terms (one clip for the scene). */
  terms?: string;
}

/** One chosen clip: shown from `sentence` on in scene `scene`; no `file` means the drawn gradient fallback. */
export interface StockPick {
  scene: number;
  sentence: number;
  terms: string;
  file?: string;
  kind?: MediaKind;
  credit?: Credit;
}
