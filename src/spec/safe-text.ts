/**
 * Names and snippets from users and uploads, made safe to print in a terminal or show in a message: control
 * characters, bidirectional overrides (which can make `txt.exe` read as `exe.txt`) and invisible characters become
 * visible `\u{…}` escapes instead of acting on the output, and very long values are shortened. One helper for the CLI
 * and the API, so every message that names a file or a key shows the same thing.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/gu;

export function safeToShow(text: string, maxLength = 160): string {
  const escaped = text.replace(UNSAFE, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`);
  if (escaped.length <= maxLength) return escaped;
  // Cut on a code point boundary, keeping the end too: file names differ at their extension.
  const chars = Array.from(escaped);
  if (chars.length <= maxLength) return escaped;
  const keep = Math.floor((maxLength - 1) / 2);
  return `${chars.slice(0, keep).join('')}…${chars.slice(chars.length - keep).join('')}`;
}

/** True when `text` would print differently from how it reads (controls, bidi overrides, invisibles). */
export function hasUnsafeCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return found;
}
