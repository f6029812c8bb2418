import { createHash, randomUUID } from 'node:crypto';
import { VideogenError } from '../errors.ts';
import type { WordBoundary } from './types.ts';

/**
 * The Microsoft Edge "Read aloud" WebSocket protocol, as implemented by the Python `edge-tts` project
 * (src/edge_tts/communicate.py, constants.py, drm.py). Pure functions only; the connection lives in edge.ts.
 */

export const EDGE_BASE_URL = 'https://speech.platform.bing.com/consumer/speech/synthesize/readaloud';
export const TRUSTED_CLIENT_TOKEN = '6A5AA1D4EAFF4E9FB37E23D68491D6F4';
export const CHROMIUM_FULL_VERSION = '130.0.2849.68';
/**
 * The only output formats the consumer endpoint serves are the ones Edge itself asks for (MP3 and WebM); edge-tts'
 * maintainer reports that other formats (riff/raw PCM) return nothing or get the client blocked (rany2/edge-tts #57,
 * #263, #392). So Edge audio is MP3 and is decoded with ffmpeg (decode.ts).
 */
export const EDGE_OUTPUT_FORMAT = 'audio-24khz-48kbitrate-mono-mp3';

/** Seconds between 1601-01-01 (Windows file time epoch) and 1970-01-01. */
const WINDOWS_EPOCH_OFFSET_S = 11_644_473_600n;
/** Sec-MS-GEC changes every 5 minutes: ticks are rounded down to a multiple of 3e9 × 100 ns. */
const GEC_WINDOW_S = 300n;

/**
 * Sec-MS-GEC: uppercase hex SHA-256 of `<Windows file time in 100-ns ticks, rounded down to 5 min><client token>`.
 * BigInt because the tick count (~1.3e17) is beyond Number's exact integer range.
 */
export function secMsGec(nowMs: number, token = TRUSTED_CLIENT_TOKEN): string {
  let seconds = BigInt(Math.floor(nowMs / 1000)) + WINDOWS_EPOCH_OFFSET_S;
  seconds -= seconds % GEC_WINDOW_S;
  const ticks = seconds * 10_000_000n;
  return createHash('sha256').update(`${ticks}${token}`, 'ascii').digest('hex').toUpperCase();
}

export function secMsGecVersion(chromiumVersion = CHROMIUM_FULL_VERSION): string {
  return `1-${chromiumVersion}`;
}

/** A UUID without dashes: the form the service uses for ConnectionId and X-RequestId. */
export function connectId(): string {
  return randomUUID().replaceAll('-', '');
}

export function synthesisUrl(baseUrl: string, nowMs: number, chromiumVersion = CHROMIUM_FULL_VERSION, token = TRUSTED_CLIENT_TOKEN): string {
  const ws = baseUrl.replace(/^http/, 'ws');
  return `${ws}/edge/v1?TrustedClientToken=${token}&Sec-MS-GEC=${secMsGec(nowMs, token)}` +
    `&Sec-MS-GEC-Version=${secMsGecVersion(chromiumVersion)}&ConnectionId=${connectId()}`;
}

export function voicesUrl(baseUrl: string, nowMs: number, chromiumVersion = CHROMIUM_FULL_VERSION, token = TRUSTED_CLIENT_TOKEN): string {
  return `${baseUrl}/voices/list?trustedclienttoken=${token}&Sec-MS-GEC=${secMsGec(nowMs, token)}&Sec-MS-GEC-Version=${secMsGecVersion(chromiumVersion)}`;
}

