import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VideogenError } from '../../errors.ts';
import { onPath } from '../../util/on-path.ts';
import { primaryCode } from './language-code.ts';
import type { TranslateBatch, Translator } from './types.ts';

/** ISO 639-3 codes of the languages Debian's apertium-* packages pair, and their ISO 639-1 codes. */
const ISO3_TO_1: Record<string, string> = {
  eng: 'en', spa: 'es', cat: 'ca', glg: 'gl', eus: 'eu', epo: 'eo', por: 'pt', fra: 'fr', oci: 'oc', ita: 'it', ron: 'ro',
  arg: 'an', srd: 'sc', nob: 'no', nno: 'nn', dan: 'da', swe: 'sv', isl: 'is', fao: 'fo', deu: 'de', nld: 'nl', afr: 'af',
  rus: 'ru', ukr: 'uk', bel: 'be', bul: 'bg', mkd: 'mk', hbs: 'sh', slv: 'sl', ces: 'cs', slk: 'sk', pol: 'pl', hin: 'hi',
  urd: 'ur', mlt: 'mt', ara: 'ar', heb: 'he', kaz: 'kk', tat: 'tt', tur: 'tr', kir: 'ky', uzb: 'uz', cym: 'cy', gle: 'ga',
  bre: 'br', fin: 'fi', sme: 'se', est: 'et', hun: 'hu', ell: 'el', ind: 'id', msa: 'ms', zlm: 'ms', ast: 'ast', crh: 'crh',
};

/** One installed translation mode, e.g. `eng-spa` (en→es) or the variant `spa-eng_US`. */
export interface ApertiumPair {
  mode: string;
  from: string;
  to: string;
  /** `US` in `spa-eng_US`; the plain mode is preferred for a pair when both exist. */
  variant?: string;
}

/** Parses `apertium -l`: one mode per line, `src-tgt` with optional `_variant` on either side. */
export function parseApertiumModes(listing: string): ApertiumPair[] {
  const pairs: ApertiumPair[] = [];
  for (const line of listing.split('\n')) {
    const mode = line.trim();
    const match = /^([a-z]{2,3})(?:_(\w+))?-([a-z]{2,3})(?:_(\w+))?$/.exec(mode);
    if (!match) continue;
    const from = ISO3_TO_1[match[1]!] ?? match[1]!;
    const to = ISO3_TO_1[match[3]!] ?? match[3]!;
    const variant = match[2] ?? match[4];
    pairs.push({ mode, from, to, ...(variant ? { variant } : {}) });
  }
  return pairs;
}

/** The `apertium` driver on `searchPath`, if installed. */
export function findApertium(searchPath: string | undefined): string | undefined {
  return onPath('apertium', searchPath);
}

export interface RunOptions {
  searchPath?: string | undefined;
  timeoutMs?: number;
  /** Bytes of stdout kept before the process is killed: a runaway pipeline never fills memory. */
  maxOutputBytes?: number;
  signal?: AbortSignal | undefined;
}

/** Runs apertium without a shell; its pipeline stages (lt-proc, …) are found on the same PATH. */
export function runApertium(binary: string, args: readonly string[], options: RunOptions): Promise<string> {
  const maxBytes = options.maxOutputBytes ?? 16 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      env: { PATH: options.searchPath ?? '', TMPDIR: tmpdir(), LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 60_000,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let overflow = false;
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > maxBytes) {
        overflow = true;
        child.kill('SIGKILL');
      } else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString('utf8')).slice(-2000)));
    child.on('error', (error) => {
      if (options.signal?.aborted) reject(new VideogenError('CANCELLED', 'apertium cancelled', undefined, { cause: error }));
      else reject(new VideogenError('TRANSLATION_FAILED', `apertium could not run: ${error.message}`, { provider: 'apertium' }, { cause: error }));
    });
    child.on('close', (code, signal) => {
      if (options.signal?.aborted) return reject(new VideogenError('CANCELLED', 'apertium cancelled'));
      if (overflow) return reject(new VideogenError('TRANSLATION_FAILED', `apertium wrote more than ${maxBytes} bytes; stopped it`, { provider: 'apertium' }));
      if (code !== 0) return reject(new VideogenError('TRANSLATION_FAILED', `apertium ${args.join(' ')} ${signal ? `was stopped (${signal}; timeout ${Math.round((options.timeoutMs ?? 60_000) / 1000)} s)` : `exited with ${code}`}: ${err.trim().slice(0, 500)}`, { provider: 'apertium', code, signal }));
      resolve(Buffer.concat(out).toString('utf8'));
    });
  });
}

