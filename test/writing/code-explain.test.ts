import { describe, expect, it } from 'vitest';
import { codeFacts, explainCode } from '../../src/writing/code-explain.ts';
import { explainCommands } from '../../src/writing/command-explain.ts';
import { tokenizeCode } from '../../src/writing/code-tokens.ts';
import { splitCode } from '../../src/sources/document/code.ts';

const gather = `// Fetch every page of a feed and merge the results.
import { readFile } from 'node:fs/promises';

async function fetchPage(url) {
  const res = await fetch(url);
  return res.json();
}

async function gather(urls) {
  return Promise.all(urls.map(fetchPage));
}

gather(['a', 'b']).then(console.log);
`;

describe('explainCode', () => {
  it('says what the code does from its comments, imports, definitions and calls', () => {
    const text = explainCode(gather, 'javascript', { seed: 1 });
    expect(text).toBe('Fetch every page of a feed and merge the results. The code loads fs/promises, defines two functions, fetchPage and gather, and then runs gather. The asynchronous fetchPage function calls fetch and json.');
  });

  it('reads a README example: instances, events, method calls on a client, what is kept in a variable', () => {
    const code = `const Redis = require("ioredis");\nconst redis = new Redis();\n\nredis.subscribe("news", (err, count) => {\n  if (err) console.error(err);\n});\nredis.on("message", (channel, message) => {\n  console.log(message);\n});\nconst worker = createWorker({ concurrency: 2 });\nawait worker.start();\n`;
    const facts = codeFacts(code, 'js');
    expect(facts.imports).toEqual(['ioredis']);
    expect(facts.instances).toEqual([['Redis', 1]]);
    expect(facts.events).toEqual(['message']);
    expect(facts.made).toEqual(['creates a worker']);
    expect(explainCode(code, 'js', { seed: 0 })).toBe('This example loads ioredis, creates a Redis instance, creates a worker, listens for the message event, calls subscribe on redis, and starts the worker.');
  });

  it('names the options and commands a CLI builder declares', () => {
    const code = `program\n  .command('clone')\n  .option('-d, --debug', 'output extra debugging')\n  .option('-p, --pizza-type <type>', 'flavour of pizza');\nprogram.parse();\n`;
    expect(explainCode(code, 'js', { seed: 2 })).toBe('This snippet adds the clone command, declares the debug and pizza-type options, and parses the command line.');
  });

  it('ignores comments that quote code or talk to tools, and detail nested in arguments', () => {
    const code = `// eslint-disable-next-line no-console\n// result is \`<Buffer 62 75 66>\`\nconst job = defineJob({ payload: z.object({ id: z.string() }) });\n`;
    const text = explainCode(code, 'ts', { seed: 0 });
    expect(text).toBe('This example defines a job.');
  });

  it('lists the top-level keys of configuration files', () => {
    expect(explainCode('name: demo\nversion: 2\nscripts:\n  build: tsc\n', 'yaml')).toBe('The configuration sets name, version, and scripts.');
    expect(explainCode('{ "name": "demo", "private": true }', 'json')).toBe('The configuration sets name and private.');
  });

  it('is deterministic and empty when there is nothing to say', () => {
    expect(explainCode(gather, 'javascript')).toBe(explainCode(gather, 'javascript'));
    expect(explainCode('0x62 0x75 0x66', 'text')).toBe('');
  });
});

describe('explainCode in other languages', () => {
  it('reads Python, Go and Rust imports and definitions', () => {
    const py = 'import requests\nfrom bs4 import BeautifulSoup\n\ndef fetch(url):\n    resp = requests.get(url)\n    return resp.text\n\nsoup = BeautifulSoup(fetch("x"), "html.parser")\n';
    expect(explainCode(py, 'python', { seed: 0 })).toBe('This example loads requests and bs4, creates a BeautifulSoup instance, and defines the fetch function. The fetch function calls get.');
    const go = 'package main\n\nimport (\n\t"fmt"\n\t"net/http"\n)\n\nfunc main() {\n\thttp.HandleFunc("/", handler)\n}\n';
    expect(explainCode(go, 'go', { seed: 0 })).toBe('This example loads fmt and net/http and defines the main function. The main function calls HandleFunc.');
    expect(codeFacts('use std::collections::HashMap;\nfn main() { let m = HashMap::new(); }\n', 'rust').imports).toEqual(['HashMap']);
  });
});

describe('explainCommands', () => {
  it('says what terminal commands do', () => {
    expect(explainCommands(['$ npm install ioredis'])).toBe('Install ioredis with npm.');
    expect(explainCommands(['$ npm install --save-dev @types/node', '$ npx quiver doctor', '→ All checks passed'])).toBe('Install @types/node with npm as a development dependency, then run quiver doctor with npx.');
    expect(explainCommands(['$ PORT=80 ./examples/pizza -V'])).toBe('Run pizza with options.');
    expect(explainCommands(['→ output only'])).toBe('');
  });
});

describe('tokenizeCode', () => {
  it('keeps strings and comments apart and tracks bracket depth', () => {
    const { tokens, comments } = tokenizeCode('f("a // not a comment", { b: 1 }) # py\n', 'js');
    expect(tokens.find((t) => t.kind === 'string')?.text).toBe('a // not a comment');
    expect(tokens.find((t) => t.text === 'b')?.depth).toBe(2);
    expect(comments).toEqual([]);
    expect(tokenizeCode('x = 1  # set x\n', 'python').comments).toEqual([{ text: 'set x', line: 0 }]);
  });
});

describe('splitCode', () => {
  const fn = (n: number, body = 6) => [`function part${n}() {`, ...Array.from({ length: body }, (_, i) => `  step(${i});`), '}', ''].join('\n');

  it('splits at function boundaries into parts that show every line', () => {
    const code = [fn(1), fn(2), fn(3), fn(4)].join('\n');
    const warnings: string[] = [];
    const parts = splitCode(code, 'js', { warnings });
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.code.split('\n').length).toBeLessThanOrEqual(18);
      expect(p.code).toMatch(/^function part\d\(\) \{/);
      expect(p.code).toMatch(/\}$/);
    }
    expect(parts.map((p) => p.code).join('\n').match(/step\(/g)).toHaveLength(24);
    expect(parts[1]!.name).toMatch(/^part\d$/);
    expect(warnings).toEqual([]);
  });

  it('keeps short code whole and marks what a very long block leaves out', () => {
    expect(splitCode('a();\nb();', 'js', { warnings: [] })).toEqual([{ code: 'a();\nb();' }]);
    const long = Array.from({ length: 120 }, (_, i) => `x${i} = ${i}`).join('\n');
    const warnings: string[] = [];
    const parts = splitCode(long, 'python', { warnings });
    expect(parts).toHaveLength(4);
    expect(parts.at(-1)!.code.split('\n').at(-1)).toMatch(/^# … \d+ more lines in the document$/);
    expect(parts.at(-1)!.code.split('\n').length).toBeLessThanOrEqual(18);
    const shown = parts.flatMap((p) => p.code.split('\n')).filter((l) => /^x\d/.test(l)).length;
    const left = Number(/… (\d+) more/.exec(parts.at(-1)!.code)![1]);
    expect(shown + left).toBe(120);
    expect(warnings[0]).toMatch(/left out/);
  });
});
