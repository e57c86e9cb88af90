// A minimal LSP client over stdio for protocol tests: spawns `node dist/server.js --stdio`.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER = path.join(root, 'dist/server.js');

/**
 * Starts the server. `settings` answers workspace/configuration (null = a client that answers null).
 * Diagnostics are collected per uri; waitForDiagnostics polls them with a timeout.
 */
export async function startServer({ settings = {}, locale = 'en', capabilities = {}, initializationOptions = { diagnosticMode: 'push' }, workspaceFolders = null } = {}) {
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const diagnostics = new Map();
  const messages = [];
  const applied = [];
  const state = { settings };
  conn.onNotification('textDocument/publishDiagnostics', (p) => diagnostics.set(p.uri, p));
  conn.onNotification('window/showMessage', (p) => messages.push(p));
  conn.onRequest('window/showMessageRequest', (p) => { messages.push(p); return null; });
  conn.onNotification('window/logMessage', () => {});
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => (state.settings === null ? null : state.settings)));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification('$/progress', () => {});
  conn.onRequest('workspace/applyEdit', (p) => { applied.push(p); return { applied: true }; });
  conn.listen();
  const t0 = process.hrtime.bigint();
  const init = await conn.sendRequest('initialize', {
    processId: process.pid, rootUri: null, locale, workspaceFolders, initializationOptions,
    capabilities: {
      workspace: { configuration: true, workspaceEdit: { documentChanges: true, changeAnnotationSupport: {} } },
      window: { workDoneProgress: true },
      textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } }, ...capabilities.textDocument },
      ...capabilities,
    },
  });
  const initMs = Number(process.hrtime.bigint() - t0) / 1e6;
  await conn.sendNotification('initialized', {});
  const client = {
    proc, conn, init, initMs, diagnostics, messages, applied, state,
    get stderr() { return stderr; },
    open(uri, languageId, text, version = 1) { return conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } }); },
    change(uri, version, contentChanges) { return conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges }); },
    close(uri) { return conn.sendNotification('textDocument/didClose', { textDocument: { uri } }); },
    request(method, params) { return conn.sendRequest(method, params); },
    async waitForDiagnostics(uri, predicate = () => true, timeout = 10000) {
      const end = Date.now() + timeout;
      for (;;) {
        const d = diagnostics.get(uri);
        if (d && predicate(d)) return d;
        if (Date.now() > end) throw new Error(`no matching diagnostics for ${uri} within ${timeout} ms; last: ${JSON.stringify(d)?.slice(0, 500)}; stderr: ${stderr.slice(0, 500)}`);
        await new Promise((r) => setTimeout(r, 1));
      }
    },
    async stop() {
      try { await conn.sendRequest('shutdown'); await conn.sendNotification('exit'); } catch { /* already gone */ }
      conn.dispose();
      if (proc.exitCode === null) proc.kill();
    },
  };
  return client;
}

/** Applies LSP TextEdits to a text (offsets from lines split like the server does). */
export function applyTextEdits(text, edits) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) { if (text.charCodeAt(i + 1) === 10) i++; starts.push(i + 1); } else if (c === 10) starts.push(i + 1);
  }
  const off = (p) => Math.min((starts[p.line] ?? text.length) + p.character, text.length);
  const sorted = edits.map((e) => ({ s: off(e.range.start), e: off(e.range.end), t: e.newText })).sort((a, b) => b.s - a.s);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.s) + e.t + out.slice(e.e);
  return out;
}