/**
 * Texts of one batch go through one apertium process (~0.2 s of start-up each), separated by a line apertium passes
 * through untouched (verified in test/writing/translate/apertium.test.ts); the blank lines around it keep each text
 * its own paragraph, so no sentence runs into the next text.
 */
export const APERTIUM_SEPARATOR = '\n\n⟦§⟧\n\n';
const SEPARATOR_LINE = /\n\s*⟦§⟧\s*\n/u;

export interface ApertiumOptions {
  searchPath?: string | undefined;
  timeoutMs?: number;
  /** The mode this instance was chosen for, for its label ("Apertium eng-spa"); any installed mode still works. */
  mode?: string;
}

/** Apertium (https://wiki.apertium.org): rule-based, offline, Debian packages `apertium-eng-spa` and friends. */
export class ApertiumTranslator implements Translator {
  readonly id = 'apertium' as const;
  readonly label: string;
  /** Keyed on the mode too: eng-spa and a regional variant's mode translate differently. */
  readonly cacheId: string;
  private modes: Promise<ApertiumPair[]> | undefined;

  constructor(private readonly options: ApertiumOptions = {}) {
    this.label = options.mode ? `Apertium ${options.mode}` : 'Apertium';
    this.cacheId = options.mode ? `apertium:${options.mode}` : 'apertium';
  }

  /** The same translator labelled with the mode it uses for `from` → `to`, for reports and the manifest. */
  async forPair(from: string, to: string): Promise<ApertiumTranslator> {
    const mode = await this.modeFor(from, to);
    const bound = new ApertiumTranslator({ ...this.options, ...(mode ? { mode: mode.mode } : {}) });
    bound.modes = this.modes;
    return bound;
  }

  /** Installed modes (`apertium -l`), asked once; empty when apertium is not installed. */
  pairs(): Promise<ApertiumPair[]> {
    if (!this.modes) {
      const binary = findApertium(this.options.searchPath);
      this.modes = binary ? runApertium(binary, ['-l'], { searchPath: this.options.searchPath, timeoutMs: 20_000 }).then(parseApertiumModes) : Promise.resolve([]);
      this.modes.catch(() => (this.modes = undefined));
    }
    return this.modes;
  }

  private async modeFor(from: string, to: string): Promise<ApertiumPair | undefined> {
    const candidates = (await this.pairs()).filter((p) => p.from === primaryCode(from) && p.to === primaryCode(to));
    return candidates.find((p) => !p.variant) ?? candidates[0];
  }

  async supports(from: string, to: string): Promise<boolean> {
    return !!(await this.modeFor(from, to));
  }

  async translate(batch: TranslateBatch): Promise<string[]> {
    const binary = findApertium(this.options.searchPath);
    const mode = binary ? await this.modeFor(batch.from, batch.to) : undefined;
    if (!binary || !mode) throw new VideogenError('TRANSLATION_UNAVAILABLE', `Apertium cannot translate ${batch.from}→${batch.to} here: install apertium and its apertium-<pair> package`, { provider: 'apertium', from: batch.from, to: batch.to });
    if (batch.texts.some((t) => t.includes('⟦§⟧'))) throw new VideogenError('TRANSLATION_FAILED', 'a text contains the batch separator ⟦§⟧, which translateTexts protects; call Apertium through translateTexts', { provider: 'apertium' });
    // -u: no `*` marks before unknown words (they would end up on screen and in the voice).
    // The input goes as a file: the apertium script reads /dev/stdin by path, which cannot be opened when stdin is
    // the socket pair Node's child_process uses for 'pipe' (apertium-destxt then prints its usage and no text).
    const dir = await mkdtemp(join(tmpdir(), 'videogen-apertium-'));
    let output: string;
    try {
      const input = join(dir, 'input.txt');
      // NUL is apertium's flush marker inside its pipeline; in a text it would cut the stream.
      await writeFile(input, batch.texts.join(APERTIUM_SEPARATOR).replaceAll('\0', ''));
      output = await runApertium(binary, ['-u', '-f', 'txt', mode.mode, input], { searchPath: this.options.searchPath, timeoutMs: this.options.timeoutMs ?? 60_000, signal: batch.signal });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const parts = output.split(SEPARATOR_LINE).map((p) => p.trim());
    if (parts.length !== batch.texts.length) throw new VideogenError('TRANSLATION_FAILED', `apertium ${mode.mode} returned ${parts.length} texts for ${batch.texts.length}`, { provider: 'apertium', mode: mode.mode });
    return parts;
  }
}
