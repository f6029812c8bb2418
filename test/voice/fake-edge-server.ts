import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

/**
 * A local stand-in for speech.platform.bing.com that speaks the Read-aloud protocol: it records what the client sent
 * and answers an `ssml` message with turn.start, word-boundary metadata, framed audio and turn.end.
 */
export interface FakeEdgeOptions {
  /** Bytes to stream back (WAV or MP3). */
  audio: Uint8Array;
  contentType?: string;
  /** Word boundaries in 100-ns ticks, as the real service reports them. */
  words?: Array<{ text: string; offset: number; duration: number }>;
  /** The first N upgrade attempts are answered with this HTTP status (or a dropped socket for 'reset'). */
  failFirst?: { count: number; with: number | 'reset' };
  /** Accept the connection but never answer (abort/timeout tests). */
  stall?: boolean;
  voices?: unknown[];
}

export interface ReceivedConnection {
  url: URL;
  headers: IncomingHttpHeaders;
  messages: string[];
}

export interface FakeEdgeServer {
  baseUrl: string;
  connections: ReceivedConnection[];
  /** Upgrade attempts, including refused ones. */
  attempts: number;
  close(): Promise<void>;
}

const PATH = '/consumer/speech/synthesize/readaloud';

function binaryFrame(headers: string, data: Uint8Array): Buffer {
  const head = Buffer.from(headers, 'utf8');
  const out = Buffer.alloc(2 + head.length + data.length);
  out.writeUInt16BE(head.length, 0);
  head.copy(out, 2);
  Buffer.from(data.buffer, data.byteOffset, data.byteLength).copy(out, 2 + head.length);
  return out;
}

export async function startFakeEdge(options: FakeEdgeOptions): Promise<FakeEdgeServer> {
  const state: FakeEdgeServer = { baseUrl: '', connections: [], attempts: 0, close: async () => {} };
  const wss = new WebSocketServer({ noServer: true });
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith(`${PATH}/voices/list`)) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(options.voices ?? []));
      return;
    }
    res.writeHead(404).end();
  });

  server.on('upgrade', (req, socket, head) => {
    state.attempts++;
    const fail = options.failFirst;
    if (fail && state.attempts <= fail.count) {
      if (fail.with === 'reset') socket.destroy();
      else socket.end(`HTTP/1.1 ${fail.with} Unavailable\r\nDate: ${new Date().toUTCString()}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== `${PATH}/edge/v1`) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const conn: ReceivedConnection = { url, headers: req.headers, messages: [] };
      state.connections.push(conn);
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        const text = data.toString();
        conn.messages.push(text);
        if (!text.includes('Path:ssml') || options.stall) return;
        const requestId = /X-RequestId:([0-9a-f]+)/.exec(text)?.[1] ?? '';
        const textHead = (path: string) => `X-RequestId:${requestId}\r\nContent-Type:application/json; charset=utf-8\r\nPath:${path}\r\n\r\n`;
        ws.send(`X-RequestId:${requestId}\r\nContent-Type:application/json; charset=utf-8\r\nPath:turn.start\r\n\r\n{"context":{"serviceTag":"fake"}}`);
        for (const w of options.words ?? []) {
          const meta = { Metadata: [{ Type: 'WordBoundary', Data: { Offset: w.offset, Duration: w.duration, text: { Text: w.text, Length: w.text.length, BoundaryType: 'WordBoundary' } } }] };
          ws.send(textHead('audio.metadata') + JSON.stringify(meta));
        }
        const audioHead = `X-RequestId:${requestId}\r\nContent-Type:${options.contentType ?? 'audio/mpeg'}\r\nX-StreamId:ABC\r\nPath:audio\r\n`;
        // Real frames are a few KiB each; splitting exercises reassembly.
        for (let at = 0; at < options.audio.length; at += 4096) ws.send(binaryFrame(audioHead, options.audio.subarray(at, at + 4096)));
        ws.send(binaryFrame(`X-RequestId:${requestId}\r\nX-StreamId:ABC\r\nPath:audio\r\n`, new Uint8Array(0)));
        ws.send(textHead('audio.metadata') + JSON.stringify({ Metadata: [{ Type: 'SessionEnd', Data: { Offset: 0 } }] }));
        ws.send(`${textHead('turn.end')}{}`);
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.baseUrl = `http://127.0.0.1:${port}${PATH}`;
  state.close = () => new Promise<void>((resolve) => {
    for (const client of wss.clients) client.terminate();
    wss.close();
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return state;
}
