// Typing in a Python file (issue 12): a generated 2,000-line NoneBot/aiocqhttp bot module opened in the
// language server over stdio, 200 one-character edits, each timed from didChange to the
// publishDiagnostics of that version. Target: p50 ≤ 15 ms.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { generateBot } from '../python.mjs';
import { startServer } from './lsp.mjs';
import { keystrokes } from './lsp-scenarios.mjs';
import { createRandom } from './prng.mjs';
import { median, p95, round, summary } from './stats.mjs';

export const PY_LINES = 2000;
const EDITS = 200;

/** CPU time (user+sys) a process has used, in ms, or null where /proc is not there. */
function cpuMs(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch { return null; }
}

export async function measurePythonTyping({ root, serverPath, seed, log = () => {}, lines = PY_LINES, edits = EDITS }) {
  const cwd = path.join(root, 'bench', 'out', 'lsp-python');
  mkdirSync(cwd, { recursive: true });
  const text = generateBot(lines);
  const file = path.join(cwd, 'bot.py');
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const result = { file: { lines, bytes: Buffer.byteLength(text) } };
  const s = await startServer(serverPath, cwd, { pull: false });
  try {
    let version = 1;
    const tOpen = performance.now();
    s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version, text } });
    const first = await s.waitPublish(uri, version);
    result.openToDiagnosticsMs = round(performance.now() - tOpen);
    result.diagnosticsOnOpen = first.diagnostics.length;
    const lat = [];
    let timeouts = 0;
    const cpu0 = cpuMs(s.child.pid);
    for (const { change } of keystrokes(createRandom(seed ^ 0x9e3779b9), text, edits)) {
      version++;
      const t = performance.now();
      s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      try { await s.waitPublish(uri, version); lat.push(performance.now() - t); } catch { timeouts++; }
    }
    result.pushDiagnostics = { ...summary(lat), timeouts, targetP50: 15, met: median(lat) <= 15 && timeouts === 0 };
    // The server's own CPU time per edit (user+sys from /proc): far steadier than wall time on a busy machine.
    result.serverCpuMsPerEdit = cpu0 === null ? null : round((cpuMs(s.child.pid) - cpu0) / edits);
    result.diagnosticsAtEnd = s.published.get(uri)?.diagnostics.length;
    log(`  Python ${lines} lines, didChange → publishDiagnostics: p50 ${round(median(lat))} ms, p95 ${round(p95(lat))} ms${timeouts ? `, ${timeouts} timeouts` : ''}, server CPU ${result.serverCpuMsPerEdit} ms per edit (open ${result.openToDiagnosticsMs} ms, ${result.diagnosticsOnOpen} diagnostics)`);
  } finally {
    await s.stop();
  }
  return result;
}

// `node bench/lib/lsp-python.mjs [serverPath]`: this row alone, on dist/server.js.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
  const r = await measurePythonTyping({ root, serverPath: process.argv[2] ?? path.join(root, 'dist', 'server.js'), seed: 20250611, log: console.log });
  console.log(JSON.stringify({ ...r.pushDiagnostics, serverCpuMsPerEdit: r.serverCpuMsPerEdit }));
}
