/**
 * Text repair shared by every format: typographic ligatures (ﬁ, ﬂ, …) spelled out, invisible characters removed,
 * odd spaces made plain, and UTF-8 that was decoded as Windows-1252/Latin-1 ("â€™", "Ã©") decoded again. Full NFKC
 * is not applied: it would also turn "²" into "2" and "…" into "...", which changes what the author wrote.
 */

const LIGATURES: Record<string, string> = { '\uFB00': 'ff', '\uFB01': 'fi', '\uFB02': 'fl', '\uFB03': 'ffi', '\uFB04': 'ffl', '\uFB05': 'st', '\uFB06': 'st' };

/** Windows-1252 bytes 0x80–0x9F, by the character they display as. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const byteOf = new Map<string, number>([...CP1252_HIGH].map((c, i) => [c, 0x80 + i]));

/** A UTF-8 lead byte (as Latin-1) followed by a continuation byte (as Windows-1252 or Latin-1). */
const MOJIBAKE_HINT = /[\u00C2-\u00F4][\u0080-\u00BF€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function asBytes(word: string): Uint8Array | undefined {
  const bytes = new Uint8Array(word.length);
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    const byte = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : (byteOf.get(word[i]!) ?? (code >= 0x80 && code < 0xa0 ? code : undefined));
    if (byte === undefined) return undefined;
    bytes[i] = byte;
  }
  return bytes;
}

/** Re-decodes one whitespace-free token when, read as bytes, it is valid UTF-8 (so "café" in Latin-1 stays as it is). */
function unmangle(token: string): string {
  if (!MOJIBAKE_HINT.test(token)) return token;
  const bytes = asBytes(token);
  if (!bytes) return token;
  try {
    return utf8.decode(bytes);
  } catch {
    return token;
  }
}

export function repairText(text: string): string {
  // Mojibake first: a mangled "ﬁ" ("ï¬\u0081") decodes to the ligature, which is then spelled out.
  return text
    .replace(/[^\s]+/g, unmangle)
    .replace(/[\uFB00-\uFB06]/g, (c) => LIGATURES[c] ?? c)
    // Zero-width joiners (U+200C, U+200D) stay: emoji sequences and Persian or Indic spelling need them.
    .replace(/[\u00AD\u200B\u2060\uFEFF]/g, '')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F]/g, ' ');
}

/** True while a text still shows the usual mojibake pairs (for tests and warnings). */
export const looksMangled = (text: string) => /â€|Ã[\u0080-\u00BF©¨ª«¶¼]|Â[\u00A0-\u00BF]/.test(text);
