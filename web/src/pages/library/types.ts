/** The parts of a render's outputs the library shows (src/pipeline/manifest.ts, render-languages.ts, metadata.ts). */

export interface Manifest {
  title?: string;
  video?: { width: number; height: number; fps: number; frames: number; seconds: number; preset?: string; aspect?: string };
  scenes?: { id: string; kind: string; start: number; end: number; voice?: { ref?: string; provider?: string; id?: string } }[];
  captions?: { cues: number };
  warnings?: string[];
}

export interface Metadata {
  title?: string;
  description?: string;
  tags?: string[];
  language?: string;
  category?: string;
}

/** `index.json` of a multilingual job. */
export interface LanguageIndex {
  sourceLanguage: string;
  languages: { language: string; name: string; nativeName: string; rtl: boolean; dir: string; title: string; translatedBy: string; voice: string; seconds: number; files: Record<string, string> }[];
  warnings: string[];
}

export interface OutputFile {
  name: string;
  bytes: number;
  url: string;
}
