/** A minimal SSE reader for tests: parses `id:`, `event:` and `data:` fields until the server ends the stream. */
export interface SseEvent {
  id: number;
  event: string;
  data: Record<string, unknown>;
}

export async function readEvents(url: string, headers: Record<string, string>, opts: { onEvent?: (e: SseEvent) => void | Promise<void>; timeoutMs?: number; /** Stops reading (and closes the stream) once this holds for an event. */ until?: (e: SseEvent) => boolean } = {}): Promise<{ status: number; contentType: string | null; events: SseEvent[] }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? 120_000);
  const res = await fetch(url, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  if (res.status !== 200 || !res.body) {
    clearTimeout(timer);
    return { status: res.status, contentType: res.headers.get('content-type'), events };
  }
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    reading: for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields: Record<string, string> = {};
        for (const line of block.split('\n')) {
          if (!line || line.startsWith(':')) continue;
          const i = line.indexOf(':');
          fields[line.slice(0, i)] = line.slice(i + 1).trimStart();
        }
        if (fields.data === undefined) continue;
        const e = { id: Number(fields.id), event: fields.event ?? 'message', data: JSON.parse(fields.data) as Record<string, unknown> };
        events.push(e);
        await opts.onEvent?.(e);
        // Leaving the loop cancels the body stream, which closes the connection; aborting first would throw instead.
        if (opts.until?.(e)) break reading;
      }
    }
  } finally {
    clearTimeout(timer);
  }
  return { status: res.status, contentType: res.headers.get('content-type'), events };
}
