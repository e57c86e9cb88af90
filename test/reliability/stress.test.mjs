// LSP stress: 2,000 rapid incremental didChange on a TS document (and a JSON one beside it), with
// hover / codeAction / completion requests interleaved, some cancelled ($/cancelRequest).
// Checked: the server never crashes or logs an error; published diagnostics never go back to an
// older version; every published set equals a fresh analysis of the text of its version; after the
// last change the final diagnostics equal a fresh analysis (dist/core.js, tolerant) of the final text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startServer } from '../server/lsp-client.mjs';
import { Rng, generateSnippet, generateStatement, NAPCAT, MILKY } from '../fuzz/fuzz-core.mjs';

const require = createRequire(import.meta.url);
const core = require('../../dist/core.js');

const CHANGES = 2000;
const OK_ERRORS = new Set([-32800 /* RequestCancelled */, -32801 /* ContentModified */, -32802 /* ServerCancelled */]);

/** Lines split at \r\n, \r and \n (the CLI/LSP rule), independent of the server's code. */
function positionOf(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) { if (text.charCodeAt(i + 1) === 10 && i + 1 < offset) i++; line++; lineStart = i + 1; } else if (c === 10) { line++; lineStart = i + 1; }
  }
  return { line, character: offset - lineStart };
}

/** Expected diagnostics of a text: [code, startLine, startChar, endLine, endChar], sorted. */
function expectedOf(text, languageId) {
  const a = core.analyzeDocument(text, languageId, { tolerant: true });
  // Positions for all findings in one pass.
  const want = [];
  for (const f of a.findings) {
    const s = positionOf(text, f.start);
    const e = positionOf(text, f.end);
    want.push([f.kind, s.line, s.character, e.line, e.character]);
  }
  return want.sort(cmp);
}

function cmp(a, b) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

function gotOf(params) {
  return params.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]).sort(cmp);
}

/** A document we edit locally, mirroring what we send. */
class Doc {
  constructor(uri, languageId, text) {
    this.uri = uri;
    this.languageId = languageId;
    this.doc = TextDocument.create(uri, languageId, 1, text);
    this.texts = new Map([[1, text]]);
    this.cursor = 0;
  }
  get text() { return this.doc.getText(); }
  get version() { return this.doc.version; }
  /** Clamps an offset so that it never splits a \r\n (LSP positions cannot address that spot). */
  safe(off) {
    const t = this.text;
    off = Math.max(0, Math.min(off, t.length));
    if (off > 0 && t.charCodeAt(off - 1) === 13 && t.charCodeAt(off) === 10) off--;
    return off;
  }
  /** One LSP content change at [start, end) → newText, applied locally; returns the event. */
  edit(start, end, newText) {
    start = this.safe(start);
    end = this.safe(Math.max(start, end));
    const change = { range: { start: this.doc.positionAt(start), end: this.doc.positionAt(end) }, text: newText };
    this.doc = TextDocument.update(this.doc, [change], this.doc.version);
    this.cursor = start + newText.length;
    return change;
  }
  bump() {
    const v = this.doc.version + 1;
    this.doc = TextDocument.update(this.doc, [], v);
    this.texts.set(v, this.text);
    return v;
  }
}

