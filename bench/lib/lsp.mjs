// Language-server latency, memory and start time, measured by a client speaking LSP over stdio.
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createRandom } from './prng.mjs';
import { median, p95, round, summary } from './stats.mjs';
import { botFile, docUri, keystrokes, timeEdits, typeNewCall } from './lsp-scenarios.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-languageserver-protocol/node');

const LINES = 10_000;
const CALLS = 500;
const TIMEOUT_MS = 10_000;

/** The 10,000-line TS file with ~500 NapCat sites (variant `i` for the memory test). */
export function lspFile(names, seed, i = 0) {
  return botFile(names, seed, i, LINES, CALLS);
}

function withTimeout(p, ms, what) {
  let t;
  return Promise.race([p, new Promise((_, rej) => { t = setTimeout(() => rej(new Error(`timeout after ${ms} ms: ${what}`)), ms); })]).finally(() => clearTimeout(t));
}

export function rssOf(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? NaN);
    return { rssMB: round(kb('VmRSS') / 1024, 1), peakMB: round(kb('VmHWM') / 1024, 1) };
  } catch { return { rssMB: null, peakMB: null }; }
}

/** Starts the server and initializes it; `pull` advertises the pull-diagnostics capability. */
export async function startServer(serverPath, cwd, { pull, execArgv = [] }) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...execArgv, serverPath, '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { if (stderr.length < 20_000) stderr += d; });
  const exited = new Promise((res) => child.on('exit', (code, signal) => res({ code, signal })));
  const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const published = new Map(); // uri -> { version, diagnostics }
  const waiters = new Set();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    published.set(p.uri, p);
    for (const w of [...waiters]) if (w.test(p)) { waiters.delete(w); w.resolve(p); }
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map((it) => {
    const settings = { debounceMs: 0 };
    if (it.section === 'napcatMilky') return settings;
    if (it.section?.startsWith('napcatMilky.')) return settings[it.section.slice('napcatMilky.'.length)] ?? null;
    return null;
  }));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('client/unregisterCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('window/showMessageRequest', () => null);
  conn.onRequest('workspace/diagnostic/refresh', () => null);
  conn.onNotification('window/showMessage', () => {});
  conn.onNotification('window/logMessage', () => {});
  conn.onNotification('telemetry/event', () => {});
  conn.listen();
  const rootUri = pathToFileURL(cwd).href;
  const init = await withTimeout(conn.sendRequest('initialize', {
    processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], locale: 'en',
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: {
        synchronization: { didSave: true, dynamicRegistration: false },
        publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true, tagSupport: { valueSet: [1, 2] } },
        ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: true } },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
      },
    },
  }), TIMEOUT_MS, 'initialize');
  const startMs = performance.now() - t0;
  conn.sendNotification('initialized', {});
  const waitPublish = (uri, version) => {
    const cur = published.get(uri);
    if (cur && cur.uri === uri && (version === undefined || cur.version === version)) return Promise.resolve(cur);
    let w;
    const p = new Promise((resolve) => { w = { resolve, test: (x) => x.uri === uri && (version === undefined || x.version === version || x.version === undefined) }; waiters.add(w); });
    return withTimeout(p, TIMEOUT_MS, `publishDiagnostics ${uri} v${version}`).finally(() => waiters.delete(w));
  };
  const stop = async () => {
    try { await withTimeout(conn.sendRequest('shutdown'), 3000, 'shutdown'); conn.sendNotification('exit'); } catch { /* killed below */ }
    const r = await Promise.race([exited, new Promise((res) => setTimeout(() => res(null), 2000))]);
    if (!r) child.kill('SIGKILL');
    conn.dispose();
  };
  const pullDiagnostics = (uri) => withTimeout(conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }), TIMEOUT_MS, 'diagnostic');
  return { child, conn, init, startMs, published, waitPublish, pullDiagnostics, stop, stderr: () => stderr };
}


/**
 * Runs every server measurement. Returns a result object, or { skipped: reason }.
 */