/** Headers Edge sends on the WebSocket upgrade; the Origin is the Read-aloud extension's. */
export function edgeHeaders(chromiumVersion = CHROMIUM_FULL_VERSION): Record<string, string> {
  const major = chromiumVersion.split('.')[0];
  return {
    Pragma: 'no-cache',
    'Cache-Control': 'no-cache',
    Origin: 'chrome-extension://jdiccldimpdaibmpdkjnbmckianbfold',
    'User-Agent': `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36 Edg/${major}.0.0.0`,
    'Accept-Encoding': 'gzip, deflate, br',
    'Accept-Language': 'en-US,en;q=0.9',
  };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** JavaScript `Date.prototype.toString()` format, always in UTC, as the browser extension sends it. */
export function edgeTimestamp(nowMs: number): string {
  const d = new Date(nowMs);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${d.getUTCFullYear()} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} GMT+0000 (Coordinated Universal Time)`;
}

export function speechConfigMessage(nowMs: number, outputFormat = EDGE_OUTPUT_FORMAT): string {
  // Edge sends the boundary flags as strings, not booleans; edge-tts copies that and so do we.
  const config = { context: { synthesis: { audio: { metadataoptions: { sentenceBoundaryEnabled: 'false', wordBoundaryEnabled: 'true' }, outputFormat } } } };
  return `X-Timestamp:${edgeTimestamp(nowMs)}\r\nContent-Type:application/json; charset=utf-8\r\nPath:speech.config\r\n\r\n${JSON.stringify(config)}\r\n`;
}

export function ssmlMessage(requestId: string, nowMs: number, ssml: string): string {
  // The trailing "Z" after a non-ISO date is what Edge sends (a bug in Edge, reproduced on purpose).
  return `X-RequestId:${requestId}\r\nContent-Type:application/ssml+xml\r\nX-Timestamp:${edgeTimestamp(nowMs)}Z\r\nPath:ssml\r\n\r\n${ssml}`;
}

/** `en-US-AriaNeural` → `Microsoft Server Speech Text to Speech Voice (en-US, AriaNeural)`, the form Edge sends. */
export function longVoiceName(voice: string): string {
  if (/^Microsoft Server Speech Text to Speech Voice \(.+,.+\)$/.test(voice)) return voice;
  const m = /^([a-z]{2,3})-([A-Z]{2,3})-(.+Neural)$/.exec(voice);
  if (!m) throw new VideogenError('TTS_FAILED', `"${voice}" is not an Edge voice id; expected e.g. en-US-AriaNeural`, { voice });
  const lang = m[1]!;
  let region = m[2]!;
  let name = m[3]!;
  // Voices like zh-CN-liaoning-XiaobeiNeural carry a sub-region inside the name part.
  const dash = name.indexOf('-');
  if (dash >= 0) {
    region = `${region}-${name.slice(0, dash)}`;
    name = name.slice(dash + 1);
  }
  return `Microsoft Server Speech Text to Speech Voice (${lang}-${region}, ${name})`;
}

/** Speaking-rate multiplier → SSML prosody rate (`1.25` → `+25%`). */
export function prosodyRate(rate = 1): string {
  const pct = Math.round((rate - 1) * 100);
  return `${pct >= 0 ? '+' : ''}${pct}%`;
}

/** Escapes XML text and blanks control characters the service rejects (common in OCR'd PDFs). */
export function escapeSsmlText(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, ' ')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function buildSsml(escapedText: string, voice: string, rate: string): string {
  return "<speak version='1.0' xmlns='http://www.w3.org/2001/10/synthesis' xml:lang='en-US'>" +
    `<voice name='${longVoiceName(voice)}'><prosody pitch='+0Hz' rate='${rate}' volume='+0%'>${escapedText}</prosody></voice></speak>`;
}

/** Largest SSML body per message: the service drops WebSocket messages over 64 KiB, minus headers and a margin. */
export const MAX_SSML_TEXT_BYTES = 65_536 - 1_024;

/**
 * Splits escaped text into chunks of at most `maxBytes` UTF-8 bytes, preferring newlines then spaces, never inside a
 * character or an XML entity such as `&amp;`.
 */
export function splitText(escaped: string, maxBytes = MAX_SSML_TEXT_BYTES): string[] {
  const chunks: string[] = [];
  const enc = new TextEncoder();
  let rest = escaped.trim();
  while (enc.encode(rest).length > maxBytes) {
    // Largest prefix (in code points) within the byte limit.
    let end = 0;
    let bytes = 0;
    for (const ch of rest) {
      const b = enc.encode(ch).length;
      if (bytes + b > maxBytes) break;
      bytes += b;
      end += ch.length;
    }
    let cut = rest.lastIndexOf('\n', end);
    if (cut <= 0) cut = rest.lastIndexOf(' ', end);
    if (cut <= 0) cut = end;
    const amp = rest.lastIndexOf('&', cut - 1);
    if (amp >= 0 && rest.indexOf(';', amp) >= cut) cut = amp > 0 ? amp : cut;
    const chunk = rest.slice(0, cut).trim();
    if (chunk) chunks.push(chunk);
    rest = rest.slice(cut).trim();
  }
  if (rest) chunks.push(rest);
  return chunks;
}

/** Splits a text frame `Header:value\r\n…\r\n\r\nbody`. */
export function parseTextFrame(frame: string): { headers: Record<string, string>; body: string } {
  const split = frame.indexOf('\r\n\r\n');
  const head = split >= 0 ? frame.slice(0, split) : frame;
  return { headers: parseHeaderLines(head), body: split >= 0 ? frame.slice(split + 4) : '' };
}

/** Binary frames: 2-byte big-endian header length, headers, then the audio payload. */
export function parseBinaryFrame(frame: Uint8Array): { headers: Record<string, string>; data: Uint8Array } {
  if (frame.length < 2) throw new VideogenError('TTS_FAILED', 'Edge sent a binary frame without a header length');
  const length = (frame[0]! << 8) | frame[1]!;
  if (length + 2 > frame.length) throw new VideogenError('TTS_FAILED', 'Edge sent a binary frame shorter than its header');
  const head = new TextDecoder().decode(frame.subarray(2, 2 + length));
  return { headers: parseHeaderLines(head), data: frame.subarray(2 + length) };
}

function parseHeaderLines(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon)] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** `audio.metadata` JSON → word boundaries in ms (the service counts in 100-ns ticks). */
export function parseWordBoundaries(body: string, offsetMs = 0): WordBoundary[] {
  const parsed = JSON.parse(body) as { Metadata?: Array<{ Type?: string; Data?: { Offset?: number; Duration?: number; text?: { Text?: string } } }> };
  const words: WordBoundary[] = [];
  for (const m of parsed.Metadata ?? []) {
    if (m.Type !== 'WordBoundary' || !m.Data) continue;
    words.push({ text: m.Data.text?.Text ?? '', offsetMs: offsetMs + (m.Data.Offset ?? 0) / 10_000, durationMs: (m.Data.Duration ?? 0) / 10_000 });
  }
  return words;
}
