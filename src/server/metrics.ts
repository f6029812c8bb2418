/**
 * A minimal Prometheus registry (text exposition format 0.0.4): counters and gauges with labels, and histograms with
 * fixed buckets. Small enough to own, and the service needs nothing more.
 */
type Labels = Record<string, string>;

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (labels: Labels) => {
  const keys = Object.keys(labels);
  return keys.length ? `{${keys.map((k) => `${k}="${escape(labels[k]!)}"`).join(',')}}` : '';
};
const keyOf = (labels: Labels) => JSON.stringify(Object.entries(labels).sort());
const num = (n: number) => (Number.isFinite(n) ? String(n) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN');

class Gauge {
  readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(readonly name: string, readonly help: string, readonly type: 'gauge' | 'counter' = 'gauge') {}
  set(labels: Labels, value: number): void {
    this.values.set(keyOf(labels), { labels, value });
  }
  inc(labels: Labels, by = 1): void {
    const entry = this.values.get(keyOf(labels));
    this.set(labels, (entry?.value ?? 0) + by);
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} ${this.type}`];
    for (const { labels, value } of this.values.values()) lines.push(`${this.name}${labelText(labels)} ${num(value)}`);
    return lines.join('\n');
  }
}

class Histogram {
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(readonly name: string, readonly help: string, readonly buckets: readonly number[]) {}
  observe(labels: Labels, value: number): void {
    const key = keyOf(labels);
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    this.buckets.forEach((b, i) => {
      if (value <= b) s.counts[i]!++;
    });
    s.sum += value;
    s.count++;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const s of this.series.values()) {
      this.buckets.forEach((b, i) => lines.push(`${this.name}_bucket${labelText({ ...s.labels, le: num(b) })} ${s.counts[i]}`));
      lines.push(`${this.name}_bucket${labelText({ ...s.labels, le: '+Inf' })} ${s.count}`);
      lines.push(`${this.name}_sum${labelText(s.labels)} ${s.sum}`);
      lines.push(`${this.name}_count${labelText(s.labels)} ${s.count}`);
    }
    return lines.join('\n');
  }
}

export class Metrics {
  readonly jobsByState = new Gauge('videogen_jobs', 'Jobs in the store by state.');
  readonly renderFps = new Gauge('videogen_render_fps', 'Frames per second of the latest render progress report, by job.');
  readonly jobEvents = new Gauge('videogen_job_events_total', 'Job events seen by this server, by type.', 'counter');
  readonly stageSeconds = new Histogram('videogen_stage_duration_seconds', 'Duration of pipeline stages.', [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600]);
  readonly httpSeconds = new Histogram('videogen_http_request_duration_seconds', 'HTTP request duration by route and status.', [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);

  render(): string {
    return `${[this.jobsByState, this.renderFps, this.jobEvents, this.stageSeconds, this.httpSeconds].map((m) => m.render()).join('\n')}\n`;
  }

  /** Stage each running job is in and since when (ms), so stage durations can be observed from progress events. */
  private readonly stages = new Map<string, { stage: string; since: number }>();

  /**
   * Reads pipeline facts out of job events: workers report `{ stage, progress, fps }` snapshots (throttled), so a
   * stage's duration is the time between the first snapshot naming it and the first naming the next one (or the end).
   */
  observeJobEvent(jobId: string, type: string, data: Record<string, unknown>, state: string, now = Date.now()): void {
    this.jobEvents.inc({ type });
    if (typeof data.fps === 'number') this.renderFps.set({ job: jobId }, data.fps);
    const current = this.stages.get(jobId);
    const ended = state !== 'running' && state !== 'queued';
    if (typeof data.stage === 'string' && !ended && current?.stage !== data.stage) {
      if (current) this.stageSeconds.observe({ stage: current.stage }, (now - current.since) / 1000);
      this.stages.set(jobId, { stage: data.stage, since: now });
    }
    if (ended) {
      if (current && state === 'succeeded') this.stageSeconds.observe({ stage: current.stage }, (now - current.since) / 1000);
      this.stages.delete(jobId);
      this.renderFps.values.delete(keyOf({ job: jobId }));
    }
  }
}
