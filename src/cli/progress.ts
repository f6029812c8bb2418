import type { RenderEvent } from '../pipeline/events.ts';

/** Renders pipeline events as one redrawn status line on a TTY, or JSON lines for machines. */
export function progressPrinter(opts: { json: boolean; stream?: NodeJS.WriteStream }): (event: RenderEvent) => void {
  const out = opts.stream ?? process.stderr;
  if (opts.json || !out.isTTY) return (event) => process.stdout.write(`${JSON.stringify(event)}\n`);
  let lastDraw = 0;
  const bar = (p: number, width = 24) => '█'.repeat(Math.round(p * width)).padEnd(width, '░');
  return (event) => {
    if (event.type === 'progress') {
      const now = Date.now();
      if (now - lastDraw < 100 && event.done < event.total) return;
      lastDraw = now;
      const p = event.total ? event.done / event.total : 1;
      const extra = [event.scene ? `scene ${event.scene}` : '', event.fps ? `${event.fps.toFixed(0)} fps` : '', event.etaSeconds !== undefined ? `ETA ${Math.ceil(event.etaSeconds)} s` : ''].filter(Boolean).join(' · ');
      out.write(`\r\x1b[2K${event.stage.padEnd(8)} ${bar(p)} ${(p * 100).toFixed(0).padStart(3)}%  ${extra}`);
    } else if (event.type === 'stage' && event.status === 'end') {
      out.write(`\r\x1b[2K✓ ${event.stage.padEnd(8)} ${((event.ms ?? 0) / 1000).toFixed(1)} s\n`);
    } else if (event.type === 'warning') {
      out.write(`\r\x1b[2Kwarning: ${event.message}\n`);
    } else if (event.type === 'done') {
      out.write(`\r\x1b[2KDone in ${event.seconds.toFixed(1)} s → ${event.outputDir}\n`);
      for (const [name, path] of Object.entries(event.files)) out.write(`  ${name.padEnd(10)} ${path}\n`);
    }
  };
}
