import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SceneInput } from '../../src/spec/index.ts';
import { fromMarkdown } from '../../src/sources/markdown.ts';
import { splitCode } from '../../src/sources/document/code.ts';
import { closeLead } from '../../src/sources/condense.ts';
import { tableNarration, type Voice } from '../../src/sources/document/narrate.ts';
import { codeFacts, explainCode } from '../../src/writing/code-explain.ts';
import { closeDangling } from '../../src/writing/polish.ts';

/**
 * Narration faults found by reading the specs `create` writes for real READMEs (issue 11, item 3 follow-up). Each test
 * feeds the real passage that showed the fault (lines of the committed fixture) through the whole document path.
 */

const fixture = (name: string) => readFileSync(`test/fixtures/real/${name}`, 'utf8').split('\n');
const fastCheck = fixture('fast-check-README.md');
const ioredis = fixture('ioredis-README.md');
/** Lines `from`..`to` (1-based, inclusive) of a fixture, under a title so the passage is a document of its own. */
const passage = (lines: readonly string[], from: number, to: number) => `# Excerpt\n\n${lines.slice(from - 1, to).join('\n')}\n`;

function scenesOf(markdown: string): SceneInput[] {
  const result = fromMarkdown(markdown, { document: 'excerpt.md', targetSeconds: 900 });
  if (result.kind !== 'video') throw new Error('expected one video');
  return result.spec.scenes;
}

const narrations = (scenes: readonly SceneInput[]) => scenes.map((s) => s.narration ?? '');

describe('list items that share a title (fast-check "Why should I migrate")', () => {
  const scenes = scenesOf(passage(fastCheck, 85, 104)).filter((s) => s.kind === 'list');

  it('says each shared title once, with its items as one spoken list', () => {
    const all = narrations(scenes).join(' ');
    expect(all).toContain('Extendable: easy map method to derive existing arbitraries while keeping shrink, kind of flatMap-operation called chain,');
    for (const title of ['Extendable', 'Smart', 'Debug', 'Unique']) {
      // Per scene, a title is said at most once (the list is split across scenes, so "Debug" may open two of them).
      for (const n of narrations(scenes)) expect(n.split(`${title}:`).length - 1, `${title} in: ${n}`).toBeLessThanOrEqual(1);
    }
    expect(all).not.toMatch(/Extendable: [^.]*\. Extendable:/);
    expect(all).not.toMatch(/Debug: [^.]*\. Debug:/);
  });
});

describe('a list of documentation links (fast-check "Useful documentations")', () => {
  const scenes = scenesOf(passage(fastCheck, 71, 83));
  const first = scenes.find((s) => s.kind === 'list')!;

  it('is named in one sentence, two or three labels, never read as points', () => {
    const n = first.narration ?? '';
    expect(n).not.toMatch(/points|matter most|stand out|worth a closer look/);
    expect(n).toMatch(/Among them are built-in arbitraries, custom arbitraries, and property based runners, with one more on screen\.$/);
    // No label left as a sentence of its own ("Hands On.", "Property based runners.").
    expect(n).not.toMatch(/(?:^|\.\s)(?:Hands On|Property based runners|Introduction to Property Based)[^.]*\./);
  });
});

