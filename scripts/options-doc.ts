// Writes docs/options.md from the option table (src/options/table.ts): `npm run docs:options`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { optionsMarkdown } from '../src/options/docs.ts';

const target = fileURLToPath(new URL('../docs/options.md', import.meta.url));
writeFileSync(target, optionsMarkdown());
process.stdout.write(`wrote ${target}\n`);
