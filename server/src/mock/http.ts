/** The HTTP side of the mock: POST /api/<endpoint> with its statuses and verdicts; every request is logged. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { napcatEntry, resolveNapcat } from '../core/catalog';
import type { Locale } from '../shared/locale';
import { authorized } from './auth';
import type { RequestLog } from './log';
import { say, type MessageKey } from './messages';
import { sampleOutput, type SampleState } from './sample';
import { endpoints, type Schema } from './schema';
import { validateInput, type Problem } from './validate';

export const DEFAULT_BODY_LIMIT = 16 * 1024 * 1024;
/** Deeper bodies are refused before the schema sees them (no bot nests forwards this deep). */
export const MAX_DEPTH = 64;

/** How deep arrays and objects nest in a parsed JSON value; iterative, so any depth is safe. */
function nestingDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d + 1 > max) max = d + 1;
    if (max > MAX_DEPTH) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

export interface ApiContext {
  token?: string;
  locale: Locale;
  lenient: boolean;
  bodyLimit: number;
  log: RequestLog;
  state: SampleState;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** A problem of the request as a whole (not of one field): the reason of an HTTP error. */
export function requestProblem(locale: Locale, code: MessageKey, vars: Record<string, string | number> = {}): Problem {
  return { path: '', code, message: say(locale, code, vars) };
}

/** An HTTP error with Milky's failure envelope and the HTTP status as retcode; logged with its reason. */
export function fail(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, status: number, problem: Problem, endpoint: string | null, headers: Record<string, string> = {}): void {
  send(res, status, { status: 'failed', retcode: status, message: problem.message }, headers);
  ctx.log.record({ method: req.method ?? '?', path: pathOf(req), endpoint, status, ok: false, retcode: status, issues: [problem] });
}

export function pathOf(req: IncomingMessage): string {
  const raw = req.url ?? '/';
  const q = raw.indexOf('?');
  return q >= 0 ? raw.slice(0, q) : raw;
}

type Body = { ok: true; text: string } | { ok: false; status: number; problem: Problem };

/** Reads the body up to the limit; past it, answers 413 and drains (then drops) the rest. */
function readBody(req: IncomingMessage, limit: number, locale: Locale): Promise<Body | 'aborted'> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      resolve({ ok: false, status: 413, problem: requestProblem(locale, 'tooLarge', { limit }) });
      drain(req, limit);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (v: Body | 'aborted') => { if (!done) { done = true; resolve(v); } };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        finish({ ok: false, status: 413, problem: requestProblem(locale, 'tooLarge', { limit }) });
        drain(req, limit);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    req.on('aborted', () => finish('aborted'));
    req.on('error', () => finish('aborted'));
    req.on('close', () => { if (!req.complete) finish('aborted'); });
  });
}

/** Throws away what is left of a refused body, so the client can read the answer; a client that never stops is cut off. */
function drain(req: IncomingMessage, limit: number): void {
  let extra = 0;
  req.on('data', (chunk: Buffer) => {
    extra += chunk.length;
    if (extra > 4 * limit) req.socket.destroy();
  });
  req.resume();
}

function isJsonType(header: string | undefined): boolean {
  if (!header) return false;
  const media = header.split(';')[0].trim().toLowerCase();
  return media === 'application/json';
}

function notFound(name: string, locale: Locale): Problem {
  const napcat = resolveNapcat(name);
  const entry = napcat ? napcatEntry(napcat) : undefined;
  if (!entry) return requestProblem(locale, 'unknownEndpoint', { name });
  if (!entry.milky.length) return requestProblem(locale, 'napcatNoCounterpart', { name });
  return requestProblem(locale, 'napcatEndpoint', { name, milky: entry.milky.map((m) => `\`${m}\``).join(say(locale, 'orJoin')) });
}