describe('a code block split across scenes (fast-check "Getting started")', () => {
  const code = fastCheck.slice(37, 57).join('\n');

  it('splits between the two tests inside describe(), not before its closing brackets', () => {
    const parts = splitCode(code, 'js', { warnings: [] });
    expect(parts).toHaveLength(2);
    expect(parts[1]!.code).toMatch(/^\s*\/\/ string a \+ b \+ c always contains b/);
    expect(parts[1]!.code.split('\n').filter((l) => /\w/.test(l)).length).toBeGreaterThan(3);
  });

  it('narrates the continued part from its own code, never "continues on screen"', () => {
    const scenes = scenesOf(passage(fastCheck, 26, 58)).filter((s) => s.kind === 'code');
    expect(scenes.length).toBe(2);
    expect(scenes[1]!.narration).toMatch(/^String a \+ b \+ c always contains b, whatever the values of a, b and c\./);
    expect(scenes[1]!.narration).toMatch(/calls contains\.$/);
    for (const n of narrations(scenes)) expect(n).not.toMatch(/continues on screen/);
  });

  it('moves a sentence of the previous part over when a part has nothing of its own', () => {
    // An object literal's last keys have no calls or comments to explain: the lead-in's second sentence moves there.
    const keys = Array.from({ length: 19 }, (_, i) => `  option${i}: ${i},`).join('\n');
    const md = (lead: string) => `# Excerpt\n\n## Defaults\n\n${lead}\n\n\`\`\`js\nconst defaults = {\n${keys}\n};\n\`\`\`\n`;
    const two = scenesOf(md('The defaults are listed below. Every key can be overridden:')).filter((s) => s.kind === 'code');
    expect(narrations(two)).toEqual(['The defaults are listed below.', 'Every key can be overridden.']);
    // With one sentence to say, the last part names what it shows.
    const one = scenesOf(md('The defaults are listed below:')).filter((s) => s.kind === 'code');
    expect(narrations(one)).toEqual(['The defaults are listed below.', 'The JavaScript goes on with option17 and option18.']);
  });
});

describe('test-runner calls and program output', () => {
  it('does not list words before parentheses in program output as calls (fast-check failure report)', () => {
    const output = fastCheck.slice(62, 68).join('\n');
    expect(output).toContain('Property failed after 1 tests (seed:');
    expect(codeFacts(output, 'text').calls.size).toBe(0);
    expect(explainCode(output, 'text')).toBe('');
    const scenes = scenesOf(passage(fastCheck, 60, 69));
    expect(narrations(scenes).join(' ')).not.toMatch(/calls tests|and time/);
  });

  it('names the subject under test, not describe/it/expect/time', () => {
    const code = `describe('sum', () => {\n  it('adds', () => {\n    console.time('sum');\n    expect(sum(1, 2)).toBe(3);\n    console.timeEnd('sum');\n  });\n});\ntest('parse', () => {\n  parseDate('2020');\n});`;
    const text = explainCode(code, 'js', { seed: 1 });
    expect(text).not.toMatch(/\b(?:describe|expect|time|test|it|to be)\b/);
    expect(text).toMatch(/parseDate/);
  });
});

describe('tables whose first header is not a noun for the rows (fast-check "Compatibility")', () => {
  const voice: Voice = { topic: { phrase: 'compatibility', imperative: false, question: false }, language: 'en', names: new Set() };
  const header = ['fast-check', 'node', 'ECMAScript version', 'TypeScript (optional)'];
  const rows = [
    ['4.x', '≥12.17.0(1)', 'ES2020', '≥5.0'],
    ['3.x', '≥8(2)', 'ES2017', '≥4.1(3)'],
    ['2.x', '≥8(2)', 'ES2017', '≥3.2(4)'],
    ['1.x', '≥0.12(2)', 'ES3', '≥3.0(4)'],
  ];

  it('says what the table gives instead of "each fast-check"', () => {
    const n = tableNarration(header, rows, undefined, voice, false);
    expect(n).not.toMatch(/each fast-check|\(optional\)/);
    expect(n).toMatch(/^The table gives the minimum node, ECMAScript version, and TypeScript for each major version, from 4/);
  });

  it('keeps "each option" when the first header is a noun for the rows', () => {
    const n = tableNarration(['Option', 'Default', 'Meaning'], [['port', '6379', 'the port'], ['host', 'localhost', 'the host']], undefined, voice, false);
    expect(n).toBe('The table lists each option, with columns for default and meaning.');
  });

  it('reads the real table through the document path', () => {
    const scene = scenesOf(passage(fastCheck, 114, 123)).find((s) => s.kind === 'list')!;
    expect(scene.narration).toMatch(/The table gives the minimum node/);
  });
});

