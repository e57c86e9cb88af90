// The language-server typing scenarios of the benchmark, shared by `run.mjs` (one build) and
// `lsp-ab.mjs` (two builds, interleaved). Each scenario opens its own document, edits it and
// waits for the diagnostics of every version it sends.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { CodeGen } from './codegen.mjs';
import { createRandom } from './prng.mjs';

export function lineStarts(text) {
  const s = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) s.push(i + 1);
  return s;
}

export function positionAt(starts, offset) {
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid] <= offset) lo = mid; else hi = mid - 1; }
  return { line: lo, character: offset - starts[lo] };
}

/** A TS bot file of `lines` lines with about `calls` NapCat sites (variant `i`). */
export function botFile(names, seed, i = 0, lines = 10_000, calls = 500) {
  return new CodeGen(createRandom(seed + 7919 * (i + 1)), names).tsBotFile(lines, calls);
}

/**
 * One character typed at a random place inside a statement, deleted again by the next edit, so the
 * file stays close to the original (and passes through transient syntax errors).
 */
export function* keystrokes(rnd, text, count) {
  let cur = text;
  for (let i = 0; i < count; i += 2) {
    const at = rnd.int(0, cur.length);
    const ch = String.fromCharCode(97 + rnd.int(0, 25));
    let p = positionAt(lineStarts(cur), at);
    cur = cur.slice(0, at) + ch + cur.slice(at);
    yield { change: { range: { start: p, end: p }, rangeLength: 0, text: ch }, text: cur };
    if (i + 1 >= count) return;
    p = positionAt(lineStarts(cur), at);
    cur = cur.slice(0, at) + cur.slice(at + 1);
    yield { change: { range: { start: p, end: { line: p.line, character: p.character + 1 } }, rangeLength: 1, text: '' }, text: cur };
  }
}

/** The line typed character by character in the "new call" scenario (almost every prefix is broken). */
export const NEW_CALL = "  await bot.callApi('send_group_msg', { group_id: 123456, message: 'hello' });";

/**
 * A new line opened in the middle of the file (between two top-level declarations), then a NapCat
 * call typed into it one character at a time.
 */
export function* typeNewCall(text, line = NEW_CALL) {
  const starts = lineStarts(text);
  // The blank line nearest the middle: a place between declarations, where a statement may go.
  let row = Math.floor(starts.length / 2);
  while (row < starts.length - 1 && text.slice(starts[row], starts[row + 1]).trim() !== '') row++;
  let at = starts[row];
  let cur = text.slice(0, at) + '\n' + text.slice(at);
  yield { change: { range: { start: positionAt(starts, at), end: positionAt(starts, at) }, rangeLength: 0, text: '\n' }, text: cur };
  for (const ch of line) {
    const p = positionAt(lineStarts(cur), at);
    cur = cur.slice(0, at) + ch + cur.slice(at);
    at++;
    yield { change: { range: { start: p, end: p }, rangeLength: 0, text: ch }, text: cur };
  }
}

/** Sends each edit of `edits` and waits for its diagnostics; `full` sends the whole text instead (full sync). */
export async function timeEdits(server, uri, languageId, text, edits, { full = false, pull = false } = {}) {
  let version = 1;
  server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  if (pull) await server.pullDiagnostics(uri);
  else await server.waitPublish(uri, version);
  const lat = [];
  let timeouts = 0;
  for (const e of edits) {
    version++;
    const t = performance.now();
    server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [full ? { text: e.text } : e.change] });
    try {
      if (pull) await server.pullDiagnostics(uri);
      else await server.waitPublish(uri, version);
      lat.push(performance.now() - t);
    } catch { timeouts++; }
  }
  server.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return { lat, timeouts };
}

/** The URI of a scenario's document in the bench folder. */
export function docUri(cwd, name) {
  return pathToFileURL(path.join(cwd, name)).href;
}
