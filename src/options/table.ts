import { z } from 'zod';
import { ASPECTS, RESOLUTIONS } from '../spec/common.ts';
import { BROLL_MODES } from '../spec/media.ts';
import { PRESETS } from '../media/presets.ts';
import { GlossaryShape, LanguageList, LanguageVoices, MAX_LANGUAGES } from './language-fields.ts';

/**
 * Every render/create option, declared once. The CLI flags of `render`, `create` and `preview` (cli.ts), the API's
 * and the job's zod schemas (zod.ts) and docs/options.md (docs.ts) are all derived from this table, so an option
 * cannot exist on one surface and be forgotten on another.
 */

/**
 * Where an option can be given: a CLI command, the API's `options` object, a job's stored `options`, or a schedule
 * (`videogen schedule add` and POST /api/schedules: what each slot's create job runs with, one video in one language).
 */
export const SURFACES = ['render', 'create', 'preview', 'api', 'job', 'schedule'] as const;
export type Surface = (typeof SURFACES)[number];
export type CliSurface = Extract<Surface, 'render' | 'create' | 'preview' | 'schedule'>;

export interface CliFlag {
  /** Long flag, e.g. `--burn-captions`. */
  flag: `--${string}`;
  short?: `-${string}`;
  /** Value name shown in help (`<name>`); none: a switch. */
  value?: string;
  /**
   * How the command reads it. value: checked with the option's zod type; switch: present means `switchValue`
   * (default true); raw: a string the command parses itself (a file to read, a comma list), checked by the same rules
   * as the API once parsed.
   */
  kind: 'value' | 'switch' | 'raw';
  switchValue?: string | boolean;
  /** The flag may be given several times; the command gets a list. */
  repeatable?: boolean;
  /** Help text when the CLI's wording must differ from the API's (a file instead of an object, a switch). */
  help?: string;
}

export interface OptionDecl {
  /** The value as the API and jobs take it (without `.optional()`: the schemas add that). */
  type: z.ZodType;
  default?: string | boolean | number;
  /** One text for the OpenAPI `describe()`, the docs table and (unless `cli.help`) the CLI help. */
  description: string;
  cli?: CliFlag;
  /** Field name in the API's `options` object. */
  api?: string;
  /** Field name in a job's stored `options`. */
  job?: string;
  appliesTo: readonly Surface[];
}

const PRESET_NAMES = Object.keys(PRESETS) as [keyof typeof PRESETS, ...(keyof typeof PRESETS)[]];
const RENDER_CLI = ['render', 'create'] as const;
const EVERY_RENDER = ['render', 'create', 'api', 'job'] as const;
const EVERY_RENDER_AND_SCHEDULE = [...EVERY_RENDER, 'schedule'] as const;

