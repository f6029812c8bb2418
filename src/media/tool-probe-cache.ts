import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../util/files.ts';
import type { FfmpegCapabilities } from './ffmpeg-path.ts';

/**
 * What asking ffmpeg and ffprobe about themselves found, kept on disk per pair of binaries: asking costs four process
 * starts (~0.3 s of CPU and ~0.1 s before a render can begin, on 2 cores) in every render process, and the answer
 * changes only when a binary does.
 */
const ProbedSchema = z.object({
  version: z.string(),
  ffprobeVersion: z.string(),
  capabilities: z.object({ libx264: z.boolean(), aac: z.boolean(), xfade: z.boolean(), loudnorm: z.boolean(), ebur128: z.boolean(), movText: z.boolean() }) satisfies z.ZodType<FfmpegCapabilities>,
});
export type ProbedTools = z.infer<typeof ProbedSchema>;

/**
 * The file for this pair of binaries: their paths and what stat says of them (inode, size, change and modification
 * times), so a binary replaced, upgraded or rebuilt in place is asked again.
 */
async function entryFor(dir: string, ffmpeg: string, ffprobe: string): Promise<string> {
  const hash = createHash('sha256');
  for (const bin of [ffmpeg, ffprobe]) {
    const s = await stat(bin);
    hash.update(JSON.stringify([bin, s.dev, s.ino, s.size, s.mtimeMs, s.ctimeMs]));
  }
  return join(dir, 'tools', `${hash.digest('hex').slice(0, 32)}.json`);
}

/**
 * The recorded answer for these binaries, or else `probe()`'s, then recorded. A missing, unreadable or malformed
 * record is asked again; a record that cannot be written costs only the next process the same probe.
 */
export async function cachedProbe(dir: string, ffmpeg: string, ffprobe: string, probe: () => Promise<ProbedTools>): Promise<ProbedTools> {
  const entry = await entryFor(dir, ffmpeg, ffprobe);
  try {
    const recorded = ProbedSchema.safeParse(JSON.parse(await readFile(entry, 'utf8')));
    if (recorded.success) return recorded.data;
  } catch {
    // not recorded yet, or unreadable: ask
  }
  const probed = await probe();
  await writeFileAtomic(entry, JSON.stringify(probed)).catch(() => undefined);
  return probed;
}
