import WebSocket from 'ws';
import { VideogenError, isVideogenError } from '../errors.ts';
import { ConcurrencyLimiter, DEFAULT_RETRY, cancelled, throwIfAborted, withRetry } from './async.ts';
import type { RetryPolicy } from './async.ts';
import { decodeSpeechAudio, ffmpegDecoder } from './decode.ts';
import type { AudioDecoder } from './decode.ts';
import {
  CHROMIUM_FULL_VERSION, EDGE_BASE_URL, EDGE_OUTPUT_FORMAT, buildSsml, connectId, edgeHeaders, escapeSsmlText, parseBinaryFrame,
  parseTextFrame, parseWordBoundaries, prosodyRate, speechConfigMessage, splitText, ssmlMessage, synthesisUrl,
} from './edge-protocol.ts';
import { edgeVoiceFor } from './languages.ts';
import { isNamedVoice } from './types.ts';
import type { NamedVoice, SynthesisResult, SynthesizeOptions, TtsProvider, VoiceInfo, WordBoundary } from './types.ts';
import { listEdgeVoices } from './edge-voices.ts';

/** Microsoft Edge neural voices over the Read-aloud WebSocket (free, needs network). See edge-protocol.ts. */
export interface EdgeProviderOptions {
  /** `https://…/readaloud`; tests point it at a local server. The WebSocket URL is derived (`wss://…/edge/v1`). */
  baseUrl?: string;
  chromiumVersion?: string;
  /** Azure output format; only MP3/WebM are served by the consumer endpoint (see EDGE_OUTPUT_FORMAT). */
  outputFormat?: string;
  /** Decoder for compressed audio; default spawns `ffmpegPath`. */
  decoder?: AudioDecoder;
  ffmpegPath?: string;
  /** Simultaneous connections; the service rate-limits and blocks bursts. Default 2. */
  concurrency?: number;
  retry?: RetryPolicy;
  connectTimeoutMs?: number;
  /** Longest silence between two frames before the connection counts as stalled. */
  receiveTimeoutMs?: number;
  /** Clock, for the Sec-MS-GEC token (tests fix it). */
  now?: () => number;
}

interface Turn {
  audio: Uint8Array[];
  words: WordBoundary[];
}

/** Close codes and HTTP statuses worth another try: server restarts, overload, throttling, clock-skew refusal. */
const TRANSIENT_CLOSE = new Set([1006, 1011, 1012, 1013]);
const TRANSIENT_STATUS = new Set([403, 408, 429, 500, 502, 503, 504]);
const TRANSIENT_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);

export class EdgeTtsProvider implements TtsProvider {
  readonly id = 'edge';
  readonly formatVersion = '1';
  private readonly base: string;
  private readonly limiter: ConcurrencyLimiter;
  private readonly decoder: AudioDecoder;
  private readonly now: () => number;
  /** Server clock minus ours, learnt from a 403's Date header: the token must match the server's 5-minute window. */
  private clockSkewMs = 0;

  constructor(private readonly options: EdgeProviderOptions = {}) {
    this.base = (options.baseUrl ?? EDGE_BASE_URL).replace(/\/+$/, '');
    this.limiter = new ConcurrencyLimiter(options.concurrency ?? 2);
    this.decoder = options.decoder ?? ffmpegDecoder(options.ffmpegPath);
    this.now = options.now ?? Date.now;
  }

  /** Edge needs no key; whether the network is reachable is only known when synthesising. */
  async available(): Promise<boolean> {
    return true;
  }

  namedVoice(name: NamedVoice, language: string): string {
    return edgeVoiceFor(name, language);
  }

  ownsVoice(voiceId: string): boolean {
    return /^[a-z]{2,3}-[A-Z]{2,3}-\S+Neural$/.test(voiceId);
  }

  voices(language?: string): Promise<VoiceInfo[]> {
    return listEdgeVoices(this.base, this.now() + this.clockSkewMs, this.options.chromiumVersion ?? CHROMIUM_FULL_VERSION, language);
  }

