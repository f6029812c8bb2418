import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerCreate } from '../../src/cli/commands/create.ts';
import { registerPreview } from '../../src/cli/commands/preview.ts';
import { registerRender } from '../../src/cli/commands/render.ts';
import { registerSchedule } from '../../src/cli/commands/schedule.ts';
import { cliOptionValues, attributeOf } from '../../src/options/cli.ts';
import { OPTIONS, SURFACES, optionsFor, type CliSurface, type OptionDecl, type OptionName } from '../../src/options/table.ts';
import { JobOptionsSchema, apiSourceOptionsShape, scheduleJobOptions } from '../../src/options/zod.ts';
import { jobOptionsOf } from '../../src/queue/run-job.ts';
import { ScheduleOptionsSchema } from '../../src/server/publish-schemas.ts';
import { RenderOptionsSchema } from '../../src/server/schemas.ts';

/** A value each option accepts on the API/job side; a new option without one fails the first test. */
const SAMPLES: Record<OptionName, unknown> = {
  preset: 'final',
  resolution: '1440p',
  aspect: '9:16',
  voice: 'female',
  burnCaptions: true,
  broll: 'auto',
  mediaDir: '/media',
  languages: ['en', 'de'],
  languageVoices: { de: 'female' },
  glossary: { keep: ['Node'] },
  review: true,
  videos: 2,
  language: 'de',
  targetSeconds: 90,
  outputDir: 'out-dir',
  json: true,
};
/** What the CLI is given for an option when it takes a value, and what the command then sees. */
const CLI_ARGS: Partial<Record<OptionName, { args: string[]; value?: unknown }>> = {
  preset: { args: ['--preset', 'final'], value: 'final' },
  resolution: { args: ['--resolution', '1440p'], value: '1440p' },
  aspect: { args: ['--aspect', '9:16'], value: '9:16' },
  voice: { args: ['--voice', 'female'], value: 'female' },
  burnCaptions: { args: ['--burn-captions'], value: true },
  broll: { args: ['--broll'], value: 'auto' },
  mediaDir: { args: ['--media', '/media'], value: '/media' },
  language: { args: ['--lang', 'de'], value: 'de' },
  outputDir: { args: ['-o', 'out-dir'], value: 'out-dir' },
  json: { args: ['--json'], value: true },
  // Raw flags: the command reads them itself (a list, a file); they must reach it unchanged.
  languages: { args: ['--languages', 'en,de'] },
  languageVoices: { args: ['--language-voice', 'de=female', '--language-voice', 'es=male'] },
  glossary: { args: ['--glossary', 'terms.yaml'] },
  videos: { args: ['--videos', '2'] },
  targetSeconds: { args: ['--duration', '90'] },
};

const entries = Object.entries(OPTIONS) as [OptionName, OptionDecl][];
const REGISTER: Record<CliSurface, (program: Command) => void> = { render: registerRender, create: registerCreate, preview: registerPreview, schedule: registerSchedule };
/** The command line up to the flags under test: `schedule` is the surface of `videogen schedule add`. */
const COMMAND_LINE: Record<CliSurface, string[]> = { render: ['render', 'spec.yaml'], create: ['create', 'doc.md'], preview: ['preview', 'spec.yaml', '-o', 'x.png'], schedule: ['schedule', 'add', 'Daily', '--rule', 'every day at 09:00'] };
const CLI_SURFACES = Object.keys(REGISTER) as CliSurface[];

/** The command a surface's flags belong to (`schedule add` for schedule). */
function commandOf(program: Command, surface: CliSurface): Command {
  const command = program.commands.find((c) => c.name() === surface)!;
  return surface === 'schedule' ? command.commands.find((c) => c.name() === 'add')! : command;
}

/** Parses argv with the real command; the action is replaced so nothing runs, and the flags it would get are returned. */
function parsedFlags(surface: CliSurface, args: string[]): Record<string, unknown> {
  const program = new Command().exitOverride();
  REGISTER[surface](program);
  let flags: Record<string, unknown> = {};
  commandOf(program, surface).action((...received: unknown[]) => {
    flags = received.at(-2) as Record<string, unknown>;
  });
  program.parse(['node', 'videogen', ...COMMAND_LINE[surface], ...args]);
  return flags;
}