export const OPTIONS = {
  preset: {
    type: z.enum(PRESET_NAMES),
    default: 'standard',
    description: `Encoding preset (${PRESET_NAMES.join(', ')}): speed and quality; draft is fastest. It sets the frame size only when neither the options nor the spec name a resolution (draft 720p, the others 1080p).`,
    cli: { flag: '--preset', value: 'name', kind: 'value' },
    api: 'preset',
    job: 'preset',
    // preview: to see the frame a render with this preset would draw (a draft is 720p unless a size is named).
    appliesTo: ['render', 'create', 'preview', 'api', 'job', 'schedule'],
  },
  resolution: {
    type: z.enum(RESOLUTIONS),
    description: `Frame size of the short side (${RESOLUTIONS.join(', ')}; 1080p → 1920×1080 at 16:9). Wins over the spec's \`resolution\`; without either, the preset's size.`,
    cli: { flag: '--resolution', value: 'size', kind: 'value' },
    api: 'resolution',
    job: 'resolution',
    appliesTo: ['render', 'create', 'preview', 'api', 'job', 'schedule'],
  },
  aspect: {
    type: z.enum(ASPECTS),
    description: `Frame shape (${ASPECTS.join(', ')}); wins over the spec's \`aspect\`.`,
    cli: { flag: '--aspect', value: 'ratio', kind: 'value' },
    api: 'aspect',
    job: 'aspect',
    appliesTo: ['render', 'create', 'preview', 'api', 'job', 'schedule'],
  },
  voice: {
    type: z.string().min(1).max(100),
    description: 'Voice for every scene: a named voice (male, female, …) or provider:voice (edge:en-US-AriaNeural, espeak:de).',
    cli: { flag: '--voice', value: 'voice', kind: 'value' },
    api: 'voice',
    job: 'voice',
    appliesTo: EVERY_RENDER_AND_SCHEDULE,
  },
  burnCaptions: {
    type: z.boolean(),
    description: 'Draw captions into the picture as well as the soft subtitle track.',
    cli: { flag: '--burn-captions', kind: 'switch' },
    api: 'burnCaptions',
    job: 'burnCaptions',
    appliesTo: EVERY_RENDER_AND_SCHEDULE,
  },
  broll: {
    type: z.enum(BROLL_MODES),
    description: "auto: footage chosen for each narrated scene's own sentences (stock providers, then the local library, then an animated gradient); off: none, whatever the spec says. Default: the spec's `broll`.",
    cli: { flag: '--broll', kind: 'switch', switchValue: 'auto', help: 'Footage for every narrated scene, chosen for its own sentences (stock providers, then --media, then a drawn gradient).' },
    api: 'broll',
    job: 'broll',
    appliesTo: EVERY_RENDER_AND_SCHEDULE,
  },
  mediaDir: {
    type: z.string().min(1),
    description: 'Local media library for b-roll, stock backgrounds and music (wins over VIDEOGEN_MEDIA_DIR).',
    cli: { flag: '--media', value: 'dir', kind: 'value' },
    appliesTo: ['render', 'create', 'preview'],
  },
  languages: {
    type: LanguageList,
    description: `One job, several languages (at most ${MAX_LANGUAGES}): each is translated (the spec's own language is not), voiced and rendered into <lang>/ of the outputs, with index.json listing them.`,
    cli: { flag: '--languages', value: 'codes', kind: 'raw', help: 'Render one video per language into <output>/<lang>/ plus index.json, e.g. en,de,es,ar,zh (translated with VIDEOGEN_TRANSLATOR / DeepL / LibreTranslate / Apertium / the language model); create --spec-only writes <id>.<lang>.yaml for review.' },
    api: 'languages',
    job: 'languages',
    appliesTo: EVERY_RENDER,
  },
  languageVoices: {
    type: LanguageVoices,
    description: 'Voice per language, e.g. { "de": "female", "ar": "edge:ar-EG-SalmaNeural" }; `voice` applies to the others. Keys must be in `languages`.',
    cli: { flag: '--language-voice', value: 'lang=voice', kind: 'raw', repeatable: true, help: 'Voice for one language, e.g. de=female or ar=edge:ar-EG-SalmaNeural (repeatable, or comma-separated).' },
    api: 'languageVoices',
    job: 'languageVoices',
    appliesTo: EVERY_RENDER,
  },
  glossary: {
    type: GlossaryShape,
    description: 'Terms pinned per language and words kept as they are, in every translation of this job.',
    cli: { flag: '--glossary', value: 'file', kind: 'raw', help: 'Glossary file (YAML/JSON): terms pinned per language and words never translated (with --languages).' },
    api: 'glossary',
    job: 'glossary',
    appliesTo: EVERY_RENDER,
  },
  review: {
    type: z.boolean(),
    description: 'Translate first and wait: the job stays queued until the translations are approved (GET/PUT /api/jobs/{id}/translations, POST …/translations/approve).',
    api: 'review',
    job: 'review',
    appliesTo: ['api', 'job'],
  },
  videos: {
    type: z.union([z.number().int().min(1).max(10), z.literal('auto')]),
    description: 'Split a long document into this many balanced videos (a set) when > 1; "auto": as many as it needs at the target length each.',
    cli: { flag: '--videos', value: 'n|auto', kind: 'raw' },
    api: 'videos',
    appliesTo: ['create', 'api'],
  },
  language: {
    type: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'must be a BCP-47 tag such as en or pt-BR' }),
    description: 'Language of the narration and captions (BCP-47, e.g. en or pt-BR).',
    cli: { flag: '--lang', value: 'code', kind: 'value' },
    api: 'language',
    appliesTo: ['create', 'api', 'schedule'],
  },
  targetSeconds: {
    type: z.number().int().min(15).max(3600),
    description: 'Target length of each video in seconds: a document is condensed to fit it (default 180), a topic is written to it (default 60), --ai rewrites to it.',
    cli: { flag: '--duration', value: 'seconds', kind: 'raw' },
    api: 'targetSeconds',
    appliesTo: ['create', 'api', 'schedule'],
  },
  outputDir: {
    type: z.string().min(1),
    default: 'out',
    description: 'Output directory.',
    cli: { flag: '--output', short: '-o', value: 'dir', kind: 'value' },
    appliesTo: RENDER_CLI,
  },
  json: {
    type: z.boolean(),
    description: 'Print progress as JSON lines.',
    cli: { flag: '--json', kind: 'switch' },
    appliesTo: RENDER_CLI,
  },
} as const satisfies Record<string, OptionDecl>;

export type OptionName = keyof typeof OPTIONS;
type Table = typeof OPTIONS;
/** Option values by option name, as the zod types give them: what the surfaces turn their input into. */
export type OptionValues = { -readonly [K in OptionName]?: z.output<Table[K]['type']> };

/** The declarations that apply to a surface, in table order. */
export function optionsFor(surface: Surface): [OptionName, OptionDecl][] {
  return (Object.entries(OPTIONS) as [OptionName, OptionDecl][]).filter(([, decl]) => decl.appliesTo.includes(surface));
}
