/** GET /event: Server-Sent Events, or WebSocket on upgrade (the `ws` package); each connection replays the events from the start. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Locale } from '../shared/locale';
import { authorized } from './auth';
import type { RequestLog } from './log';
import { say } from './messages';
import type { Problem } from './validate';

export interface StreamOptions {
  events: object[];
  token?: string;
  locale: Locale;
  log: RequestLog;
  /** Delay before the first event and between two events (ms). */
  delayMs: number;
}

/** One SSE frame: `event: milky_event`, one `data:` line, a blank line; LF line ends. */
export function sseFrame(event: object): string {
  return `event: milky_event\ndata: ${JSON.stringify(event)}\n\n`;
}

export class EventStream {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sse = new Set<ServerResponse>();

  constructor(private readonly options: StreamOptions) {
    this.wss.on('error', () => {});
  }

  /** Sends every event in turn through `deliver` until it says the peer is gone. */
  private replay(deliver: (event: object) => boolean): void {
    const { events, delayMs } = this.options;
    let i = 0;
    const step = () => {
      this.timers.delete(timer);
      if (i >= events.length || !deliver(events[i++])) return;
      if (i < events.length) { timer = setTimeout(step, delayMs); this.timers.add(timer); }
    };
    let timer = setTimeout(step, delayMs);
    this.timers.add(timer);
  }

  private opened(req: IncomingMessage, path: string, transport: string): void {
    this.options.log.record({
      method: 'GET', path, endpoint: 'event', status: transport === 'websocket' ? 101 : 200, ok: true, issues: [],
      note: say(this.options.locale, 'eventOpen', { transport, count: this.options.events.length }),
    });
  }

  /** A plain GET /event: the SSE stream. */
  handleSse(req: IncomingMessage, res: ServerResponse, url: URL, fail: (status: number, problem: Problem) => void): void {
    if (!authorized(req, url, this.options.token, true)) return fail(401, { path: '', code: 'unauthorizedEvent', message: say(this.options.locale, 'unauthorizedEvent') });
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    this.sse.add(res);
    res.on('close', () => this.sse.delete(res));
    res.on('error', () => {});
    this.opened(req, url.pathname, 'sse');
    this.replay((event) => {
      if (res.destroyed || res.writableEnded) return false;
      res.write(sseFrame(event));
      return true;
    });
  }

  /** An upgrade request on /event: the WebSocket stream, one text frame per event. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void {
    socket.on('error', () => {});
    if (!authorized(req, url, this.options.token, true)) {
      const problem: Problem = { path: '', code: 'unauthorizedEvent', message: say(this.options.locale, 'unauthorizedEvent') };
      const body = JSON.stringify({ status: 'failed', retcode: 401, message: problem.message });
      socket.end(`HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      this.options.log.record({ method: 'GET', path: url.pathname, endpoint: 'event', status: 401, ok: false, retcode: 401, issues: [problem] });
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      ws.on('error', () => {});
      this.opened(req, url.pathname, 'websocket');
      this.replay((event) => {
        if (ws.readyState !== ws.OPEN) return false;
        ws.send(JSON.stringify(event));
        return true;
      });
    });
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const res of this.sse) res.destroy();
    this.sse.clear();
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }
}
