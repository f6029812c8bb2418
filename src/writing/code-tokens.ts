/**
 * A small tokenizer for reading code, not colouring it: identifiers, punctuation, strings and numbers with their line
 * and bracket depth, and comments kept apart. It knows the comment and string syntax of the C family (JavaScript,
 * TypeScript, Java, Go, Rust, C#), of Python/Ruby/shell/YAML ("#") and of SQL/Lua ("--"); that is enough to find
 * imports, definitions and calls in a README's example. Isomorphic, no dependencies.
 */

export interface CodeToken {
  kind: 'ident' | 'punct' | 'string' | 'number';
  text: string;
  /** 0-based line. */
  line: number;
  /** Bracket depth ({[( counted together) before the token. */
  depth: number;
}

export interface CodeComment {
  text: string;
  line: number;
}

const HASH_COMMENTS = /^(?:py|python|rb|ruby|sh|bash|shell|zsh|yaml|yml|toml|ini|dockerfile|r|perl|pl|makefile|conf|elixir|ex|nim|coffee)$/i;
const DASH_COMMENTS = /^(?:sql|lua|haskell|hs|ada|elm)$/i;

export function tokenizeCode(code: string, language = ''): { tokens: CodeToken[]; comments: CodeComment[] } {
  const hash = HASH_COMMENTS.test(language);
  const dash = DASH_COMMENTS.test(language);
  const tokens: CodeToken[] = [];
  const comments: CodeComment[] = [];
  let i = 0;
  let line = 0;
  let depth = 0;
  const n = code.length;
  while (i < n) {
    const c = code[i]!;
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = code.slice(i, i + 2);
    if ((!hash && two === '//') || (hash && c === '#') || (dash && two === '--')) {
      const endOfLine = code.indexOf('\n', i);
      const stop = endOfLine < 0 ? n : endOfLine;
      comments.push({ text: code.slice(i, stop).replace(/^(?:\/\/+|#+|--+)\s*/, '').trim(), line });
      i = stop;
      continue;
    }
    if (!hash && two === '/*') {
      const stop = code.indexOf('*/', i + 2);
      const body = code.slice(i + 2, stop < 0 ? n : stop);
      comments.push({ text: body.replace(/^\s*\*+/gm, '').replace(/\s+/g, ' ').trim(), line });
      line += (body.match(/\n/g) ?? []).length;
      i = stop < 0 ? n : stop + 2;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const triple = code.slice(i, i + 3) === c.repeat(3);
      const quote = triple ? c.repeat(3) : c;
      let j = i + quote.length;
      while (j < n && code.slice(j, j + quote.length) !== quote) {
        if (code[j] === '\\') j++;
        else if (code[j] === '\n' && !triple && c !== '`') break;
        j++;
      }
      const text = code.slice(i + quote.length, j);
      tokens.push({ kind: 'string', text, line, depth });
      line += (text.match(/\n/g) ?? []).length;
      i = j + quote.length;
      continue;
    }
    const ident = /^[A-Za-z_$][\w$]*/.exec(code.slice(i, i + 200));
    if (ident) {
      tokens.push({ kind: 'ident', text: ident[0], line, depth });
      i += ident[0].length;
      continue;
    }
    const num = /^\d[\w.]*/.exec(code.slice(i, i + 60));
    if (num) {
      tokens.push({ kind: 'number', text: num[0], line, depth });
      i += num[0].length;
      continue;
    }
    const op = /^(?:=>|->|::|\.\.\.|[=!<>]=|&&|\|\||\?\.)/.exec(code.slice(i, i + 3));
    const text = op ? op[0] : c;
    if (')]}'.includes(text)) depth = Math.max(0, depth - 1);
    tokens.push({ kind: 'punct', text, line, depth });
    if ('([{'.includes(text)) depth++;
    i += text.length;
  }
  return { tokens, comments };
}
