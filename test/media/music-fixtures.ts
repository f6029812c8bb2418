import { join } from 'node:path';
import type { MediaTools } from '../../src/media/ffmpeg-path.ts';
import { runTool } from '../../src/media/process.ts';
import { planTimeline, type TimelinePlan } from '../../src/timeline/index.ts';
import type { SceneNarration } from '../../src/pipeline/narrate.ts';
import { speechLike } from './synth.ts';

/** The music's probe tone: below any voice fundamental speechLike makes (102–198 Hz), so its level is the music's alone. */
export const PROBE_HZ = 60;
/** A music length that does not hold whole cycles of anything in it: a plain loop would jump at every seam. */
export const MUSIC_SECONDS = 7.37;

/**
 * A melody-like music bed made by ffmpeg: the 60 Hz probe tone, a four-note melody (440–770 Hz, each note swelling and
 * dying away) and a soft pink-noise wash, stereo AAC in .m4a like a real track.
 */
export async function makeMusic(tools: MediaTools, dir: string, seconds = MUSIC_SECONDS): Promise<string> {
  const out = join(dir, `music-${seconds}.m4a`);
  const melody = `0.25*sin(2*PI*${PROBE_HZ}*t)+0.2*pow(sin(PI*mod(2*t\\,1))\\,2)*sin(2*PI*(440+110*mod(floor(2*t)\\,4))*t)`;
  await runTool(tools.ffmpeg, [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `aevalsrc=${melody}:s=48000:d=${seconds}`,
    '-f', 'lavfi', '-i', `anoisesrc=c=pink:a=0.02:r=48000:d=${seconds}:seed=7`,
    '-filter_complex', '[0:a][1:a]amerge=inputs=2,pan=stereo|c0=c0+0.5*c1|c1=c0+0.5*c1[a]',
    '-map', '[a]', '-c:a', 'aac', '-b:a', '192k', '-f', 'mp4', out,
  ]);
  return out;
}

/** A short clip with a 2 kHz tone as its sound (footage whose own sound plays under the narration). */
export async function makeClipWithSound(tools: MediaTools, dir: string, seconds: number, hz = 2000): Promise<string> {
  const out = join(dir, `clip-${hz}.mp4`);
  await runTool(tools.ffmpeg, [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=s=160x90:r=30:d=${seconds}`,
    '-f', 'lavfi', '-i', `sine=f=${hz}:sample_rate=48000:d=${seconds}`,
    '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', '-shortest', '-f', 'mp4', out,
  ]);
  return out;
}

export interface SpokenVideo {
  plan: TimelinePlan;
  narration: SceneNarration[];
}

/**
 * A video of `scenes` where each entry is the seconds of each sentence (speech-like bursts) and the scene's minimum
 * length: an empty list is a silent scene, so music plays alone there.
 */
export function spokenVideo(scenes: { sentences: number[]; minDuration: number }[]): SpokenVideo {
  const narration: SceneNarration[] = scenes.map((s, i) => {
    const pcm = s.sentences.map((seconds) => speechLike(seconds, 48000, 6000));
    return {
      text: `scene ${i}`,
      voiceRef: 'test',
      provider: 'synth',
      voiceId: 'speech-like',
      sentences: pcm.map((p, n) => ({ text: `sentence ${i}.${n}`, samples: p.length })),
      pcm,
    };
  });
  const plan = planTimeline({ fps: 30, scenes: scenes.map((s, i) => ({ id: `s${i}`, minDuration: s.minDuration })), narration: narration.map((n) => n.sentences) });
  return { plan, narration };
}

/** Level (dBFS of a full-scale sine) of one frequency in pcm[from, to), by the Goertzel algorithm. */
export function toneLevelDb(pcm: Int16Array, hz: number, from: number, to: number, rate = 48000): number {
  const w = (2 * Math.PI * hz) / rate;
  const coeff = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  for (let i = from; i < to; i++) {
    const s0 = pcm[i]! / 32768 + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  const amplitude = (2 * Math.sqrt(power)) / (to - from);
  return 20 * Math.log10(Math.max(amplitude, 1e-9));
}

/** Decodes the first audio stream to interleaved 32-bit float at 48 kHz, `channels` channels. */
export async function decodeFloat(tools: MediaTools, file: string, channels = 2): Promise<Float32Array> {
  const { stdout } = await runTool(tools.ffmpeg, ['-hide_banner', '-loglevel', 'error', '-i', file, '-map', '0:a:0', '-ac', String(channels), '-ar', '48000', '-f', 'f32le', '-c:a', 'pcm_f32le', '-']);
  return new Float32Array(stdout.buffer.slice(stdout.byteOffset, stdout.byteOffset + stdout.length));
}
