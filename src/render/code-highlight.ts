import { createHighlighter, bundledLanguages, type BundledLanguage, type Highlighter } from 'shiki';
import type { CodeToken } from './elements.ts';
import { ensureContrast } from './color.ts';

/** Turns source code into coloured tokens, one array per line. Synchronous so layout stays synchronous. */
export interface CodeHighlighter {
  tokenize(code: string, language: string | undefined, background: string): CodeToken[][];
}

const SHIKI_THEME = 'github-dark-default';
const PLAIN = new Set(['text', 'txt', 'plain', 'plaintext', '']);

export function isKnownLanguage(language: string): boolean {
  return PLAIN.has(language.toLowerCase()) || language.toLowerCase() in bundledLanguages;
}

/** Plain tokens in one colour: for "text" and for languages shiki does not know. */
export function plainHighlighter(color = '#e2e8f0'): CodeHighlighter {
  return { tokenize: (code) => code.split('\n').map((line) => [{ text: line, color }]) };
}

/**
 * Loads shiki with exactly the languages a spec uses (loading all 200+ grammars costs seconds). Token colours are
 * pushed to ≥ 4.5:1 against the panel, because theme comment colours are often too faint for video.
 */
export async function createCodeHighlighter(languages: Iterable<string>): Promise<CodeHighlighter> {
  const wanted = [...new Set([...languages].map((l) => l.toLowerCase()).filter((l) => !PLAIN.has(l) && l in bundledLanguages))] as BundledLanguage[];
  const shiki: Highlighter = await createHighlighter({ themes: [SHIKI_THEME], langs: wanted });
  const fallback = plainHighlighter();
  const colorCache = new Map<string, string>();
  return {
    tokenize(code, language, background) {
      const lang = (language ?? 'text').toLowerCase();
      if (!wanted.includes(lang as BundledLanguage)) return fallback.tokenize(code, lang, background);
      // No time limit: shiki's default (500 ms a line) gives up mid-line on a busy machine and colours the rest of
      // the line from wherever it stopped, so the same code came out in different colours from run to run.
      const lines = shiki.codeToTokensBase(code, { lang: lang as BundledLanguage, theme: SHIKI_THEME, tokenizeTimeLimit: 0 });
      return lines.map((line) =>
        line.map((token) => {
          const raw = token.color ?? '#e2e8f0';
          const key = `${raw}|${background}`;
          let color = colorCache.get(key);
          if (!color) {
            color = ensureContrast(raw.slice(0, 7), background, 4.6);
            colorCache.set(key, color);
          }
          const style = token.fontStyle ?? 0;
          return { text: token.content, color, italic: (style & 1) === 1, bold: (style & 2) === 2 };
        }),
      );
    },
  };
}

/** Every language a list of scenes asks for, so the highlighter loads just those. */
export function languagesOf(scenes: readonly { kind: string; language?: string; before?: { language?: string }; after?: { language?: string } }[]): string[] {
  const out: string[] = [];
  for (const s of scenes) {
    if (s.language) out.push(s.language);
    if (s.before?.language) out.push(s.before.language);
    if (s.after?.language) out.push(s.after.language);
  }
  return out;
}

/** ASCII punctuation: every ligature of the bundled mono font (JetBrains Mono: `=>`, `!=`, `===`, `->`, `//`…) is a run of these. */
const LIGATURE_CHAR = /[!-/:-@[-`{-~]/;

/**
 * Code is drawn without programming ligatures (`=>` must stay two characters). Canvas has no portable switch for
 * font features (Skia honours `fontVariantLigatures`, browsers do not), but a ligature only forms inside one
 * `fillText` run: splitting every run of adjacent punctuation into one-character tokens draws each glyph on its own.
 * The font is monospaced, so the split changes no advance.
 */
export function separateLigatures(tokens: readonly CodeToken[]): CodeToken[] {
  const out: CodeToken[] = [];
  for (const token of tokens) {
    if (!/[!-/:-@[-`{-~]{2}/.test(token.text)) {
      out.push(token);
      continue;
    }
    let piece = '';
    for (const ch of token.text) {
      if (piece && LIGATURE_CHAR.test(ch) && LIGATURE_CHAR.test(piece[piece.length - 1]!)) {
        out.push({ ...token, text: piece });
        piece = '';
      }
      piece += ch;
    }
    if (piece) out.push({ ...token, text: piece });
  }
  return out;
}
