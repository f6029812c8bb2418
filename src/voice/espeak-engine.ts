import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { VideogenError } from '../errors.ts';
import { launchTool } from '../media/spawn-host.ts';
import type ESpeakNg from 'espeak-ng';
import { cancelled } from './async.ts';

/**
 * The two ways to run espeak-ng: the system binary (fast, newest data) and the npm wasm build (always present, so
 * videogen speaks with zero system installs). Both take the same argument list; text never travels as an argument, so
 * text starting with "-" cannot become an option and nothing goes through a shell.
 */
export interface EspeakRun {
  /** espeak-ng options, without text and output options. */
  args: string[];
  /** Text to speak; omitted for queries such as `--voices`. */
  text?: string;
  /** Print the text's phonemes (`-q -x --sep=_`, one clause a line) on stdout instead of speaking it. */
  phonemes?: boolean;
  signal?: AbortSignal;
}

export interface EspeakOutput {
  /** WAV bytes when text was given. */
  wav?: Uint8Array;
  stdout: string;
}

export interface EspeakEngine {
  readonly kind: 'system' | 'wasm';
  run(req: EspeakRun): Promise<EspeakOutput>;
}

export class SystemEspeak implements EspeakEngine {
  readonly kind = 'system';
  constructor(private readonly binary: string) {}

  /** True when the binary starts and reports a version; never throws. */
  probe(): Promise<boolean> {
    return new Promise((resolve) => {
      const child = spawn(this.binary, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
      child.on('error', () => resolve(false));
      child.on('close', (code) => resolve(code === 0 && /espeak/i.test(out)));
    });
  }

  async run({ args, text, signal, phonemes }: EspeakRun): Promise<EspeakOutput> {
    if (signal?.aborted) throw cancelled(signal);
    // --stdin with --stdout: text in on stdin, a WAV (with placeholder sizes, which parseWav tolerates) out on stdout.
    const full = text === undefined ? args : phonemes ? [...args, ...PHONEME_ARGS, '--stdin'] : [...args, '--stdout', '--stdin'];
    const speaks = text !== undefined && !phonemes;
    // Through the spawn helper (media/spawn-host.ts): a video's narration starts espeak-ng once per scene.
    const child = await launchTool(this.binary, full, ['pipe', 'pipe', 'pipe']);
    const onAbort = (): void => child.kill('SIGTERM');
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    const out: Buffer[] = [];
    let err = '';
    child.stdout?.on('data', (d: Buffer) => out.push(d));
    child.stderr?.on('data', (d: Buffer) => { err += d.toString(); });
    child.stdin?.on('error', () => { /* reported through the exit code */ });
    child.stdin?.end(text ?? '');
    const exit = await child.done;
    signal?.removeEventListener('abort', onAbort);
    if (signal?.aborted) throw cancelled(signal);
    if (exit.error) throw new VideogenError('TTS_UNAVAILABLE', `cannot run ${this.binary}: ${exit.error.message}`, { binary: this.binary }, { cause: exit.error });
    const bytes = Buffer.concat(out);
    if (exit.code !== 0) throw new VideogenError('TTS_FAILED', `espeak-ng exited with ${exit.code ?? exit.signal}: ${err.trim()}`, { args: full });
    return speaks ? { wav: new Uint8Array(bytes), stdout: '' } : { stdout: bytes.toString('utf8') };
  }
}

/** Phonemes instead of audio: `-q` speaks nothing, `-x` prints phoneme mnemonics, `--sep=_` separates phonemes. */
const PHONEME_ARGS = ['-q', '-x', '--sep=_'];

type EspeakFactory = typeof ESpeakNg;
let wasmLoad: Promise<{ factory: EspeakFactory; module: WebAssembly.Module }> | undefined;

/** Loads and compiles the 18 MB wasm once per process; each run instantiates it afresh (espeak keeps global state). */
function loadWasm(): Promise<{ factory: EspeakFactory; module: WebAssembly.Module }> {
  wasmLoad ??= (async () => {
    const entry = createRequire(import.meta.url).resolve('espeak-ng');
    const [{ default: factory }, bytes] = await Promise.all([import('espeak-ng'), readFile(join(dirname(entry), 'espeak-ng.wasm'))]);
    return { factory, module: await WebAssembly.compile(bytes) };
  })();
  wasmLoad.catch(() => { wasmLoad = undefined; });
  return wasmLoad;
}

export class WasmEspeak implements EspeakEngine {
  readonly kind = 'wasm';

  async run({ args, text, signal, phonemes }: EspeakRun): Promise<EspeakOutput> {
    if (signal?.aborted) throw cancelled(signal);
    const { factory, module } = await loadWasm();
    const lines: string[] = [];
    const errors: string[] = [];
    let status = 0;
    const full = text === undefined ? args : phonemes ? [...args, ...PHONEME_ARGS, '-f', '/in.txt'] : [...args, '-w', '/out.wav', '-f', '/in.txt'];
    const instance = await factory({
      arguments: full,
      print: (line) => lines.push(line),
      printErr: (line) => { if (!line.startsWith('program exited')) errors.push(line); },
      // The default quit handler sets process.exitCode, which would make the whole CLI exit non-zero later.
      quit: (code, toThrow) => { status = code; throw toThrow; },
      preRun: [(m) => { if (text !== undefined) m.FS.writeFile('/in.txt', text); }],
      instantiateWasm: (imports, done) => {
        void WebAssembly.instantiate(module, imports).then((inst) => done(inst, module));
        return {};
      },
    });
    if (signal?.aborted) throw cancelled(signal);
    if (status !== 0) throw new VideogenError('TTS_FAILED', `espeak-ng (wasm) exited with ${status}: ${errors.join(' ').trim()}`, { args: full });
    if (text === undefined || phonemes) return { stdout: lines.join('\n') };
    return { wav: instance.FS.readFile('/out.wav'), stdout: '' };
  }
}
