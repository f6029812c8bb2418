import { flagsOf } from './cli.ts';
import { typeName } from './describe-type.ts';
import { OPTIONS, type OptionDecl, type OptionName } from './table.ts';

/** The command that writes docs/options.md; the docs test names it when the file is out of date. */
export const OPTIONS_DOC_COMMAND = 'npm run docs:options';

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
/** Outside code spans `<lang>` would be read as an HTML tag and vanish. */
const prose = (text: string) => text.replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const code = (text: string | undefined) => (text ? `\`${text}\`` : '—');

function row(name: OptionName, decl: OptionDecl): string {
  const flag = decl.cli ? `${code(flagsOf(decl.cli))}${decl.cli.repeatable ? ' (repeatable)' : ''}` : '—';
  const cliNote = decl.cli?.help ? ` CLI: ${prose(decl.cli.help)}` : '';
  const cells = [code(name), flag, code(decl.api), code(decl.job), typeName(decl.type), decl.default === undefined ? '—' : code(String(decl.default)), decl.appliesTo.join(', '), `${prose(decl.description)}${cliNote}`];
  return `| ${cells.map(cell).join(' | ')} |`;
}

/** docs/options.md: every render/create option, from the table in src/options/table.ts. */
export function optionsMarkdown(): string {
  const lines = [
    '# Render and create options',
    '',
    `<!-- Generated from src/options/table.ts by \`${OPTIONS_DOC_COMMAND}\`; do not edit by hand. -->`,
    '',
    'Every option is declared once (src/options/table.ts). The CLI flags of `videogen render`, `create`, `preview` and',
    '`schedule add`, the `options` of `POST /api/videos` and `POST /api/schedules`, the options a job stores and this',
    'table are derived from it. A schedule (`schedule`) makes one video per slot in one language: it takes the render',
    'options and the script\'s `language` and `targetSeconds`, and refuses the multilingual ones.',
    '',
    '**Frame size**, one rule everywhere: an explicit `resolution` option wins; else the spec\'s `resolution` if it has',
    'one; else the preset\'s size (`draft` 720p, `standard` and `final` 1080p). The preset otherwise chooses speed and',
    'quality only.',
    '',
    '| Option | CLI flag | API field | Job field | Type | Default | Applies to | Description |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...(Object.entries(OPTIONS) as [OptionName, OptionDecl][]).map(([name, decl]) => row(name, decl)),
    '',
  ];
  return lines.join('\n');
}