describe('GitHub alerts in block quotes (ioredis)', () => {
  it('turns "> [!WARNING]" into the quote label, with no marker in text or narration', () => {
    const quote = scenesOf(passage(ioredis, 316, 322)).find((s) => s.kind === 'quote')!;
    expect(quote.kind === 'quote' && quote.attribution).toBe('Warning');
    expect(quote.kind === 'quote' && quote.text).toMatch(/^ioredis managed-fieldset support is experimental/);
    expect(quote.narration).toMatch(/^A warning: ioredis managed-fieldset support is experimental/);
    expect(JSON.stringify(quote)).not.toMatch(/\[!|As Warning put it/);
  });

  it('reads "[! NOTE]", "[!TIP]", "[!CAUTION]" and "> **Warning**" the same way', () => {
    for (const [marker, label] of [['[! NOTE]', 'Note'], ['[!TIP]', 'Tip'], ['[!CAUTION]', 'Caution'], ['[!IMPORTANT]', 'Important'], ['**Warning**', 'Warning']] as const) {
      const quote = scenesOf(`# Excerpt\n\n## TLS\n\n> ${marker}\n> TLS profiles described in this section are going to be deprecated in the next major version.\n`).find((s) => s.kind === 'quote')!;
      expect(quote.kind === 'quote' && quote.attribution, marker).toBe(label);
      expect(quote.kind === 'quote' && quote.text, marker).toBe('TLS profiles described in this section are going to be deprecated in the next major version.');
      expect(quote.narration, marker).not.toMatch(/\[!|\*\*|put it/);
    }
  });
});

describe('quoted values as list titles (ioredis "RESP3 Protocol")', () => {
  it('says "The options are legacy and resp3." without quotes', () => {
    const scene = scenesOf(passage(ioredis, 725, 733)).find((s) => s.kind === 'list')!;
    expect(scene.narration).toMatch(/The options are legacy and resp3\.$/);
    expect(scene.narration).not.toMatch(/"/);
  });
});

describe('sentences never end on a dangling conjunction (ioredis "Running tests")', () => {
  it('closes "…, and then." and its kin', () => {
    expect(closeDangling('Start a Redis server on 127.0.0.1:6379, and then.')).toBe('Start a Redis server on 127.0.0.1:6379.');
    expect(closeDangling('Install the package, then.')).toBe('Install the package.');
    expect(closeDangling('Pick redis or.')).toBe('Pick redis.');
    expect(closeDangling('Redis is fast and.')).toBe('Redis is fast.');
    expect(closeDangling('Then.')).toBe('Then.');
    expect(closeDangling('It is a brand and a standard.')).toBe('It is a brand and a standard.');
  });

  it('narrates and describes the real passage with no "and then" at the end', () => {
    const scene = scenesOf(passage(ioredis, 1612, 1618)).find((s) => s.kind === 'command')!;
    expect(scene.narration).not.toMatch(/\b(?:and then|then|and|or)\.(?:\s|$)/);
    expect(scene.narration).toMatch(/^Start a Redis server on 127\.0\.0\.1 port 6379\./);
    expect(scene.kind === 'command' && scene.description).toBe('Start a Redis server on 127.0.0.1:6379');
  });
});

describe('review item 2: no sentence cut at "e.g." or left dangling on ":"', () => {
  const commander = fixture('commander-README.md');

  it('keeps "(e.g. GET, SET and HGETALL)" inside its sentence (ioredis "Running Commands to Multiple Nodes")', () => {
    const all = narrations(scenesOf(passage(ioredis, 1257, 1260))).join(' ');
    expect(all).toMatch(/For commands containing keys, \(for example GET, SET and HGETALL\), ioredis sends them/);
    expect(all).not.toMatch(/(?:^|\. )GET, SET and HGETALL\)/);
  });

  it('closes lead-ins that end in a preposition, a verb or a bare condition', () => {
    expect(closeLead('There is more information available about:')).toBe('There is more information available.');
    expect(closeLead('This specification proposes:')).toBe('This specification proposes the following.');
    expect(closeLead('When enabled:')).toBe('');
    expect(closeLead('If the result is a subclass of the result from the magic sniffing, use:')).toBe('If the result is a subclass of the result from the magic sniffing, use the following.');
    const n = narrations(scenesOf(passage(commander, 1154, 1160))).join(' ');
    expect(n).not.toMatch(/about\./);
  });

  it('drops a long item\'s aside instead of cutting it mid-clause (ioredis "When enabled:")', () => {
    const all = narrations(scenesOf(`# Excerpt\n\n## Blocking\n\n${ioredis.slice(918, 923).join('\n')}\n`)).join(' ');
    expect(all).not.toMatch(/timeout plus\./);
    expect(all).toContain("ioredis sets a client-side deadline based on the command's timeout plus a small grace period.");
    expect(all).not.toMatch(/When enabled\./);
  });

  it('closes a list item that introduces a sub-list (ioredis "The second argument is the options, where:")', () => {
    const all = narrations(scenesOf(passage(ioredis, 1173, 1180))).join(' ');
    expect(all).not.toMatch(/, where\./);
  });
});

describe('review item 9: tables of numbers are not releases (base-passwd uids)', () => {
  const voice: Voice = { topic: { phrase: 'reserved uids', imperative: false, question: false }, language: 'en', names: new Set() };
  const header = ['uid', 'name', 'description'];
  const rows = [['63434', 'tss', 'TPM software stack'], ['64010', 'qmaild', 'qmail daemon'], ['64011', 'qmaill', 'qmail logger']];
  const more = [['64012', 'qmails', 'qmail send'], ['64013', 'qmailp', 'qmail pw'], ['64014', 'qmailq', 'qmail queue'], ['64015', 'qmailr', 'qmail remote'], ['64016', 'alias', 'qmail alias'], ['64019', 'geoclue', 'geoclue']];

  it('says "each uid", never "each release, from 63434"', () => {
    const n = tableNarration(header, rows, undefined, voice, false);
    expect(n).not.toMatch(/release/);
    expect(n).toBe('The table lists each uid, with columns for name and description.');
  });

  it('gives each continued part its own sentence: its range and two names', () => {
    const a = tableNarration(header, more, undefined, voice, 1);
    const b = tableNarration(header, more.map(([u, ...r]) => [String(Number(u) + 20), ...r]), undefined, voice, 2);
    expect(a).toMatch(/uids 64012 to 64019, among them qmails and qmailp\.$/);
    expect(a).not.toBe(b);
    expect(a).not.toMatch(/six entries/);
  });
});

describe('review item 4: code scenes of one section that do the same are not narrated alike (commander "Declaring program variable")', () => {
  const commander = fixture('commander-README.md');

  it('says "loads commander and creates a Command instance" once, then what differs', () => {
    const code = scenesOf(passage(commander, 147, 174)).filter((s) => s.kind === 'code');
    expect(code).toHaveLength(4);
    const n = narrations(code);
    expect(n.join(' ').match(/loads commander and creates a Command instance/g)).toHaveLength(1);
    expect(n[2]).toMatch(/ECMAScript\.$/);
    expect(n[3]).toMatch(/TypeScript\.$/);
    expect(n[2]!.replace(/ECMAScript/, '')).not.toBe(n[3]!.replace(/TypeScript/, ''));
  });
});

describe('a long list item is said whole rather than cut mid-clause (shared-mime-info "Recommended checking order")', () => {
  it('ends "…magic sniffing, use this as the result.", never "…sniffing, use."', () => {
    const item = 'If any of the mimetypes resulting from a glob match is equal to or a subclass of the result from the magic sniffing, use this as the result.';
    const md = `# Excerpt\n\n## Recommended checking order\n\n- If a MIME type is provided explicitly then that should be used instead of guessing.\n- Otherwise, start by doing a glob match of the filename.\n- If the glob matching fails, read the contents of the file and do magic sniffing on it.\n- ${item}\n- Otherwise, use the result of the glob match.\n`;
    const all = narrations(scenesOf(md)).join(' ');
    expect(all).not.toMatch(/sniffing, use\./);
  });
});
