// Shared helpers for the mock tests (not a test file itself): the built mock, the official schemas, HTTP in a few lines.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import http from 'node:http';

export const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'dist/cli.js');
export const mock = require('../../dist/mock.js');
/** The official schemas, straight from the package (not through the mock). */
export const milky = await import(require.resolve('@saltify/milky-types'));

/** Every official endpoint: name → { input, output } schemas. */
export const official = new Map(Object.values(milky.zodApiCategories).flatMap((c) => Object.entries(c.apis).map(([name, a]) => [name, { input: a.requestSchema, output: a.responseSchema }])));

/** Starts a mock whose log lines are collected in `lines`. */
export async function start(options = {}) {
  const lines = [];
  const server = await mock.startMock({ port: 0, write: (l) => lines.push(l), ...options });
  return { server, url: server.url, lines };
}

/** POSTs `body` (a value sent as JSON, or a string sent as is) and resolves with { status, headers, json, text }. */
export async function post(url, endpoint, body, { headers = {}, method = 'POST' } = {}) {
  const init = { method, headers: { 'content-type': 'application/json', ...headers }, signal: AbortSignal.timeout(10_000) };
  if (body !== undefined && method !== 'GET' && method !== 'HEAD') init.body = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const res = await fetch(`${url}/api/${endpoint}`, init);
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, json, text };
}

/** Opens GET `url` and collects raw bytes until `until(text)` is true or `ms` pass; resolves with { status, headers, text }. */
export function collect(url, { headers = {}, until = () => false, ms = 3000 } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      let text = '';
      const done = () => { clearTimeout(timer); req.destroy(); resolve({ status: res.statusCode, headers: res.headers, text }); };
      const timer = setTimeout(done, ms);
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; if (until(text)) done(); });
      res.on('end', done);
      res.on('error', () => {});
    });
    req.on('error', (e) => { if (e.code !== 'ECONNRESET') reject(e); });
  });
}