describe('the option table', () => {
  it('declares each surface it claims, and only those', () => {
    for (const [name, decl] of entries) {
      expect(SAMPLES, name).toHaveProperty(name);
      expect(decl.appliesTo.length, name).toBeGreaterThan(0);
      for (const surface of decl.appliesTo) expect(SURFACES).toContain(surface);
      expect(decl.api !== undefined, `${name}: api field ⇔ applies to api`).toBe(decl.appliesTo.includes('api'));
      expect(decl.job !== undefined, `${name}: job field ⇔ applies to job`).toBe(decl.appliesTo.includes('job'));
      const onCli = decl.appliesTo.some((s) => (CLI_SURFACES as string[]).includes(s));
      expect(decl.cli !== undefined, `${name}: CLI flag ⇔ applies to a command`).toBe(onCli);
      expect(decl.description.length, name).toBeGreaterThan(10);
    }
  });

  it('gives every CLI command the flags of the options that apply to it, reachable with their values', () => {
    for (const surface of CLI_SURFACES) {
      const program = new Command();
      REGISTER[surface](program);
      const longs = commandOf(program, surface).options.map((o) => o.long);
      for (const [name, decl] of entries) {
        // preview's own `-o, --output <file>` is a PNG, not the render output directory.
        if (surface === 'preview' && name === 'outputDir') continue;
        expect(longs.includes(decl.cli?.flag), `${surface} ${decl.cli?.flag ?? name}`).toBe(decl.appliesTo.includes(surface));
      }
      for (const [name, decl] of optionsFor(surface)) {
        const given = CLI_ARGS[name];
        expect(given, `${name}: no CLI sample`).toBeDefined();
        const flags = parsedFlags(surface, given!.args);
        if (decl.cli!.kind === 'raw') {
          expect(flags[attributeOf(decl)], `${surface} ${decl.cli!.flag}`).toEqual(decl.cli!.repeatable ? given!.args.filter((_, i) => i % 2) : given!.args[1]);
        } else {
          expect(cliOptionValues(flags, surface)[name], `${surface} ${decl.cli!.flag}`).toEqual(given!.value);
        }
      }
    }
  });

  it('checks CLI values with the same types as the API: a bad one is USAGE naming the flag and the choices', () => {
    const flags = parsedFlags('render', ['--resolution', '4k']);
    expect(() => cliOptionValues(flags, 'render')).toThrow(expect.objectContaining({ code: 'USAGE', message: '--resolution must be one of 720p, 1080p, 1440p, 2160p' }) as Error);
    expect(() => cliOptionValues(parsedFlags('preview', ['--aspect', '4:3']), 'preview')).toThrow(/--aspect must be one of 16:9, 9:16, 1:1/);
    expect(cliOptionValues(parsedFlags('render', []), 'render')).toEqual({ preset: 'standard', outputDir: 'out' });
    expect(cliOptionValues(parsedFlags('preview', []), 'preview')).toEqual({ preset: 'standard' });
  });

  it('derives the API schemas: every api option is a field with its description, and accepts its sample', () => {
    const createOptions = RenderOptionsSchema.extend(apiSourceOptionsShape).strict();
    const apiFields = Object.keys(createOptions.shape);
    expect(apiFields.sort()).toEqual(optionsFor('api').map(([, d]) => d.api!).sort());
    for (const [name, decl] of optionsFor('api')) {
      const field = createOptions.shape[decl.api as keyof typeof createOptions.shape];
      expect(field.description, name).toBe(decl.description);
      expect(createOptions.safeParse({ [decl.api!]: SAMPLES[name] }).success, name).toBe(true);
      // Render options (the worker reads them) are RenderOptionsSchema's; the source-only ones are not.
      expect(decl.api! in RenderOptionsSchema.shape, name).toBe(decl.job !== undefined);
    }
    expect(RenderOptionsSchema.safeParse({ resolution: '4k' }).success).toBe(false);
    expect(RenderOptionsSchema.safeParse({ mediaDir: '/etc' }).success).toBe(false);
  });

  it('derives the schedule options: the API takes the schedule surface, refuses multilingual ones by name, and each slot\'s job runs them', () => {
    const fields = Object.keys(ScheduleOptionsSchema.shape).sort();
    const multilingual = ['glossary', 'languageVoices', 'languages', 'review'];
    expect(fields).toEqual([...optionsFor('schedule').map(([, d]) => d.api!), ...multilingual].sort());
    const given = Object.fromEntries(optionsFor('schedule').map(([name, d]) => [d.api!, SAMPLES[name]]));
    expect(ScheduleOptionsSchema.safeParse(given).success).toBe(true);
    for (const name of multilingual) {
      const refused = ScheduleOptionsSchema.safeParse({ [name]: SAMPLES[name as OptionName] });
      expect(refused.success, name).toBe(false);
      expect(refused.error!.issues[0]!.path, name).toEqual([name]);
      expect(refused.error!.issues[0]!.message, name).toMatch(/one video per slot, in one language.*options\.language.*POST \/api\/videos/);
    }
    // The job gets every render option the schedule names (broll and resolution too), in job field names; the script's
    // language and length stay in the create job's input; a stored option a schedule no longer takes is not run.
    const job = scheduleJobOptions({ ...given, languages: ['en', 'de'] });
    const renderOnSchedules = optionsFor('schedule').filter(([, d]) => d.job !== undefined);
    expect(Object.keys(job).sort()).toEqual(renderOnSchedules.map(([, d]) => d.job!).sort());
    for (const [name, d] of renderOnSchedules) expect(job[d.job!], name).toEqual(SAMPLES[name]);
    expect(jobOptionsOf(job)).not.toHaveProperty('multilingual');
  });

  it('derives the job schema: every job option survives validation of stored options', () => {
    expect(Object.keys(JobOptionsSchema.shape).sort()).toEqual(optionsFor('job').map(([, d]) => d.job!).sort());
    expect(jobOptionsOf({})).toEqual({ preset: 'standard' });
    const multilingual = new Set(['languages', 'languageVoices', 'glossary', 'review']);
    const stored = Object.fromEntries(optionsFor('job').map(([name, d]) => [d.job!, SAMPLES[name]]));
    const job = jobOptionsOf(stored);
    for (const [name] of optionsFor('job')) {
      if (multilingual.has(name)) expect(job.multilingual, name).toHaveProperty(name);
      else expect(job[name as keyof typeof job], name).toEqual(SAMPLES[name]);
    }
    expect(() => jobOptionsOf({ resolution: '4k' })).toThrow(expect.objectContaining({ code: 'USAGE', details: { path: 'options.resolution' } }) as Error);
  });
});
