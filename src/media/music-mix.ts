import { findFfmpeg } from './ffmpeg-path.ts';
import type { MediaTools } from './ffmpeg-path.ts';
import { writeAtomically } from './atomic.ts';
import { runTool } from './process.ts';
import { MIX_RATE } from './audio.ts';
import { DUCK_COMPRESSOR } from './duck-key.ts';

/**
 * One ffmpeg filter graph that puts music and footage sound under the narration (QUALITY "Sound"): the music looped
 * to the video with crossfades at the loop points, faded in and out, set to its loudness by a fixed gain; footage beds
 * placed, trimmed and edge-faded; both summed and ducked by the key of duck-key.ts; then the voice added on top.
 * Every filter used exists in ffmpeg 4.1 (the npm fallback) as in 5.1: no `amix normalize`, no `adelay all`.
 */

export const MUSIC_FADE_IN_SECONDS = 1.5;
export const MUSIC_FADE_OUT_SECONDS = 2.5;
/** Overlap of two copies of the music at a loop point (at most a quarter of the track). */
export const LOOP_CROSSFADE_SECONDS = 2;
/** Footage sound starts and stops with a short fade: a cut mid-waveform clicks. */
const BED_EDGE_SECONDS = 0.05;
export interface MixMusic {
  path: string;
  /** Fixed gain that puts the music alone at its target loudness, dB. */
  gainDb: number;
  /** Seconds of audio in the file. */
  durationSec: number;
}

export interface MixBed {
  path: string;
  gainDb: number;
  /** Track sample at which the bed starts, and how many samples it lasts. */
  atSample: number;
  samples: number;
  /** Seconds into the clip. */
  sourceStart: number;
  /** Seconds into the clip where the scene's window ends; looping repeats [sourceStart, sourceEnd) as the picture does. */
  sourceEnd?: number;
  loop: boolean;
}

export interface SoundtrackMix {
  /** The narration, mono 48 kHz, already at its loudness. */
  voice: string;
  /** Gain on the voice, dB (0 = as normalised; raised when long music-only stretches pull the mix's loudness down). */
  voiceGainDb?: number;
  /** The ducking key (duck-key.ts), mono 48 kHz, as long as the track. */
  key: string;
  music?: MixMusic;
  beds: readonly MixBed[];
  totalSamples: number;
}

export interface LoopPlan {
  copies: number;
  crossfadeSamples: number;
  /** Every copy is cut to this many samples (the track's length)… */
  copySamples: number;
  /** …and the last one to this, so the chain ends exactly at the video's end. */
  lastCopySamples: number;
}

/**
 * How many copies of a `musicSamples`-long track, overlapped by the crossfade, cover `totalSamples`: n copies last
 * n·M − (n−1)·X samples. Each copy is trimmed on its way in, so the chain can never run past the end: ffmpeg 4.1's
 * acrossfade crashes (SIGSEGV) when a filter after it closes the stream early, so nothing downstream may cut it.
 */
export function loopPlan(musicSamples: number, totalSamples: number, rate = MIX_RATE): LoopPlan {
  const M = Math.max(1, Math.floor(musicSamples));
  const X = Math.max(1, Math.min(Math.round(LOOP_CROSSFADE_SECONDS * rate), Math.floor(M / 4)));
  if (M >= totalSamples) return { copies: 1, crossfadeSamples: X, copySamples: M, lastCopySamples: totalSamples };
  const copies = Math.ceil((totalSamples - X) / (M - X));
  const before = (copies - 1) * M - (copies - 2) * X;
  return { copies, crossfadeSamples: X, copySamples: M, lastCopySamples: totalSamples - before + X };
}

const STEREO = `aresample=${MIX_RATE},aformat=sample_fmts=fltp:channel_layouts=stereo,asetpts=N/SR/TB`;

/** Sums stereo streams exactly (amerge + pan; ffmpeg 4.1's amix would divide by the input count). */
function sumStereo(labels: readonly string[], out: string): string {
  if (labels.length === 1) return `[${labels[0]}]anull[${out}]`;
  const left = labels.map((_, i) => `c${2 * i}`).join('+');
  const right = labels.map((_, i) => `c${2 * i + 1}`).join('+');
  return `${labels.map((l) => `[${l}]`).join('')}amerge=inputs=${labels.length},pan=stereo|c0=${left}|c1=${right},aformat=channel_layouts=stereo[${out}]`;
}

const dB = (gain: number) => `${gain.toFixed(3)}dB`;

