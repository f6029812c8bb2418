import { Option, type Command } from 'commander';
import { VideogenError } from '../errors.ts';
import { optionsFor, type CliFlag, type CliSurface, type OptionDecl, type OptionName, type OptionValues } from './table.ts';
import { allowedValues } from './describe-type.ts';

/** `--preset <name>`, `-o, --output <dir>`, `--language-voice <lang=voice>`: commander's flags string. */
export function flagsOf(cli: CliFlag): string {
  const long = cli.value ? `${cli.flag} <${cli.value}>` : cli.flag;
  return cli.short ? `${cli.short}, ${long}` : long;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function optionOf(decl: OptionDecl): Option {
  const cli = decl.cli!;
  const option = new Option(flagsOf(cli), cli.help ?? decl.description);
  if (cli.repeatable) option.argParser(collect);
  if (decl.default !== undefined) option.default(decl.default);
  return option;
}

/** Adds the table's flags for `surface` to a command; the command adds only what is its own (`--scene`, `--topic`). */
export function addOptionFlags(command: Command, surface: CliSurface): Command {
  for (const [, decl] of optionsFor(surface)) command.addOption(optionOf(decl));
  return command;
}

/** The property commander stores a flag's value under (`--burn-captions` → burnCaptions). */
export function attributeOf(decl: OptionDecl): string {
  return optionOf(decl).attributeName();
}

function usage(cli: CliFlag, decl: OptionDecl, message: string): VideogenError {
  const allowed = allowedValues(decl.type);
  return new VideogenError('USAGE', allowed ? `${cli.flag} must be one of ${allowed.join(', ')}` : `${cli.flag}: ${message}`);
}

/**
 * The parsed commander flags as option values, checked with the table's zod types (USAGE naming the flag). `raw`
 * flags (files, comma lists) are left to the command: it reads them and the same rules check what they hold.
 */
export function cliOptionValues(flags: Record<string, unknown>, surface: CliSurface): OptionValues {
  const values: Record<string, unknown> = {};
  for (const [name, decl] of optionsFor(surface)) {
    const cli = decl.cli!;
    const given = flags[attributeOf(decl)];
    if (given === undefined || given === false || cli.kind === 'raw') continue;
    const value = cli.kind === 'switch' ? (cli.switchValue ?? true) : given;
    const parsed = decl.type.safeParse(value);
    if (!parsed.success) throw usage(cli, decl, parsed.error.issues[0]?.message ?? 'invalid value');
    values[name satisfies OptionName] = parsed.data;
  }
  return values as OptionValues;
}
