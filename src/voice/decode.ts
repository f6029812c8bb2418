import { spawn } from 'node:child_process';
import { VideogenError } from '../errors.ts';
import { cancelled } from './async.ts';
import { isWav, parseWav, pcmFromS16le } from '../audio/wav.ts';
import type { PcmAudio } from '../audio/wav.ts';

/**
 * Turning a provider's audio bytes into PCM. WAV and raw s16le are handled in-process; compressed formats (Edge only
 * serves MP3) go through ffmpeg, which videogen needs for encoding anyway. The voice layer does not import media/, so
 * the ffmpeg path is injected by whoever builds the registry.
 */
export type AudioDecoder = (bytes: Uint8Array, signal?: AbortSignal) => Promise<PcmAudio>;

/** Decodes any format ffmpeg reads into mono s16le at `sampleRate` (default 24 kHz, the rate of every cloud voice). */
export function ffmpegDecoder(ffmpegPath = 'ffmpeg', sampleRate = 24_000): AudioDecoder {
  return (bytes, signal) => new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled(signal));
    const args = ['-hide_banner', '-loglevel', 'error', '-i', 'pipe:0', '-f', 's16le', '-acodec', 'pcm_s16le', '-ac', '1', '-ar', String(sampleRate), 'pipe:1'];
    const child = spawn(ffmpegPath, args, { stdio: ['pipe', 'pipe', 'pipe'], signal });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('error', (e) => {
      if (signal?.aborted) return reject(cancelled(signal));
      reject(new VideogenError('TTS_UNAVAILABLE', `cannot run ffmpeg (${ffmpegPath}) to decode speech audio: ${e.message}; install ffmpeg or set FFMPEG_PATH`, { ffmpegPath }, { cause: e }));
    });
    child.on('close', (code) => {
      if (signal?.aborted) return reject(cancelled(signal));
      if (code !== 0) return reject(new VideogenError('TTS_FAILED', `ffmpeg could not decode the speech audio: ${err.trim()}`, { ffmpegPath }));
      resolve({ pcm: pcmFromS16le(new Uint8Array(Buffer.concat(out))), sampleRate });
    });
    // ffmpeg may exit before reading all input when the data is invalid; that surfaces as its exit code instead.
    child.stdin.on('error', () => {});
    child.stdin.end(bytes);
  });
}

/**
 * Decodes bytes announced as an Azure/Edge output format: RIFF → WAV parser, `raw-<rate>-16bit-mono-pcm` → samples,
 * anything else (MP3, WebM/Opus) → the injected decoder.
 */
export async function decodeSpeechAudio(bytes: Uint8Array, format: string, decoder: AudioDecoder | undefined, signal?: AbortSignal): Promise<PcmAudio> {
  if (isWav(bytes)) return parseWav(bytes);
  const raw = /^raw-(\d+)(khz|hz)-16bit-mono-pcm$/.exec(format);
  if (raw) return { pcm: pcmFromS16le(bytes), sampleRate: Number(raw[1]) * (raw[2] === 'khz' ? 1000 : 1) };
  if (!decoder) throw new VideogenError('TTS_UNAVAILABLE', `no decoder for ${format} speech audio; configure ffmpeg`, { format });
  return decoder(bytes, signal);
}