/** A random realistic edit: typing, backspace, paste, delete, rename a name, line endings, junk. */
function randomChanges(r, d) {
  const n = r.chance(0.15) ? r.range(2, 3) : 1;
  const out = [];
  for (let k = 0; k < n; k++) {
    const t = d.text;
    // Keep the document between ~4 KB and ~30 KB: paste more when small, delete more when big.
    const big = t.length > 30_000;
    const small = t.length < 4_000;
    const kind = small && r.chance(0.3) ? 4 : r.int(big ? 12 : 10);
    if (kind <= 2) { // type one character at the cursor (a statement, char by char)
      d.pending ??= '';
      if (!d.pending) d.pending = d.languageId === 'json' ? ` "${r.pick(NAPCAT)}",` : `\n  ${generateStatement(r.int(1e9))}`;
      const ch = d.pending[0];
      d.pending = d.pending.slice(1);
      const at = d.cursor <= t.length ? d.cursor : t.length;
      out.push(d.edit(at, at, ch));
    } else if (kind === 3) { // backspace
      const at = d.safe(d.cursor);
      out.push(d.edit(Math.max(0, at - 1), at, ''));
    } else if (kind === 4) { // paste a statement at a line start
      const lines = [...t.matchAll(/\n/g)];
      const at = lines.length ? r.pick(lines).index + 1 : 0;
      const text = d.languageId === 'json' ? `"${r.pick(NAPCAT)}", ` : `${generateStatement(r.int(1e9))}\n`;
      out.push(d.edit(at, at, text));
    } else if (kind === 5) { // select a NapCat/Milky name and type another over it
      const names = [...t.matchAll(/[a-z]+(?:_[a-z]+)+/g)];
      if (!names.length) continue;
      const m = r.pick(names);
      out.push(d.edit(m.index, m.index + m[0].length, r.chance(0.5) ? r.pick(NAPCAT) : r.pick(MILKY)));
    } else if (kind === 6) { // junk that breaks the syntax for a while
      const at = r.int(t.length + 1);
      out.push(d.edit(at, at, r.pick(["'", '"', '`', '{', '}', '(', '${', '/*', '\r\n', '\r', '\uD800', '😀'])));
    } else if (kind === 7) { // undo-like: delete a short range
      const at = r.int(t.length + 1);
      out.push(d.edit(at, at + r.range(1, 30), ''));
    } else if (kind === 8) { // move the cursor
      d.cursor = r.int(t.length + 1);
      d.pending = '';
      const at = d.safe(d.cursor);
      out.push(d.edit(at, at, ' '));
    } else { // delete whole lines (more often when the document is big)
      const a = r.int(t.length + 1);
      const lineStart = t.lastIndexOf('\n', a - 1) + 1;
      let end = lineStart;
      for (let i = r.range(1, big ? 40 : 4); i > 0 && end < t.length; i--) { const nl = t.indexOf('\n', end); end = nl < 0 ? t.length : nl + 1; }
      out.push(d.edit(lineStart, end, ''));
    }
  }
  if (!out.length) out.push(d.edit(0, 0, ''));
  return out;
}

async function stress(settings, seed) {
  const c = await startServer({ settings });
  const published = [];
  const errorsLogged = [];
  // Keep the client's own map up to date, and log every publish in order.
  c.conn.onNotification('textDocument/publishDiagnostics', (p) => { c.diagnostics.set(p.uri, p); published.push({ ...p, at: Date.now() }); });
  c.conn.onNotification('window/logMessage', (p) => { if (p.type === 1) errorsLogged.push(p.message); });
  const r = new Rng(seed);
  const ts = new Doc('file:///stress/bot.ts', 'typescript', Array.from({ length: 12 }, (_, i) => generateSnippet(seed * 100 + i)).join('\n'));
  const json = new Doc('file:///stress/frames.jsonc', 'jsonc', generateSnippet(seed, 'json'));
  // Errors logged around start-up are reported by their own test; the storm must add none.
  await new Promise((res) => setTimeout(res, 300));
  const startupErrors = errorsLogged.splice(0);
  await c.open(ts.uri, 'typescript', ts.text, 1);
  await c.open(json.uri, 'jsonc', json.text, 1);
  const requests = [];
  let cancelled = 0;
  const sent = [];
  for (let step = 0; step < CHANGES; step++) {
    const d = step % 4 === 3 ? json : ts;
    const changes = randomChanges(r, d);
    const v = d.bump();
    sent.push(c.change(d.uri, v, changes));
    if (r.chance(0.35)) {
      const target = r.chance(0.8) ? ts : json;
      const off = r.int(target.text.length + 1);
      const position = target.doc.positionAt(off);
      const method = r.pick(['textDocument/hover', 'textDocument/codeAction', 'textDocument/completion']);
      const params = method === 'textDocument/codeAction'
        ? { textDocument: { uri: target.uri }, range: { start: position, end: target.doc.positionAt(Math.min(target.text.length, off + r.int(40))) }, context: { diagnostics: c.diagnostics.get(target.uri)?.diagnostics.slice(0, 3) ?? [], only: r.chance(0.3) ? ['source.fixAll'] : undefined } }
        : { textDocument: { uri: target.uri }, position };
      const cts = new CancellationTokenSource();
      const p = c.conn.sendRequest(method, params, cts.token).then((result) => ({ ok: true, method, result }), (error) => ({ ok: false, method, error }));
      requests.push(p);
      if (r.chance(0.3)) {
        cancelled++;
        if (r.chance(0.5)) cts.cancel(); else setTimeout(() => cts.cancel(), r.int(5));
      }
    }
    if (step % 10 === 9) await new Promise((res) => setImmediate(res));
    // A few pauses long enough for the debounce to fire in between: first let the server catch up
    // (a round trip), then stay quiet a little longer than the debounce, or a little shorter.
    if (r.chance(0.006)) {
      await c.request('textDocument/hover', { textDocument: { uri: ts.uri }, position: { line: 0, character: 0 } }).catch(() => {});
      await new Promise((res) => setTimeout(res, (settings.debounceMs ?? 200) + r.range(-40, 150)));
    }
  }
  await Promise.all(sent);
  const lastTs = ts.version;
  const lastJson = json.version;
  const results = await Promise.all(requests);
  for (const uri of [ts.uri, json.uri]) {
    const last = uri === ts.uri ? lastTs : lastJson;
    await c.waitForDiagnostics(uri, (p) => p.version === last, 30_000);
  }
  // Let anything still queued come out, then look at the whole log.
  await new Promise((res) => setTimeout(res, 600 + (settings.debounceMs ?? 200)));
  const alive = c.proc.exitCode === null;
  const hover = alive ? await c.request('textDocument/hover', { textDocument: { uri: ts.uri }, position: { line: 0, character: 0 } }).then(() => 'ok', (e) => String(e)) : 'dead';
  const stderr = c.stderr;
  await c.stop();
  return { ts, json, lastTs, lastJson, published, results, cancelled, errorsLogged, startupErrors, alive, hover, stderr };
}