export async function measureServer({ root, serverPath, coreDir = path.join(root, 'dist'), names, seed, log }) {
  const cwd = path.join(root, 'bench', 'out', 'lsp');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  mkdirSync(cwd, { recursive: true });
  const text = lspFile(names, seed, 0);
  writeFileSync(path.join(cwd, 'file-0.ts'), text);
  const lineCount = text.split('\n').length - 1;
  const nameSites = (text.match(new RegExp(`\\b(?:${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`, 'g')) ?? []).length;
  const result = { file: { lines: lineCount, bytes: Buffer.byteLength(text), napcatNameSites: nameSites } };

  // TypeScript baselines: one full parse, an incremental reparse, and the core's full analysis.
  const ts = require(path.join(root, 'node_modules', 'typescript'));
  const full = [];
  let sf;
  for (let i = 0; i < 6; i++) { const t = performance.now(); sf = ts.createSourceFile('file-0.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS); full.push(performance.now() - t); }
  const inc = [];
  for (let i = 0; i < 20; i++) {
    const at = Math.floor(text.length * (i + 0.5) / 20);
    const next = text.slice(0, at) + 'x' + text.slice(at);
    const base = ts.createSourceFile('file-0.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const t = performance.now();
    ts.updateSourceFile(base, next, { span: { start: at, length: 0 }, newLength: 1 });
    inc.push(performance.now() - t);
  }
  result.typescript = { version: ts.version, createSourceFileColdMs: round(full[0]), createSourceFileMs: round(median(full.slice(1))), updateSourceFileMs: round(median(inc)) };
  try {
    const core = require(path.join(coreDir, 'core.js'));
    const times = [];
    let n = 0;
    for (let i = 0; i < 6; i++) { const t = performance.now(); n = core.analyzeDocument(text, 'typescript', { tolerant: true }).findings.length; times.push(performance.now() - t); }
    result.coreAnalyzeDocument = { coldMs: round(times[0]), ms: round(median(times.slice(1))), findings: n };
  } catch (e) { result.coreAnalyzeDocument = { error: String(e.message ?? e) }; }

  const { existsSync } = await import('node:fs');
  if (!existsSync(serverPath)) return { ...result, skipped: 'dist/server.js does not exist yet (the language server is not built)' };

  // Start: process spawn → initialize result, 5 times.
  const starts = [];
  for (let i = 0; i < 5; i++) {
    const s = await startServer(serverPath, cwd, { pull: false });
    starts.push(s.startMs);
    await s.stop();
  }
  // For scale: a bare `node -e 0` on this machine, and loading the server bundle without running it.
  const { spawnSync } = await import('node:child_process');
  const bare = [];
  for (let i = 0; i < 5; i++) { const t = performance.now(); spawnSync(process.execPath, ['-e', '0']); bare.push(performance.now() - t); }
  result.start = { ...summary(starts), target: 200, met: median(starts) <= 200, bareNodeMs: round(median(bare)), bundleMB: round(statSync(serverPath).size / 1e6, 1) };
  log(`  server start → initialize: median ${round(median(starts))} ms`);

  const rnd = createRandom(seed ^ 0x5eed);
  const rows = await measureTyping({ serverPath, cwd, names, seed, text, rnd, log });
  Object.assign(result, rows);
  const memory = await measureMemory({ serverPath, cwd, names, seed, log });
  result.memory = memory;
  return result;
}

const met = (lat, p50, p95max, timeouts = 0) => median(lat) <= p50 && p95(lat) <= p95max && timeouts === 0;

/**
 * The typing rows: a keystroke inside a statement (push and pull), typing a new call character by
 * character, a full-sync client, and hover/completion/codeAction at diagnostics.
 */
export async function measureTyping({ serverPath, cwd, names, seed, text, rnd, log, edits = 200, requests = 200, rows }) {
  const want = (row) => !rows || rows.includes(row);
  const result = {};
  const uri = docUri(cwd, 'file-0.ts');
  const push = await startServer(serverPath, cwd, { pull: false });
  try {
    result.capabilities = push.init.capabilities;
    const tOpen = performance.now();
    push.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    const first = await push.waitPublish(uri, 1);
    result.openToDiagnosticsMs = round(performance.now() - tOpen);
    result.diagnosticsOnOpen = first.diagnostics.length;
    push.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });

    const k = await timeEdits(push, uri, 'typescript', text, keystrokes(rnd, text, edits));
    result.pushDiagnostics = { ...summary(k.lat), timeouts: k.timeouts, targetP50: 10, targetP95: 30, met: met(k.lat, 10, 30, k.timeouts) };
    log(`  keystroke → publishDiagnostics: p50 ${round(median(k.lat))} ms, p95 ${round(p95(k.lat))} ms`);

    if (want('typingNewCall')) {
      const n = await timeEdits(push, docUri(cwd, 'file-new-call.ts'), 'typescript', text, typeNewCall(text));
      result.typingNewCall = { ...summary(n.lat), timeouts: n.timeouts, targetP50: 15, targetP95: 40, met: met(n.lat, 15, 40, n.timeouts) };
      log(`  typing a new call → publishDiagnostics: p50 ${round(median(n.lat))} ms, p95 ${round(p95(n.lat))} ms`);
    }

    if (want('fullSync')) {
      const f = await timeEdits(push, docUri(cwd, 'file-full-sync.ts'), 'typescript', text, keystrokes(rnd, text, Math.min(edits, 100)), { full: true });
      result.fullSync = { ...summary(f.lat), timeouts: f.timeouts, targetP50: 20, met: median(f.lat) <= 20 && f.timeouts === 0 };
      log(`  full-sync change → publishDiagnostics: p50 ${round(median(f.lat))} ms, p95 ${round(p95(f.lat))} ms`);
    }

    // Hover, completion, codeAction at the sites of the diagnostics of the open file.
    push.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    const diags = (await push.waitPublish(uri, 1)).diagnostics.filter((d) => d.range.start.line === d.range.end.line);
    const timeReq = async (method, paramsFor) => {
      const ts2 = [];
      let errors = 0;
      for (let i = 0; i < requests; i++) {
        const d = diags[rnd.int(0, diags.length - 1)];
        const t = performance.now();
        try { await withTimeout(push.conn.sendRequest(method, paramsFor(d)), TIMEOUT_MS, method); ts2.push(performance.now() - t); } catch { errors++; }
      }
      return { ...summary(ts2), errors, target: 5, met: p95(ts2) <= 5 && errors === 0 };
    };
    if (diags.length && want('requests')) {
      const inside = (d, k2) => ({ line: d.range.start.line, character: Math.min(d.range.end.character, d.range.start.character + k2) });
      result.hover = await timeReq('textDocument/hover', (d) => ({ textDocument: { uri }, position: inside(d, 2) }));
      result.completion = await timeReq('textDocument/completion', (d) => ({ textDocument: { uri }, position: inside(d, 4), context: { triggerKind: 1 } }));
      result.codeAction = await timeReq('textDocument/codeAction', (d) => ({ textDocument: { uri }, range: d.range, context: { diagnostics: [d], triggerKind: 1 } }));
      log(`  hover p95 ${result.hover.p95} ms, completion p95 ${result.completion.p95} ms, codeAction p95 ${result.codeAction.p95} ms`);
    } else result.hover = result.completion = result.codeAction = { skipped: 'no diagnostics to aim at' };
  } finally {
    await push.stop();
  }

  // Pull: didChange → textDocument/diagnostic (a client that advertises pull diagnostics).
  const pull = await startServer(serverPath, cwd, { pull: true });
  try {
    if (!pull.init.capabilities?.diagnosticProvider) {
      result.pullDiagnostics = { skipped: 'the server does not offer diagnosticProvider to a pull-capable client' };
    } else {
      const k = await timeEdits(pull, uri, 'typescript', text, keystrokes(rnd, text, edits), { pull: true });
      result.pullDiagnostics = { ...summary(k.lat), errors: k.timeouts, targetP50: 10, targetP95: 30, met: met(k.lat, 10, 30, k.timeouts) };
      log(`  keystroke → textDocument/diagnostic: p50 ${round(median(k.lat))} ms, p95 ${round(p95(k.lat))} ms`);
    }
  } finally {
    await pull.stop();
  }
  return result;
}

/** RSS (and its peak) of a server holding 50 open bot files of 1,000 lines, then of 10,000 lines. */
export async function measureMemory({ serverPath, cwd, names, seed, log }) {
  const out = {};
  for (const [key, lines, calls, target, peakTarget] of [['files1k', 1000, 50, 90, null], ['files10k', 10_000, 500, 160, 250]]) {
    const s = await startServer(serverPath, cwd, { pull: false });
    try {
      let timeouts = 0;
      for (let i = 0; i < 50; i++) {
        const u = docUri(cwd, `mem-${lines}-${i}.ts`);
        s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'typescript', version: 1, text: botFile(names, seed, i, lines, calls) } });
        try { await s.waitPublish(u, 1); } catch { timeouts++; }
      }
      await new Promise((r) => setTimeout(r, 500));
      const m = rssOf(s.child.pid);
      out[key] = { lines, files: 50, ...m, timeouts, target, peakTarget, met: (m.rssMB ?? Infinity) <= target && (peakTarget === null || (m.peakMB ?? Infinity) <= peakTarget) };
      log(`  RSS, 50 files of ${lines} lines: ${m.rssMB} MB (peak ${m.peakMB} MB)`);
    } finally {
      await s.stop();
    }
  }
  return out;
}
