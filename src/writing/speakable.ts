import { splitSentences } from './sentences.ts';

/**
 * Narration as a listener can use it. URLs, e-mail addresses, file names and code are on screen; read aloud they are
 * noise ("h t t p s colon slash slash…"). So a URL becomes its domain ("on github.com") or "the link is in the
 * description", an e-mail address the same, a file name its role ("the changelog", "the publisher script"), and
 * inline code words ("the .opts() method" → "the opts method", `templateEngine` → "template engine"). A sentence that
 * is mostly code ("-d -s -p cheese may be written as -dsp cheese") is dropped when the narration has others.
 * Pure and deterministic; running it twice changes nothing more.
 */

const LINK_SENTENCE = 'The link is in the description.';

const URL = /\b(?:https?:\/\/|www\.)[^\s<>()"'`]+[^\s<>()"'`.,;:!?]/gi;
// Every pattern that can start at any character starts only where a word starts (a lookbehind, not \b, which is true
// after every '.') and has bounded quantifiers, so hostile text ("a.a.a.…", "a@b.a@b.…") costs linear time, not
// quadratic: each start scans at most an address's length. Limits are RFC 5321's (64-character local part, 63 per label).
const EMAIL = /(?<![\w.+-])(?:mailto:)?[\w.+-]{1,64}@[a-z\d-]{1,63}(?:\.[a-z\d-]{1,63}){0,8}\.[a-z]{2,24}\b/gi;
/** Addresses spelled out to dodge spam bots: "tal197 at users.sf.net", "me [at] example [dot] org". */
const SPELLED_EMAIL = /(?<![\w.+-])(?:(?=[\w+-]{0,63}[\d._+])[\w.+-]{1,64}\s+at\s+[a-z\d-]{1,63}(?:\.[a-z\d-]{1,63}){0,8}\.[a-z]{2,24}|[\w.+-]{1,64}\s*(?:\[at\]|\(at\))\s*[a-z\d-]{1,63}(?:\s*(?:\[dot\]|\(dot\)|\.)\s*[a-z\d-]{1,63}){1,8})\b/gi;
/** Product names written like files ("Node.js", "Socket.IO"): spoken as names, never replaced. */
const PRODUCT_JS = /^(?:node|vue|next|nuxt|nest|express|three|d3|chart|react|angular|ember|backbone|moment|commander|deno|bun|solid|alpine|p5|anime|video|pdf|socket)\.(?:js|io)$/i;
const FILE_EXT = 'md|markdown|mdx|js|mjs|cjs|ts|mts|cts|tsx|jsx|json|jsonc|ya?ml|toml|txt|py|rb|go|rs|java|kt|sh|bash|zsh|ps1|html?|css|scss|lock|cfg|conf|ini|xml|env|sock|log|csv|sql|pdf|docx?|png|jpe?g|gif|svg|zip|tar|gz|wasm|c|h|cpp|hpp|cs|php|swift|vue|svelte';
const FILE = new RegExp(`(?<![\\w@/:.-])((?:\\.{1,2}/|/)?(?:[\\w-]+/)*(?:\\.?[\\w-]+)(?:\\.[\\w-]+)*\\.(?:${FILE_EXT}))(?![\\w/-])`, 'gi');
const ROLE: Record<string, string> = {
  readme: 'the readme',
  changelog: 'the changelog',
  changes: 'the changelog',
  history: 'the changelog',
  license: 'the licence',
  licence: 'the licence',
  contributing: 'the contributing guide',
  'package.json': 'the package manifest',
  'package-lock.json': 'the lock file',
  'tsconfig.json': 'the TypeScript configuration',
  dockerfile: 'the Dockerfile',
  makefile: 'the makefile',
};
const CONFIG_EXT = /^(?:json|jsonc|ya?ml|toml|ini|cfg|conf|env|xml)$/i;
const SCRIPT_EXT = /^(?:js|mjs|cjs|ts|mts|cts|tsx|jsx|py|rb|go|rs|java|kt|sh|bash|zsh|ps1|c|h|cpp|hpp|cs|php|swift)$/i;
const EXT_NAMES: Record<string, string> = { ts: 'TypeScript', tsx: 'TypeScript', js: 'JavaScript', mjs: 'JavaScript', cjs: 'JavaScript', json: 'JSON', md: 'Markdown', py: 'Python', yml: 'YAML', yaml: 'YAML' };
/** Words written in camelCase that are names, not identifiers. */
const CAMEL_NAMES = new Set(['iOS', 'macOS', 'iPhone', 'iPad', 'iPadOS', 'watchOS', 'tvOS', 'eBay', 'iCloud', 'npm', 'pnpm', 'ioredis', 'jQuery', 'gRPC', 'macOS', 'mTLS']);

/** "templateEngine" → "template engine", "diagnostics_channel" → "diagnostics channel", "SOME_NAME" → "some name". */
export function identifierWords(name: string): string {
  if (CAMEL_NAMES.has(name)) return name;
  const words = name
    .replace(/^[_$#]+|[_$]+$/g, '')
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[_\s-]+/)
    .filter(Boolean);
  const screaming = /^[A-Z\d_]+$/.test(name) && name.includes('_');
  return words.map((w, i) => (screaming || (i > 0 && /^[A-Z][a-z]+$/.test(w) && /^[a-z]/.test(name)) ? w.toLowerCase() : w)).join(' ');
}

const hostOf = (url: string) => {
  const m = /^(?:https?:\/\/)?(?:www\.)?([^/:?#]+)/i.exec(url);
  return (m?.[1] ?? url).toLowerCase();
};

function fileRole(file: string): string {
  const base = file.split('/').pop() ?? file;
  const lower = base.toLowerCase();
  if (ROLE[lower]) return ROLE[lower];
  const stem = lower.replace(/\.[^.]+$/, '');
  const ext = (/\.([^.]+)$/.exec(lower)?.[1] ?? '').toLowerCase();
  if (ROLE[stem]) return ROLE[stem];
  const words = identifierWords(base.replace(/\.[^.]+$/, '').replace(/\./g, ' ')).toLowerCase();
  if (ext === 'md' || ext === 'markdown' || ext === 'mdx') return 'the documentation';
  if (CONFIG_EXT.test(ext)) return `the ${words} configuration`;
  if (SCRIPT_EXT.test(ext)) return words.split(' ').length <= 3 ? `the ${words} script` : 'the example script';
  if (ext === 'sock') return 'a socket file';
  return `the ${words} file`;
}

/** Tokens a listener cannot use, counted to find sentences that are mostly code. */
const CODE_TOKEN = /(?:^|[\s(,])(?:--?[a-z][\w-]*(?:=\S*)?|[\w$.#]*\w\([^)]{0,40}\)|[a-z]+[A-Z]\w*|\w+_\w+|<[\w-]+>|\[[\w-]+\]|\{[^}]{0,200}\}|[=!<>]=|=>|&&|\|\||\w+\.\w+\.\w+)/g;

export function codeDensity(sentence: string): { tokens: number; ratio: number } {
  const tokens = (sentence.match(CODE_TOKEN) ?? []).length;
  const words = sentence.split(/\s+/).filter(Boolean).length || 1;
  return { tokens, ratio: tokens / words };
}

/** Whole-sentence patterns that only point somewhere else and say nothing aloud. */
const POINTER = /^(?:for example|for instance|such as|like this|as follows|e\.g\.|example|here it is)\s*[.:]?$|^\(?\s*(?:example files?|see also|source|demo|playground|read this in other languages|translations?)\s*:|^(?:for more,? )?see:?\s+(?:the\s+)?(?:link|below|above)\.?$|^read this in other languages\b/i;

function rewriteUrls(s: string, english: boolean): string {
  // A sentence that is only a label and a link ("Docs: https://…", "https://…") says where the link is.
  const stripped = s.replace(URL, '').replace(/[\s:.,;()-]+/g, ' ').trim();
  // Chinese and Japanese put no spaces between words: each character counts as one ("请访问 … 获取帮助" is not a label).
  const words = stripped.split(' ').filter(Boolean).length + (stripped.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu) ?? []).length;
  if (stripped !== s.replace(/[\s:.,;()-]+/g, ' ').trim() && words <= 2) return english ? LINK_SENTENCE : '';
  return s
    .replace(/\s*\((?:see\s+)?(?:https?:\/\/|www\.)[^)]*\)/gi, '')
    .replace(/(\b(?:see(?: more)?|visit|at|on|from|in|via|to)\b)?\s*:?\s*<?((?:https?:\/\/|www\.)[^\s<>()"'`]+[^\s<>()"'`.,;:!?])>?/gi, (_m, lead: string | undefined, url: string) => {
      const host = hostOf(url);
      if (!lead) return ` ${host}`;
      return /^see more$/i.test(lead) ? ` ${lead} on ${host}` : ` ${lead} ${host}`;
    })
    .replace(/(?<![a-z\d+.-])([a-z][a-z\d+.-]{0,31}):\/\/(?=[\s,.;)]|$)/gi, '$1');
}

function rewriteEmails(s: string, english: boolean): string {
  const cleaned = s.replace(/\s*\(\s*(?:mailto:)?[\w.+-]{1,64}@[^)\s]{1,255}\s*\)/gi, '');
  // Other languages get the address's domain: no English phrase dropped into their narration.
  return cleaned.replace(SPELLED_EMAIL, (address) => address.replace(/\s+(?:at|\[at\]|\(at\))\s+/i, '@').replace(/\s*(?:\s+dot\s+|\[dot\]|\(dot\))\s*/gi, '.')).replace(EMAIL, (address) => (english ? 'the e-mail address in the description' : address.replace(/^.*@/, '')));
}

function rewriteFiles(s: string, english: boolean): string {
  return s
    .replace(new RegExp(`(\\b(?:the|your|a|an|this|its|their|our)\\s+)?${FILE.source}(\\s+(?:file|script|configuration|config|document|documentation)\\b)?`, 'gi'), (m: string, det: string | undefined, file: string, noun: string | undefined) => {
      if (PRODUCT_JS.test(file) || /^v?\d/.test(file)) return m;
      const role = english ? fileRole(file) : identifierWords((file.split('/').pop() ?? file).replace(/\.[^.]+$/, ''));
      const bare = det ? role.replace(/^the\s+/, '') : role;
      const doubled = noun && bare.endsWith(noun.trim().replace(/^config$/, 'configuration'));
      return `${det ?? ''}${bare}${doubled ? '' : (noun ?? '')}`;
    })
    .replace(/(?<=^|\s)\.{0,2}\/(?:[\w.-]+\/)*([\w-]+)\/?(?=[\s,.;:!?)]|$)/g, (_m, base: string) => base)
    .replace(/(?<=^|\s)\.(ts|tsx|js|mjs|cjs|json|md|py|yml|yaml) files\b/gi, (_m, ext: string) => `${EXT_NAMES[ext.toLowerCase()] ?? ext} files`)
    .replace(/\b(\w[\w-]*)\/ (folder|directory)\b/gi, '$1 $2')
    .replace(/\bthe the\b/gi, 'the');
}

/** Package-manager commands written in a sentence ("with: pnpm add -D fast-check or npm i x") are said by tool name. */
const INLINE_COMMAND = /\b(npm|pnpm|yarn|bun|npx|pip3?|pipx|brew|apt(?:-get)?|cargo|gem|go|deno|docker|git)\s+(?:install|add|i|run|exec|get|clone|pull|build|test|create|init)\b(?:\s+(?!or\b|and\b)[^\s,;.]+(?:\.\w+)*)*/g;

function rewriteCode(s: string): string {
  return (
    s
      .replace(INLINE_COMMAND, '$1')
      .replace(/\bwith:\s+/gi, 'with ')
      // Objects and parentheses full of code say nothing aloud.
      .replace(/\{\s*\w+\s*:[^{}]*\}/g, 'an options object')
      .replace(/\{[^{}]*\}/g, 'an object')
      .replace(/\s*\((?:[^()]*(?:\w\(\)|--?\w|[=<>]|\w+\.\w+\()[^()]*)\)/g, '')
      .replace(/\s*\(#\d+\)|#\d+\b/g, '')
      .replace(/"([^"]+)":\s*(?:true|false|null|\d+)/g, '"$1"')
      .replace(/(?<=^|\s)#([a-z][\w$]*)/g, (_m, name: string) => identifierWords(name))
      // Chained property access "program.opts().templateEngine" → "template engine".
      .replace(/(?<![\w@/])[a-z_$][\w$]*(?:\(\))?(?:\.[\w$]+(?:\(\))?)+\.([a-zA-Z_$][\w$]*)\b(?!\()/g, (_m, last: string) => identifierWords(last))
      // Method calls: "the .version() method" → "the version method"; ".opts() returns" → "the opts method returns".
      .replace(/(\b(?:the|a|an|this|its|optional|new|built-in|method|function)\s+)?(?<![\w$.#])((?:[\w$]{1,64}(?:\(\))?[.#]){0,16})\.?([\w$]{1,64})\(\s*\)(\s+(?:method|function|call|hook)s?\b)?/gi, (m: string, before: string | undefined, chain: string, name: string, noun: string | undefined) => {
        const words = identifierWords(name);
        const isMethod = chain !== '' || m.slice(before?.length ?? 0).startsWith('.');
        // A determiner or adjective before it already introduces the name ("the optional .version() method").
        const introduced = before !== undefined;
        if (noun) return `${before ?? 'the '}${words}${noun}`;
        if (introduced) return /^(?:method|function)\s/i.test(before!) ? `${before}${words}` : `${before}${words} ${isMethod ? 'method' : 'function'}`;
        return isMethod && !chain ? `the ${words} method` : words;
      })
      // Calls with literal arguments ("with .helpCommand(true)", 'blpop("key", 5)') are said by name; the values are on screen.
      .replace(/(?<![\w$.#])\.?([a-zA-Z_$][\w$]{0,63})\((?:\s*(?:"[^"()]{0,40}"|'[^'()]{0,40}'|true|false|null|-?\d+(?:\.\d+)?)\s*,?){1,4}\)/g, (_m, name: string) => identifierWords(name))
      // "enableAutoPipelining=true" → "enable auto pipelining set to true"; "boolean|value" → "boolean or value".
      .replace(/(?<=[a-zA-Z\d])=(true|false|\d+)\b/g, ' set to $1')
      .replace(/(?<=[a-z])\|(?=[a-z])/g, ' or ')
      // "redis.xadd" → "xadd"; domains ("redis.io") and names ("Node.js") are left alone.
      .replace(/(?<![\w@/.-])([a-z_$][\w$]*)\.([a-z_$][\w$]*)(?![\w/(-]|\.\w)/g, (m, _obj: string, member: string) => (/^(?:com|org|net|io|dev|app|co|uk|de|fr|js|ts|md|json|html|txt|ai|sh|gg|me|info|edu|gov|x|y|z|g|e|i)$/i.test(member) ? m : identifierWords(member)))
      .replace(/\b(\w+)#(\w+)/g, (_m, _cls: string, member: string) => identifierWords(member))
      // Flags: "--template-engine" → "template-engine", "--port=80" → "port 80", "--" alone → "a double dash".
      .replace(/(?<=^|[\s(,“"'])--(?=[\s,.;)]|$)/g, 'a double dash')
      .replace(/(?<=^|[\s(,“"'])--?([a-zA-Z][\w-]*)(?:=(\S+?))?(?=[\s,.;:)"'”]|$)/g, (_m, flag: string, value: string | undefined) => `${flag.replace(/-/g, ' ')}${value ? ` ${value}` : ''}`)
      // Link labels left from "[[more](…)]" are not words of the sentence.
      .replace(/\s*\[(?:more|tutorial|article|link|docs?|source|demo|here|details)\]/gi, '')
      .replace(/\s+(?:more|tutorial|article)(?:\s+(?:more|tutorial|article))*(?=\s+[-–—]\s)/gi, '')
      .replace(/<([\w-]+)>|\[([\w-]+)\]/g, (_m, a: string | undefined, b: string | undefined) => (a ?? b)!)
      .replace(/(?<![\w@/.-])@([\w-]+)\/([\w.-]+)/g, (_m, scope: string, name: string) => (scope === 'types' ? `the ${name} type definitions` : `${scope} ${name}`))
      // Identifiers: camelCase, snake_case, SCREAMING_CASE, long PascalCase.
      .replace(/(?<![\w@/.-])[a-z][a-z\d]*(?:[A-Z][a-z\d]*)+(?![\w/-]|\.\w)/g, (w) => identifierWords(w))
      .replace(/(?<![\w@/.-])[A-Za-z][A-Za-z\d]*(?:_[A-Za-z\d]+)+(?![\w/-]|\.\w)/g, (w) => identifierWords(w))
      .replace(/(?<![\w@/.-])(?:[A-Z][a-z\d]+){3,}(?![\w/-]|\.\w)/g, (w) => identifierWords(w))
  );
}

function rewriteSymbols(s: string): string {
  return (
    s
      .replace(/[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}]\uFE0F?(?:\u200D[\p{Extended_Pictographic}]\uFE0F?)*/gu, '')
      .replace(/^\s*\[?!?(?:WARNING|NOTE|TIP|IMPORTANT|CAUTION)\]\s*/i, '')
      .replace(/>=\s*(v?\d+(?:\.\d+|\.x)*)/g, '$1 or later')
      .replace(/<=\s*(v?\d+(?:\.\d+|\.x)*)/g, 'up to $1')
      .replace(/(?<=\s)>\s*(\d+(?:\.\d+)*)/g, 'more than $1')
      .replace(/(?<=\s)<\s*(\d+(?:\.\d+)*)/g, 'less than $1')
      .replace(/\b(\d+)\.x\b/g, '$1')
      .replace(/\bv(\d+(?:\.\d+)*)\b/g, 'version $1')
      .replace(/\be\.g\.,?\s*(?=[.!?]?$)/gi, '')
      .replace(/\(\s*e\.g\.,?\s*/gi, '(for example ')
      .replace(/\be\.g\.,?/gi, 'for example,')
      .replace(/\bi\.e\.,?/gi, 'that is,')
      .replace(/\bvs\.?(?=\s)/gi, 'versus')
      .replace(/\bw\/o\b/gi, 'without')
      .replace(/\band\/or\b/gi, 'or')
      .replace(/\s+\|\s+/g, ', ')
      .replace(/\s*[`*_~]{1,3}(?=\S)|(?<=\S)[`*_~]{1,3}(?=[\s.,;:!?]|$)/g, (m) => (m.startsWith(' ') ? ' ' : ''))
      .replace(/\s*→\s*/g, ' to ')
      .replace(/&/g, 'and')
  );
}

function tidy(s: string): string {
  return s
    .replace(/\s*\(\s*[^\p{L}\p{N}\s]{1,3}\s*\)/gu, '')
    .replace(/\(\s*\)/g, '')
    .replace(/\s*\([^)]*$/, '')
    .replace(/\b((?:\d{1,3}\.){3}\d{1,3}|localhost):(\d{2,5})\b/g, '$1 port $2')
    .replace(/\b(see|visit|read)\s*:\s*/gi, '$1 ')
    .replace(/\s+([,.;:!?])(?=\s|$)/g, '$1')
    .replace(/([,;:])\s*(?=[.!?]$)/g, '')
    .replace(/[:;,]+\./g, '.')
    .replace(/,\s*for example\.$/i, '.')
    .replace(/([.!?。！？؟])\.+$/, '$1')
    .replace(/([。！？])\./g, '$1')
    .replace(/,\s*,/g, ',')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** Chinese and Japanese sentences end with their own full stop; every other script with ".". */
const FULL_STOP_CJK = /^(?:zh|ja)\b/i;
const end = (s: string, language: string) => (!s || /[.!?…。！？؟]["'”’)」』]?$/.test(s) ? s : `${s}${FULL_STOP_CJK.test(language) || /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u.test(s) ? '。' : '.'}`);
/** Letters of a script other than Latin: such a sentence is not English whatever language the caller passed. */
const NON_LATIN = /[^\P{L}\p{Script=Latin}]/u;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Longer than this is not a sentence anyone can say (two minutes of speech with no full stop): a pasted blob, a minified
 * line, a run of "a.a.a…". It is dropped before the rewrites, which also keeps their cost per sentence bounded.
 */
export const MAX_SENTENCE_CHARS = 2000;
/** A "word" this long is a blob glued to a sentence ("…about the tool. a.a.a…", which ICU does not split). */
const BLOB = /(?<!\S)\S{200,}/g;

/** One sentence made speakable; '' when it only points elsewhere or is too long to be a sentence. */
export function speakableSentence(text: string, language = 'en'): string {
  const sentence = text.length > MAX_SENTENCE_CHARS ? text.replace(BLOB, ' ').replace(/\s{2,}/g, ' ') : text;
  const english = /^en\b/i.test(language) && !NON_LATIN.test(sentence);
  if (sentence.length > MAX_SENTENCE_CHARS || POINTER.test(sentence.trim())) return '';
  const out = tidy(rewriteSymbols(rewriteCode(rewriteFiles(rewriteEmails(rewriteUrls(sentence, english), english), english))));
  if (!/[\p{L}\p{N}]/u.test(out)) return '';
  const trimmed = out.replace(/^[,;:\s]+/, '');
  // The author's own lower-case start ("ioredis supports…") is a name; anything else starts with a capital.
  return end(/^[a-z]/.test(sentence.trim()) && trimmed.startsWith(sentence.trim().split(/\s/)[0]!) ? trimmed : capital(trimmed), language);
}

/** True when a sentence is mostly code: dropped from narration that has other sentences. */
export function isMostlyCode(text: string): boolean {
  // A sample is enough to judge, and keeps a 200 KB line from costing more than a sentence.
  const sentence = text.slice(0, MAX_SENTENCE_CHARS);
  const { tokens, ratio } = codeDensity(sentence);
  // Two calls with arguments ("precondition(x, y) holds predicate(x, y)") are code whatever the prose around them.
  const calls = (sentence.match(/(?<![\w$])[a-z_$][\w$]{0,63}\([^()]{0,200},[^()]{0,200}\)/gi) ?? []).length;
  return (tokens >= 3 && ratio >= 0.25) || calls >= 2;
}

/**
 * A whole narration made speakable: each sentence rewritten, sentences that only point elsewhere or are mostly code
 * dropped, and at least one sentence kept. Repeated "The link is in the description." is said once.
 */
/** "#! /usr/bin/env node --harmony": a script header, named before sentences are split (its "!" is no sentence end). */
const SHEBANG = /#!\s{0,4}\/?[\w/.-]{1,80}(?:\s{1,4}(?:node|nodejs|python3?|bash|sh|zsh|deno|bun|ruby|perl))?(?:\s{1,4}--?[\w.-]{1,40}){0,4}/g;

export function speakable(text: string, language = 'en'): string {
  const sentences = splitSentences(/^en\b/i.test(language) ? text.replace(SHEBANG, 'a shebang line') : text, language);
  const kept: string[] = [];
  let fallback = '';
  for (const s of sentences) {
    const spoken = speakableSentence(s, language);
    if (!spoken) continue;
    fallback ||= spoken;
    if (isMostlyCode(s)) continue;
    if (spoken === LINK_SENTENCE && kept.includes(LINK_SENTENCE)) continue;
    kept.push(spoken);
  }
  return (kept.length ? kept : fallback ? [fallback] : []).join(FULL_STOP_CJK.test(language) ? '' : ' ');
}