/** The ffmpeg arguments (inputs and graph) that write the mixed, not yet loudness-normalised, track to `output`. */
export function soundtrackArgs(mix: SoundtrackMix, output: string): { args: string[]; graph: string } {
  const S = mix.totalSamples;
  const inputs: string[] = ['-i', mix.voice, '-i', mix.key];
  const chains: string[] = [
    // Mono voice to both channels at −3 dB each, so its stereo loudness equals the mono loudness it was normalised to.
    `[0:a]aresample=${MIX_RATE},aformat=sample_fmts=fltp:channel_layouts=mono,pan=stereo|c0=0.70711*c0|c1=0.70711*c0,volume=${dB(mix.voiceGainDb ?? 0)},aformat=channel_layouts=stereo[voice]`,
    // The key goes in as stereo too: ffmpeg 4.1's sidechaincompress cannot negotiate a mono key against stereo music.
    `[1:a]aresample=${MIX_RATE},aformat=sample_fmts=fltp:channel_layouts=mono,pan=stereo|c0=c0|c1=c0,aformat=channel_layouts=stereo[key]`,
  ];
  const background: string[] = [];
  let next = 2;
  if (mix.music) {
    const plan = loopPlan(Math.round(mix.music.durationSec * MIX_RATE), S);
    // Each copy is its own input, decoded as the crossfade reaches it: nothing the length of the track is buffered
    // (asplit or aloop would hold a whole copy in memory).
    for (let c = 0; c < plan.copies; c++) {
      inputs.push('-i', mix.music.path);
      chains.push(`[${next++}:a]${STEREO},atrim=end_sample=${c === plan.copies - 1 ? plan.lastCopySamples : plan.copySamples}[m${c}]`);
    }
    let looped = 'm0';
    for (let c = 1; c < plan.copies; c++) {
      chains.push(`[${looped}][m${c}]acrossfade=ns=${plan.crossfadeSamples}:c1=qsin:c2=qsin[mx${c}]`);
      looped = `mx${c}`;
    }
    const fadeIn = Math.round(Math.min(MUSIC_FADE_IN_SECONDS, S / MIX_RATE / 4) * MIX_RATE);
    const fadeOut = Math.round(Math.min(MUSIC_FADE_OUT_SECONDS, S / MIX_RATE / 3) * MIX_RATE);
    chains.push(
      // apad covers a track that decodes a little shorter than its container said; the chain is never longer.
      `[${looped}]volume=${dB(mix.music.gainDb)},afade=t=in:ss=0:ns=${Math.max(1, fadeIn)},` +
        `afade=t=out:ss=${S - fadeOut}:ns=${Math.max(1, fadeOut)},apad=whole_len=${S},atrim=end_sample=${S}[music]`,
    );
    background.push('music');
  }
  mix.beds.forEach((bed, b) => {
    // With a known window the stretch is cut in the graph and looped there (aloop), so the sound repeats exactly what the
    // picture repeats; -ss with -stream_loop would restart every later loop at the file's start.
    const samples = Math.max(1, Math.min(bed.samples, S - bed.atSample));
    let window = 'asetpts=N/SR/TB';
    if (bed.sourceEnd !== undefined) {
      const windowSamples = Math.max(1, Math.round((bed.sourceEnd - bed.sourceStart) * MIX_RATE));
      // A finite loop count: an endless aloop never ends its stream in ffmpeg 4.1 (the npm fallback), and the mix hangs.
      const repeats = Math.ceil(samples / windowSamples);
      window = `atrim=start=${bed.sourceStart.toFixed(6)}:end=${bed.sourceEnd.toFixed(6)},asetpts=N/SR/TB${bed.loop && windowSamples < samples ? `,aloop=loop=${repeats}:size=${windowSamples}` : ''}`;
    } else {
      if (bed.loop) inputs.push('-stream_loop', '-1');
      if (bed.sourceStart > 0) inputs.push('-ss', bed.sourceStart.toFixed(6));
    }
    inputs.push('-i', bed.path);
    const edge = Math.max(1, Math.min(Math.round(BED_EDGE_SECONDS * MIX_RATE), Math.floor(samples / 4)));
    chains.push(
      `[${next++}:a]${STEREO},${window},atrim=end_sample=${samples},volume=${dB(bed.gainDb)},afade=t=in:ss=0:ns=${edge},afade=t=out:ss=${samples - edge}:ns=${edge},` +
        `adelay=${bed.atSample}S|${bed.atSample}S,apad=whole_len=${S},atrim=end_sample=${S}[bed${b}]`,
    );
    background.push(`bed${b}`);
  });
  const { threshold, ratio, attackMs, releaseMs, knee } = DUCK_COMPRESSOR;
  chains.push(
    sumStereo(background, 'bg'),
    `[bg]aformat=sample_fmts=dbl:channel_layouts=stereo[bgd];[key]aformat=sample_fmts=dbl:channel_layouts=stereo[keyd];[bgd][keyd]sidechaincompress=threshold=${threshold}:ratio=${ratio}:attack=${attackMs}:release=${releaseMs}:knee=${knee}:detection=peak:makeup=1,aformat=channel_layouts=stereo[ducked]`,
    `[ducked][voice]amerge=inputs=2,pan=stereo|c0=c0+c2|c1=c1+c3,atrim=end_sample=${S}[mix]`,
  );
  const graph = chains.join(';');
  return {
    graph,
    args: [
      '-hide_banner', '-nostats', '-loglevel', 'error', '-y', ...inputs,
      '-filter_complex', graph, '-map', '[mix]', '-ar', String(MIX_RATE), '-c:a', 'pcm_f32le', '-f', 'wav', output,
    ],
  };
}

/**
 * Writes the mix as 32-bit float WAV (the sum may pass full scale; the loudness pass after it sets the level and the
 * true-peak ceiling), atomically.
 */
export async function mixSoundtrack(mix: SoundtrackMix, output: string, opts: { tools?: MediaTools; signal?: AbortSignal } = {}): Promise<string> {
  const tools = opts.tools ?? (await findFfmpeg());
  let graph = '';
  await writeAtomically(output, async (partial) => {
    const built = soundtrackArgs(mix, partial);
    graph = built.graph;
    await runTool(tools.ffmpeg, built.args, { signal: opts.signal });
  });
  return graph;
}
