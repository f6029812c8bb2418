/**
 * `npm run bench:cli`: how fast the compiled CLI starts, against a bare `node -e 0` measured in the same run (issue 16:
 * `--help`, `validate`, `schema` and `voices` within 4 × that). Median of RUNS runs each, with each process's own peak
 * RSS. Figures, not assertions: timing is never a test. `benchCli()` is exported for `npm run bench`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/videogen.mjs');
const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 7);
/** The goal: a start-up command costs at most this many bare node starts. */
const GOAL_RATIO = 4;

export interface CliFigure {
  label: string;
  medianSeconds: number;
  minSeconds: number;
  medianRssMb: number;
  ratio: number;
}

const CASES: { label: string; args: string[] }[] = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'videogen --help', args: [BIN, '--help'] },
  { label: 'videogen validate', args: [BIN, 'validate', join(ROOT, 'examples/all-kinds.yaml')] },
  { label: 'videogen schema', args: [BIN, 'schema'] },
  // The voice lists are remembered for a day (the unmeasured first run fills that cache); --refresh is the cold cost:
  // espeak-ng started twice and Edge's service asked (its built-in catalogue when offline).
  { label: 'videogen voices', args: [BIN, 'voices'] },
  { label: 'voices --refresh', args: [BIN, 'voices', '--refresh'] },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function benchCli(runs = RUNS): CliFigure[] {
  const work = mkdtempSync(join(tmpdir(), 'videogen-bench-cli-'));
  // Every process (the baseline too) reports its own peak RSS on exit, so the figure is the process, not its parent.
  // The cache (voice lists) is the run's own, not the user's.
  const probe = join(work, 'rss.mjs');
  writeFileSync(probe, "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n");
  try {
    const measured = CASES.map(({ label, args }) => {
      const seconds: number[] = [];
      const rss: number[] = [];
      // One unmeasured run first: the file-system cache, not the CLI, would otherwise dominate the first figure.
      for (let i = 0; i <= runs; i++) {
        const rssFile = join(work, 'rss.txt');
        const started = performance.now();
        const result = spawnSync(process.execPath, ['--import', probe, ...args], { encoding: 'utf8', env: { ...process.env, BENCH_RSS_FILE: rssFile, VIDEOGEN_NO_REBUILD: '1', VIDEOGEN_CACHE: join(work, 'cache') } });
        const elapsed = (performance.now() - started) / 1000;
        if (result.status !== 0) throw new Error(`${label} failed (exit ${result.status}): ${result.stderr.slice(0, 500)}`);
        if (i === 0) continue;
        seconds.push(elapsed);
        rss.push(Number(readFileSync(rssFile, 'utf8')) / 1024);
      }
      return { label, medianSeconds: median(seconds), minSeconds: Math.min(...seconds), medianRssMb: median(rss) };
    });
    const base = measured[0]!.medianSeconds;
    return measured.map((m) => ({ ...m, ratio: m.medianSeconds / base }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function printCli(figures: CliFigure[]): void {
  console.log(`\n== CLI start-up (median of ${RUNS} runs; goal ≤ ${GOAL_RATIO} × node -e 0)`);
  console.log(`${'command'.padEnd(20)}${'median s'.padStart(10)}${'min s'.padStart(8)}${'RSS MB'.padStart(9)}${'× node'.padStart(9)}`);
  for (const f of figures) {
    const verdict = f.label === 'node -e 0' ? '' : f.ratio <= GOAL_RATIO ? '  ok' : '  over';
    console.log(`${f.label.padEnd(20)}${f.medianSeconds.toFixed(3).padStart(10)}${f.minSeconds.toFixed(3).padStart(8)}${f.medianRssMb.toFixed(0).padStart(9)}${f.ratio.toFixed(2).padStart(9)}${verdict}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) printCli(benchCli());
