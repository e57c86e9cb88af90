#!/usr/bin/env node
// Throwaway stdio language server for the Neovim self-test (no dependencies): flags TODO,
// hovers it, offers quick fixes ("Replace TODO with DONE" preferred, "... FIXED") and a
// source.fixAll.e2eSelftest action that replaces every TODO.
'use strict';
const FIX_ALL = 'source.fixAll.e2eSelftest';
const docs = new Map();
let buf = Buffer.alloc(0);

function send(msg) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8');
  process.stdout.write(`Content-Length: ${body.length}\r\n\r\n`);
  process.stdout.write(body);
}
function todos(text) {
  const out = []; const lines = text.split('\n');
  lines.forEach((l, line) => { for (const m of l.matchAll(/\bTODO\b/g)) out.push({ start: { line, character: m.index }, end: { line, character: m.index + 4 } }); });
  return out;
}
function publish(uri) {
  const diagnostics = todos(docs.get(uri)).map((range) => ({ range, severity: 2, source: 'e2e-selftest', code: 'todo', message: 'e2e-selftest: found TODO' }));
  send({ method: 'textDocument/publishDiagnostics', params: { uri, diagnostics } });
}
const within = (p, r) => (p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character))
  && (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character));

function handle(m) {
  const { id, method, params } = m;
  switch (method) {
    case 'initialize':
      return send({ id, result: { capabilities: { textDocumentSync: 1, hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL] } }, serverInfo: { name: 'e2e-selftest' } } });
    case 'textDocument/didOpen': docs.set(params.textDocument.uri, params.textDocument.text); return publish(params.textDocument.uri);
    case 'textDocument/didChange': docs.set(params.textDocument.uri, params.contentChanges.at(-1).text); return publish(params.textDocument.uri);
    case 'textDocument/didClose': docs.delete(params.textDocument.uri); return undefined;
    case 'textDocument/hover': {
      const r = todos(docs.get(params.textDocument.uri) || '').find((r) => within(params.position, r));
      return send({ id, result: r ? { contents: { kind: 'markdown', value: '**TODO marker** — replace with `DONE`' }, range: r } : null });
    }
    case 'textDocument/codeAction': {
      const uri = params.textDocument.uri; const only = params.context.only;
      const actions = [];
      if (!only || only.includes('quickfix')) {
        for (const d of params.context.diagnostics.filter((d) => d.source === 'e2e-selftest')) {
          ['DONE', 'FIXED'].forEach((w, i) => actions.push({ title: `Replace TODO with ${w}`, kind: 'quickfix', isPreferred: i === 0,
            diagnostics: [d], edit: { changes: { [uri]: [{ range: d.range, newText: w }] } } }));
        }
      }
      if (only && only.some((k) => FIX_ALL === k || FIX_ALL.startsWith(`${k}.`))) {
        const edits = todos(docs.get(uri) || '').map((range) => ({ range, newText: 'DONE' }));
        if (edits.length) actions.push({ title: 'Fix all TODOs', kind: FIX_ALL, edit: { changes: { [uri]: edits } } });
      }
      return send({ id, result: actions });
    }
    case 'shutdown': return send({ id, result: null });
    case 'exit': return process.exit(0);
    default: if (id !== undefined && method) send({ id, error: { code: -32601, message: `unhandled ${method}` } });
  }
}

process.stdin.on('data', (chunk) => {
  buf = Buffer.concat([buf, chunk]);
  for (;;) {
    const sep = buf.indexOf('\r\n\r\n');
    if (sep < 0) return;
    const len = +/Content-Length: (\d+)/i.exec(buf.slice(0, sep).toString())[1];
    if (buf.length < sep + 4 + len) return;
    const msg = JSON.parse(buf.slice(sep + 4, sep + 4 + len).toString('utf8'));
    buf = buf.slice(sep + 4 + len);
    handle(msg);
  }
});