/** Why a path outside /api/ and /event is a 404: a Milky or NapCat name without /api/, NapCat's /_events, or nothing known. */
export function otherPath(path: string, locale: Locale): Problem {
  const name = decodeURIComponentSafe(path.replace(/^\/+|\/+$/g, ''));
  if (endpoints.has(name)) return requestProblem(locale, 'missingApiPrefix', { path, name });
  if (name === '_events') return requestProblem(locale, 'napcatEvents', { path });
  const napcat = resolveNapcat(name);
  const entry = napcat ? napcatEntry(napcat) : undefined;
  if (entry?.milky.length) return requestProblem(locale, 'napcatPath', { path, name, milky: entry.milky.map((m) => `\`${m}\``).join(say(locale, 'orJoin')) });
  return requestProblem(locale, 'notFound', { path });
}

/** Handles one request under /api/. */
export async function handleApi(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const { locale } = ctx;
  const name = decodeURIComponentSafe(url.pathname.slice('/api/'.length));
  const endpoint = endpoints.get(name);
  // Counted under the name asked for when it looks like one (send_group_msg), not under any garbage.
  const logName = endpoint || /^[\w.-]{1,64}$/.test(name) ? name : null;
  if (req.method !== 'POST') {
    req.resume();
    return fail(ctx, req, res, 405, requestProblem(locale, 'methodNotAllowed', { method: req.method ?? '?', allow: 'POST' }), logName, { Allow: 'POST' });
  }
  if (!authorized(req, url, ctx.token, false)) {
    req.resume();
    return fail(ctx, req, res, 401, requestProblem(locale, url.searchParams.has('access_token') ? 'unauthorizedQuery' : 'unauthorized'), logName, { 'WWW-Authenticate': 'Bearer' });
  }
  if (!endpoint) {
    req.resume();
    return fail(ctx, req, res, 404, notFound(name, locale), logName);
  }
  if (!isJsonType(req.headers['content-type'])) {
    req.resume();
    return fail(ctx, req, res, 415, requestProblem(locale, 'unsupportedType', { got: req.headers['content-type'] ?? say(locale, 'nothing') }), name);
  }
  const body = await readBody(req, ctx.bodyLimit, locale);
  if (body === 'aborted') {
    ctx.log.record({ method: 'POST', path: pathOf(req), endpoint: name, status: 0, ok: false, issues: [requestProblem(locale, 'aborted')] });
    return;
  }
  if (!body.ok) return fail(ctx, req, res, body.status, body.problem, name, { Connection: 'close' });
  const text = body.text.replace(/^\uFEFF/, '');
  if (!text.trim()) return fail(ctx, req, res, 400, requestProblem(locale, 'emptyBody'), name);
  let value: unknown;
  try { value = JSON.parse(text); } catch (e) {
    return fail(ctx, req, res, 400, requestProblem(locale, 'malformedJson', { detail: (e as Error).message }), name);
  }
  const verdict = nestingDepth(value) > MAX_DEPTH
    ? { ok: false, problems: [requestProblem(locale, 'tooDeep', { max: MAX_DEPTH })], warnings: [] }
    : validateInput(endpoint, value, { locale, lenient: ctx.lenient });
  if (!verdict.ok) {
    const message = verdict.problems.map((p) => p.message).join('; ');
    send(res, 200, { status: 'failed', retcode: -400, message });
    ctx.log.record({ method: 'POST', path: pathOf(req), endpoint: name, status: 200, ok: false, retcode: -400, issues: verdict.problems, warnings: verdict.warnings });
    return;
  }
  const data = answer(endpoint.output, endpoint.input, value, ctx);
  send(res, 200, { status: 'ok', retcode: 0, data });
  ctx.log.record({ method: 'POST', path: pathOf(req), endpoint: name, status: 200, ok: true, retcode: 0, issues: [], warnings: verdict.warnings });
}

function answer(output: Schema | null, input: Schema | null, body: unknown, ctx: ApiContext): unknown {
  const parsed = input ? input.safeParse(body) : undefined;
  const data = sampleOutput(output, parsed?.success ? parsed.data : body, ctx.state);
  if (output) {
    const check = output.safeParse(data);
    if (!check.success) throw new Error(`sample data fails the output schema: ${JSON.stringify(check.error.issues.slice(0, 2))}`);
  }
  return data;
}

function decodeURIComponentSafe(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

export type { Problem };