function verify(res) {
  const { ts, json, published, results } = res;
  if (process.env.STRESS_VERBOSE) console.log(JSON.stringify({ publishedTs: published.filter((p) => p.uri === ts.uri).length, publishedJson: published.filter((p) => p.uri === json.uri).length, requests: results.length, answered: results.filter((x) => x.ok).length, cancelled: res.cancelled, cancelErrors: results.filter((x) => !x.ok).length, finalTsLen: ts.text.length, finalDiags: published.filter((p) => p.uri === ts.uri).at(-1)?.diagnostics.length, crlf: ts.text.includes('\r') }));
  assert.ok(res.alive, `server exited; stderr: ${res.stderr.slice(0, 2000)}`);
  assert.equal(res.hover, 'ok', 'the server still answers after the storm');
  assert.deepEqual(res.errorsLogged, [], 'no error logged by the server during the storm (uncaught exceptions are logged there)');
  // Requests: a result, or a cancellation / content-modified error; never an internal error.
  const bad = results.filter((x) => !x.ok && !OK_ERRORS.has(x.error?.code));
  assert.deepEqual(bad.map((x) => `${x.method}: ${x.error?.code} ${x.error?.message}`), [], 'requests fail only by cancellation');
  assert.ok(results.filter((x) => x.ok).length > 100, 'most requests answered');
  for (const d of [ts, json]) {
    const log = published.filter((p) => p.uri === d.uri);
    assert.ok(log.length >= 1, `diagnostics published for ${d.uri}`);
    let max = -Infinity;
    const stale = [];
    const mismatched = [];
    for (const p of log) {
      assert.equal(typeof p.version, 'number', `publishDiagnostics for ${d.uri} carries the version`);
      if (p.version < max) stale.push(`${p.version} after ${max}`);
      max = Math.max(max, p.version);
      const text = d.texts.get(p.version);
      assert.ok(text !== undefined, `published version ${p.version} was sent`);
      const want = expectedOf(text, d.languageId);
      const got = gotOf(p);
      if (JSON.stringify(want) !== JSON.stringify(got)) mismatched.push({ version: p.version, want: want.length, got: got.length, firstDiff: firstDiff(want, got) });
    }
    assert.deepEqual(stale, [], `no diagnostics for an older version after a newer one (${d.uri})`);
    const last = log[log.length - 1];
    const lastVersion = d === ts ? res.lastTs : res.lastJson;
    assert.equal(last.version, lastVersion, `the last publish is for the last version of ${d.uri}`);
    assert.deepEqual(gotOf(last), expectedOf(d.texts.get(lastVersion), d.languageId), `final diagnostics of ${d.uri} equal a fresh analysis of the final text`);
    assert.deepEqual(mismatched, [], `every published set equals a fresh analysis of its version (${d.uri})`);
  }
}

function firstDiff(a, b) {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return { index: i, want: a[i], got: b[i] };
  return undefined;
}

let startupErrors;

test('2,000 rapid didChange with debounceMs 0', { timeout: 180_000 }, async () => {
  const res = await stress({ debounceMs: 0 }, 11);
  startupErrors = res.startupErrors;
  verify(res);
  assert.ok(res.published.filter((p) => p.uri === res.ts.uri).length > 10, 'with no debounce, intermediate versions are published too');
});

test('2,000 rapid didChange with the default debounce', { timeout: 180_000 }, async () => {
  const res = await stress({}, 23);
  verify(res);
});

// The stress client declares no workspace.workspaceFolders capability (like many editors): the
// server must still start without an error.
test('the server starts without logging an error (client without workspaceFolders support)', () => {
  assert.ok(startupErrors, 'the first stress run got as far as opening documents');
  assert.deepEqual(startupErrors, []);
});