  async synthesize(text: string, voice: string, opts: SynthesizeOptions = {}): Promise<SynthesisResult> {
    const id = isNamedVoice(voice) ? this.namedVoice(voice, opts.language ?? 'en') : voice;
    const rate = prosodyRate(opts.rate);
    const format = this.options.outputFormat ?? EDGE_OUTPUT_FORMAT;
    // Validates the voice before any connection is made.
    buildSsml('', id, rate);
    const pcmParts: Int16Array[] = [];
    const words: WordBoundary[] = [];
    let sampleRate = 24_000;
    let offsetMs = 0;
    // One connection per chunk, like Edge; word offsets are shifted by the decoded length of the previous chunks.
    for (const chunk of splitText(escapeSsmlText(text))) {
      const turn = await this.limiter.run(
        () => withRetry(() => this.turn(buildSsml(chunk, id, rate), format, opts.signal), isTransient, this.options.retry ?? DEFAULT_RETRY, opts.signal),
        opts.signal,
      );
      const decoded = await decodeSpeechAudio(concat(turn.audio), format, this.decoder, opts.signal);
      if (pcmParts.length > 0 && decoded.sampleRate !== sampleRate) throw new VideogenError('TTS_FAILED', 'Edge returned chunks at different sample rates');
      sampleRate = decoded.sampleRate;
      for (const w of turn.words) words.push({ ...w, offsetMs: w.offsetMs + offsetMs });
      offsetMs += (decoded.pcm.length / sampleRate) * 1000;
      pcmParts.push(decoded.pcm);
    }
    const pcm = new Int16Array(pcmParts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of pcmParts) { pcm.set(p, at); at += p.length; }
    return { pcm, sampleRate, channels: 1, words };
  }

  /** One WebSocket session: speech.config, ssml, then frames until `turn.end`. */
  private turn(ssml: string, format: string, signal?: AbortSignal): Promise<Turn> {
    throwIfAborted(signal);
    const connectTimeout = this.options.connectTimeoutMs ?? 10_000;
    const receiveTimeout = this.options.receiveTimeoutMs ?? 60_000;
    const clock = this.now() + this.clockSkewMs;
    const url = synthesisUrl(this.base, clock, this.options.chromiumVersion, undefined);
    return new Promise<Turn>((resolve, reject) => {
      const ws = new WebSocket(url, { headers: edgeHeaders(this.options.chromiumVersion), handshakeTimeout: connectTimeout, perMessageDeflate: true });
      const turn: Turn = { audio: [], words: [] };
      let done = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = (error?: unknown) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        ws.removeAllListeners();
        ws.on('error', () => {}); // late socket errors after we settled must not crash the process
        if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.terminate();
        if (error) reject(error);
        else if (turn.audio.length === 0) reject(new VideogenError('TTS_FAILED', 'Edge returned no audio; check the voice name (videogen voices --provider edge)', { transient: false }));
        else resolve(turn);
      };
      const armTimer = () => {
        clearTimeout(timer);
        timer = setTimeout(() => finish(edgeError('Edge TTS stopped responding', { transient: true })), receiveTimeout);
      };
      const onAbort = () => finish(cancelled(signal));
      signal?.addEventListener('abort', onAbort, { once: true });
      armTimer();

      ws.on('unexpected-response', (_req, res) => {
        const date = Date.parse(String(res.headers.date ?? ''));
        if (res.statusCode === 403 && Number.isFinite(date)) this.clockSkewMs = date - this.now();
        res.resume();
        finish(edgeError(`Edge TTS refused the connection (HTTP ${res.statusCode})`, { status: res.statusCode, transient: TRANSIENT_STATUS.has(res.statusCode ?? 0) }));
      });
      ws.on('error', (e: NodeJS.ErrnoException) => finish(edgeError(`cannot reach Edge TTS: ${e.message}`, { errno: e.code, transient: TRANSIENT_ERRNO.has(e.code ?? '') || e.message.includes('handshake') }, e)));
      ws.on('close', (code, reason) => finish(edgeError(`Edge TTS closed the connection (${code}${reason.length ? ` ${reason.toString()}` : ''})`, { closeCode: code, transient: TRANSIENT_CLOSE.has(code) })));
      ws.on('open', () => {
        ws.send(speechConfigMessage(clock, format));
        ws.send(ssmlMessage(connectId(), clock, ssml));
      });
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        armTimer();
        try {
          if (isBinary) {
            const { headers, data: audio } = parseBinaryFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
            if (headers.Path !== 'audio') throw edgeError(`Edge sent binary data on path ${headers.Path}`, { transient: false });
            // The stream ends with a header-only frame without Content-Type.
            if (audio.length > 0) turn.audio.push(audio.slice());
            return;
          }
          const { headers, body } = parseTextFrame(data.toString('utf8'));
          if (headers.Path === 'audio.metadata') turn.words.push(...parseWordBoundaries(body));
          else if (headers.Path === 'turn.end') finish();
        } catch (e) {
          finish(e);
        }
      });
    });
  }
}

function edgeError(message: string, details: { transient: boolean; [k: string]: unknown }, cause?: unknown): VideogenError {
  return new VideogenError('TTS_FAILED', message, details, { cause });
}

function isTransient(error: unknown): boolean {
  return isVideogenError(error) && error.code === 'TTS_FAILED' && error.details?.transient === true;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}
