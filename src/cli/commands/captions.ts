import type { Command } from 'commander';
import { VideogenError } from '../../errors.ts';
import { safeToShow } from '../../spec/safe-text.ts';
// Light (timing constants and string rules); the help text quotes its limits.
import { CAPTION_RULES, lintCaptions, parseCaptionFile } from '../../writing/caption-lint.ts';

const clock = (s: number) => `${Math.floor(s / 60)}:${(s % 60).toFixed(3).padStart(6, '0')}`;

export function registerCaptions(program: Command): void {
  const captions = program.command('captions').description('Work with caption files.');
  captions
    .command('lint <file>')
    .description(`Check an .srt or .vtt file: ≤ ${CAPTION_RULES.maxLines} lines of ≤ 42 characters (16 for CJK), ≤ ${CAPTION_RULES.maxCps} characters a second, ${CAPTION_RULES.minSeconds}–${CAPTION_RULES.maxSeconds} s a cue, ≥ ${CAPTION_RULES.minGapFrames} frames between cues; prints every violation, exits 1 if any.`)
    .option('--fps <n>', 'frame rate of the video (for the gap rule)', '30')
    .option('--max-cps <n>', 'reading speed limit (13 for children and education)', String(CAPTION_RULES.maxCps))
    .option('--json', 'print the violations as JSON')
    .action(async (file: string, opts: { fps: string; maxCps: string; json?: boolean }) => {
      const shown = safeToShow(file, 200);
      if (!/\.(srt|vtt)$/i.test(file)) throw new VideogenError('USAGE', `captions lint reads .srt or .vtt files; ${shown} is neither`);
      const fps = Number(opts.fps);
      const maxCps = Number(opts.maxCps);
      if (!(fps > 0 && fps <= 240)) throw new VideogenError('USAGE', '--fps must be a number from 1 to 240');
      if (!(maxCps > 0 && maxCps <= 100)) throw new VideogenError('USAGE', '--max-cps must be a number from 1 to 100');
      // The document reader (encoding detection) loads only when a file is linted.
      const { decodeText, readDocumentFile } = await import('../../sources/document/read.ts');
      const cues = parseCaptionFile(decodeText(await readDocumentFile(file), file));
      if (cues.length === 0) throw new VideogenError('SOURCE_UNREADABLE', `${shown} has no cues (expected "00:00:01,000 --> 00:00:02,500" lines)`);
      const violations = lintCaptions(cues, { fps, maxCps });
      if (opts.json) process.stdout.write(`${JSON.stringify({ file, cues: cues.length, violations }, null, 2)}\n`);
      else {
        for (const v of violations) process.stdout.write(`${shown}: cue ${v.cue} at ${clock(v.start)}: ${v.rule}: ${safeToShow(v.message, 300)}\n`);
        process.stdout.write(violations.length ? `${violations.length} violation(s) in ${cues.length} cues\n` : `✓ ${shown}: ${cues.length} cues, no violations\n`);
      }
      if (violations.length) process.exitCode = 1;
    });
}
