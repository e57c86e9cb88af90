/** `napcat-milky mock`: a local Milky 1.2 server for testing a migrated bot. See README "mock". */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Locale } from '../shared/locale';
import { MOCK_USAGE, MockUsageError, parseMockArgs } from './args';
import { demoEvents, EventsFileError, loadEvents } from './events';
import { DEFAULT_BODY_LIMIT, fail, handleApi, otherPath, requestProblem, type ApiContext } from './http';
import { RequestLog, type LogFormat } from './log';
import { say } from './messages';
import { SampleState } from './sample';
import { MILKY_VERSION } from './schema';
import { EventStream } from './stream';

export interface MockOptions {
  port?: number;
  host?: string;
  token?: string;
  /** The events of every /event connection; default: the demo. */
  events?: object[];
  log?: LogFormat;
  locale?: Locale;
  lenient?: boolean;
  /** Where log lines go (default: stdout). */
  write?: (line: string) => void;
  bodyLimit?: number;
  /** Delay before the first event and between events, in ms (default 100). */
  eventDelayMs?: number;
}

export interface MockServer {
  url: string;
  port: number;
  /** The summary of the requests so far, as printed on exit. */
  summary(): string;
  close(): Promise<void>;
}

export { validateInput } from './validate';
export { sampleOutput, SampleState } from './sample';
export { endpoints } from './schema';
export { sseFrame } from './stream';
export { demoEvents, loadEvents } from './events';

/** The request target as a URL: a path (even `//x`) stays a path; an absolute form is taken as is. */
function requestUrl(target: string | undefined): URL {
  const t = target ?? '/';
  return new URL(t.startsWith('/') ? `http://mock.invalid${t}` : t);
}

export function startMock(options: MockOptions = {}): Promise<MockServer> {
  const locale = options.locale ?? 'en';
  const write = options.write ?? ((line: string) => { process.stdout.write(line + '\n'); });
  const log = new RequestLog(options.log ?? 'text', locale, write);
  const ctx: ApiContext = {
    token: options.token, locale, lenient: options.lenient ?? false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT, log, state: new SampleState(),
  };
  const stream = new EventStream({ events: options.events ?? demoEvents(), token: options.token, locale, log, delayMs: options.eventDelayMs ?? 100 });

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    res.on('error', () => {});
    req.on('error', () => {});
    let url: URL;
    try { url = requestUrl(req.url); } catch {
      return fail(ctx, req, res, 400, requestProblem(locale, 'badRequest'), null);
    }
    const path = url.pathname;
    if (path.startsWith('/api/')) {
      handleApi(ctx, req, res, url).catch((e: unknown) => fail(ctx, req, res, 500, requestProblem(locale, 'internal', { detail: (e as Error)?.message ?? String(e) }), null));
      return;
    }
    req.resume();
    if (path === '/event') {
      if (req.method !== 'GET') return fail(ctx, req, res, 405, requestProblem(locale, 'methodNotAllowed', { method: req.method ?? '?', allow: 'GET' }), 'event', { Allow: 'GET' });
      return stream.handleSse(req, res, url, (status, problem) => fail(ctx, req, res, status, problem, 'event'));
    }
    return fail(ctx, req, res, 404, otherPath(path, locale), null);
  };

  const server = createServer({ requestTimeout: 60_000, headersTimeout: 20_000 }, (req, res) => {
    try { onRequest(req, res); } catch (e) {
      fail(ctx, req, res, 500, requestProblem(locale, 'internal', { detail: (e as Error)?.message ?? String(e) }), null);
    }
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => {});
    let url: URL;
    try { url = requestUrl(req.url); } catch { socket.destroy(); return; }
    if (url.pathname !== '/event') {
      const problem = otherPath(url.pathname, locale);
      const body = JSON.stringify({ status: 'failed', retcode: 404, message: problem.message });
      socket.end(`HTTP/1.1 404 Not Found\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      log.record({ method: req.method ?? 'GET', path: url.pathname, endpoint: null, status: 404, ok: false, retcode: 404, issues: [problem] });
      return;
    }
    try { stream.handleUpgrade(req, socket, head, url); } catch { socket.destroy(); }
  });
  // Garbage that is not HTTP: answer 400 when the socket can still take it, and go on.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code !== 'ECONNRESET' && socket.writable) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      const problem = requestProblem(locale, 'badRequest');
      log.record({ method: '-', path: '-', endpoint: null, status: 400, ok: false, retcode: 400, issues: [{ ...problem, message: `${problem.message} (${err.code ?? err.message})` }] });
    } else socket.destroy();
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      server.on('error', () => {});
      const address = server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      let closed: Promise<void> | undefined;
      resolve({
        url: `http://${host}:${address.port}`,
        port: address.port,
        summary: () => log.summary(),
        close: () => closed ??= new Promise<void>((done) => {
          stream.close();
          server.close(() => done());
          server.closeAllConnections();
        }),
      });
    });
  });
}

/** The CLI command: runs until SIGINT or SIGTERM, then prints the summary. Resolves with the exit code. */
export async function runMock(argv: string[]): Promise<number> {
  let args;
  try { args = parseMockArgs(argv); } catch (e) {
    if (e instanceof MockUsageError) { process.stderr.write(`napcat-milky mock: ${e.message}\n\n${MOCK_USAGE}`); return 2; }
    throw e;
  }
  if (args === 'help') { process.stdout.write(MOCK_USAGE); return 0; }
  let events: object[] | undefined;
  if (args.events !== undefined) {
    try { events = loadEvents(args.events, args.locale); } catch (e) {
      if (e instanceof EventsFileError) { process.stderr.write(`napcat-milky mock: ${e.message}\n`); return 2; }
      throw e;
    }
  }
  const write = (line: string) => { process.stdout.write(line + '\n'); };
  let server: MockServer;
  try {
    server = await startMock({ port: args.port, host: args.host, token: args.token, events, log: args.log, locale: args.locale, lenient: args.lenient, write });
  } catch (e) {
    process.stderr.write(`napcat-milky mock: cannot listen on ${args.host}:${args.port}: ${(e as Error).message}\n`);
    return 2;
  }
  const count = (events ?? demoEvents()).length;
  const banner = say(args.locale, 'listening', { version: MILKY_VERSION, url: server.url, token: args.token !== undefined ? say(args.locale, 'tokenOn') : '' });
  const eventsLine = events ? say(args.locale, 'eventsFrom', { count, file: args.events! }) : say(args.locale, 'eventsDemo', { count });
  if (args.log === 'json') write(JSON.stringify({ listening: server.url, milky: MILKY_VERSION, token: args.token !== undefined, events: count, eventsFile: args.events ?? null, lenient: args.lenient }));
  else write(`${banner}\n${eventsLine}`);
  return new Promise<number>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      write(server.summary());
      void server.close().then(() => resolve(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
