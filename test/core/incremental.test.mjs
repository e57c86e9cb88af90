// The editor's incremental analysis must always equal a fresh analysis of the same text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const core = require('../../dist/core.js');
const names = Object.keys(core.catalog.napcat);

function makeFile(n, seed) {
  const lines = [];
  for (let i = 0; i < n; i++) {
    if (i % 40 === 0) lines.push(i ? '}\nexport async function f' + i + '(bot, gid) {' : 'export async function f0(bot, gid) {');
    const name = names[(i * 7 + seed) % names.length];
    if (i % 5 === 0) lines.push(`  await bot.callApi('${name}', { group_id: gid, user_id: ${i}, message: 'hi', approve: false });`);
    else if (i % 11 === 0) lines.push(`  ws.send(JSON.stringify({ action: '${name}', params: { message_id: ${i} }, echo: '${name}' }));`);
    else if (i % 13 === 0) lines.push(`  await supabase.rpc('x', () => { return callApi('${name}'); });`);
    else lines.push(`  const v${i} = compute(${i}, "some text here", [1, 2, 3]);`);
  }
  return lines.join('\n') + '\n}\n';
}

const key = (fs, text) => fs.map((f) => `${f.start}-${f.end}:${f.kind}:${f.napcat}:${f.preferred}:${core.findingMessage(f, text, 'en')}:${JSON.stringify(core.fixesFor(f, text).map((x) => x.edits))}`);

function run(seed, edits, pickEdit) {
  let rnd = seed;
  const rand = (n) => { rnd = (rnd * 1103515245 + 12345) & 0x7fffffff; return rnd % n; };
  let text = makeFile(400, seed);
  const inc = new core.IncrementalTsAnalysis('typescript');
  inc.update(text);
  for (let k = 0; k < edits; k++) {
    const { pos, del, ins } = pickEdit(text, rand);
    text = text.slice(0, pos) + ins + text.slice(pos + del);
    const got = inc.update(text, [{ start: pos, end: pos + del, newLength: ins.length }]);
    const fresh = core.analyzeDocument(text, 'typescript', { tolerant: true });
    assert.deepEqual(key(got.findings, text), key(fresh.findings, text), `edit ${k}: ${JSON.stringify({ pos, del, ins })}`);
  }
  return inc.stats;
}

test('typing inside identifiers and strings: regional re-analysis equals a fresh one', () => {
  const stats = run(7, 150, (text, rand) => {
    // Type a letter right after a letter (inside a name or a string).
    let p = rand(text.length);
    while (p < text.length - 1 && !/[a-z]/.test(text[p - 1] ?? '')) p++;
    return { pos: p, del: 0, ins: 'x' };
  });
  assert.ok(stats.regional > 0, `regional path used (${JSON.stringify(stats)})`);
});

test('editing action names in place (rename, break, restore) stays exact', () => {
  run(11, 120, (text, rand) => {
    const m = [...text.matchAll(/callApi\('([a-z_]+)'/g)];
    const hit = m[rand(m.length)];
    const start = hit.index + 9;
    const choice = rand(3);
    if (choice === 0) return { pos: start, del: hit[1].length, ins: names[rand(names.length)] };
    if (choice === 1) return { pos: start + 1, del: 1, ins: '' };
    return { pos: start, del: 0, ins: 'x' };
  });
});

test('random edits including quotes, braces and comments stay exact', () => {
  const pieces = ['x', ' ', "'", '"', '`', '(', ')', '{', '}', ';', '\n', '/*', '*/', '//', 'send_msg', '${', ','];
  run(3, 200, (text, rand) => ({ pos: rand(text.length), del: rand(3), ins: pieces[rand(pieces.length)] }));
});

// Event code: file rules read the whole tree, so such a text is reparsed whole on every update.
function makeEventFile(n) {
  const lines = [];
  for (let i = 0; i < n; i++) {
    if (i % 30 === 0) lines.push(i ? '}\nexport async function h' + i + '(e) {' : 'export async function h0(e) {');
    if (i % 6 === 0) lines.push(`  if (e.post_type === 'notice' && e.notice_type === 'group_increase') { await call('send_group_msg', { group_id: e.group_id, message: [{ type: 'text', data: { text: 'hi' } }] }); }`);
    else if (i % 7 === 0) lines.push(`  if (e.post_type === 'message' && e.message_type === 'group') { reply(e.raw_message, e.user_id); }`);
    else if (i % 9 === 0) lines.push(`  switch (e.notice_type) { case 'group_ban': mute(e.user_id); break; case 'group_decrease': bye(e.user_id); }`);
    else lines.push(`  const v${i} = compute(${i}, "text", [1, 2]);`);
  }
  return lines.join('\n') + '\n}\nasync function call(action, params) { return fetch(`${BASE}/${action}`, { body: JSON.stringify(params) }); }\n';
}

test('event code: every update equals a fresh analysis (random edits)', () => {
  let rnd = 5;
  const rand = (n) => { rnd = (rnd * 1103515245 + 12345) & 0x7fffffff; return rnd % n; };
  const pieces = ['x', "'", '(', ')', '{', '}', ';', '\n', 'post_type', "'notice'", 'e.', 'group_id', '//', 'send_msg'];
  let text = makeEventFile(200);
  const inc = new core.IncrementalTsAnalysis('typescript');
  inc.update(text);
  for (let k = 0; k < 120; k++) {
    const pos = rand(text.length);
    const del = rand(3);
    const ins = pieces[rand(pieces.length)];
    text = text.slice(0, pos) + ins + text.slice(pos + del);
    const got = inc.update(text, [{ start: pos, end: pos + del, newLength: ins.length }]);
    const fresh = core.analyzeDocument(text, 'typescript', { tolerant: true });
    assert.deepEqual(key(got.findings, text), key(fresh.findings, text), `edit ${k}: ${JSON.stringify({ pos, del, ins })}`);
  }
});

test('event code appearing and disappearing switches between regional and whole-text updates exactly', () => {
  let text = makeFile(200, 3);
  const inc = new core.IncrementalTsAnalysis('typescript');
  inc.update(text);
  const at = text.indexOf('const v1 ');
  const insert = "if (e.notice_type === 'group_increase') go(e.user_id); ";
  const inString = text.indexOf('some text', at) + 2;
  for (const [pos, del, ins] of [[at, 0, insert], [at, insert.length, ''], [inString, 0, 'x'], [inString, 0, 'y']]) {
    text = text.slice(0, pos) + ins + text.slice(pos + del);
    const got = inc.update(text, [{ start: pos, end: pos + del, newLength: ins.length }]);
    const fresh = core.analyzeDocument(text, 'typescript', { tolerant: true });
    assert.deepEqual(key(got.findings, text), key(fresh.findings, text));
  }
  assert.ok(inc.stats.regional > 0, JSON.stringify(inc.stats));
});

// Issue 13: typing a new call line by line, in comments, and changing a statement's first word.
function typeAt(inc, text, at, line) {
  for (const ch of line) {
    text = text.slice(0, at) + ch + text.slice(at);
    const got = inc.update(text, [{ start: at, end: at, newLength: 1 }]);
    const fresh = core.analyzeDocument(text, 'typescript', { tolerant: true });
    assert.deepEqual(key(got.findings, text), key(fresh.findings, text), `after typing ${JSON.stringify(text.slice(at - 40, at + 1))}`);
    at++;
  }
  return text;
}

test('a new call typed character by character between declarations and inside a block stays exact, and mostly regional', () => {
  let text = makeFile(200, 5);
  const inc = new core.IncrementalTsAnalysis('typescript');
  inc.update(text);
  const call = "\n  await bot.callApi('send_group_msg', { group_id: 1, message: '[CQ:at,qq=1] hi' });";
  // Between two top-level functions.
  const top = text.indexOf('}\nexport async function f80') + 2;
  text = typeAt(inc, text, top, call + '\n');
  // Inside a function body, between two statements.
  const inner = text.indexOf('\n', text.indexOf('const v123 ')) + 1;
  text = typeAt(inc, text, inner, call.slice(1) + '\n');
  // Prefixes with an open bracket are analysed whole; the base stays, so the rest are regional.
  const rebased = inc.stats.full - (inc.stats.reasons['syntax-error'] ?? 0);
  assert.ok(inc.stats.regional >= 10 && rebased <= 15, JSON.stringify(inc.stats));
});

test('edits inside comments and whitespace between statements stay exact and regional', () => {
  let text = makeFile(120, 9).replace(/\n(  const v3\d )/g, '\n  // a note about send_msg\n$1');
  const inc = new core.IncrementalTsAnalysis('typescript');
  inc.update(text);
  const before = inc.stats.full;
  let rnd = 17;
  const rand = (n) => { rnd = (rnd * 1103515245 + 12345) & 0x7fffffff; return rnd % n; };
  const pieces = ['x', ' ', '*/', '/*', '\n', 'send_group_msg', '// napcat-milky-ignore-next-line\n', '`'];
  for (let k = 0; k < 80; k++) {
    const notes = [...text.matchAll(/\/\/ a note[^\n]*/g)];
    if (!notes.length) break;
    const hit = notes[rand(notes.length)];
    const pos = hit.index + 3 + rand(hit[0].length - 3);
    const ins = pieces[rand(pieces.length)];
    text = text.slice(0, pos) + ins + text.slice(pos);
    const got = inc.update(text, [{ start: pos, end: pos, newLength: ins.length }]);
    const fresh = core.analyzeDocument(text, 'typescript', { tolerant: true });
    assert.deepEqual(key(got.findings, text), key(fresh.findings, text), `edit ${k}: ${JSON.stringify(ins)} at ${pos}`);
  }
  assert.ok(inc.stats.full - before < 40, JSON.stringify(inc.stats));
});

test('changing the first word of a statement stays exact', () => {
  let text = makeFile(120, 4);
  const inc = new core.IncrementalTsAnalysis('typescript');
  inc.update(text);
  for (const word of ['await', 'const', 'return', 'in', 'case', 'else', '(', '[', 'x', 'function']) {
    const at = text.indexOf('  await bot.callApi', text.length / 3) + 2;
    text = text.slice(0, at) + word + text.slice(at);
    let got = inc.update(text, [{ start: at, end: at, newLength: word.length }]);
    assert.deepEqual(key(got.findings, text), key(core.analyzeDocument(text, 'typescript', { tolerant: true }).findings, text), `typed ${word}`);
    text = text.slice(0, at) + text.slice(at + word.length);
    got = inc.update(text, [{ start: at, end: at + word.length, newLength: 0 }]);
    assert.deepEqual(key(got.findings, text), key(core.analyzeDocument(text, 'typescript', { tolerant: true }).findings, text), `removed ${word}`);
  }
});

test('a whole-text change (full sync) becomes one ranged edit: the span between common prefix and suffix', () => {
  assert.deepEqual(core.changedSpan('abcdef', 'abXYef'), { start: 2, end: 4, newLength: 2 });
  assert.deepEqual(core.changedSpan('aaa', 'aaaa'), { start: 3, end: 3, newLength: 1 });
  assert.deepEqual(core.changedSpan('same', 'same'), { start: 4, end: 4, newLength: 0 });
  let text = makeFile(200, 2);
  const inc = new core.IncrementalTsAnalysis('typescript');
  inc.update(text);
  for (let k = 0; k < 20; k++) {
    const at = text.indexOf("'hi'", 1000 + k * 500) + 2;
    const next = text.slice(0, at) + 'z' + text.slice(at);
    const got = inc.update(next, [core.changedSpan(text, next)]);
    text = next;
    assert.deepEqual(key(got.findings, text), key(core.analyzeDocument(text, 'typescript', { tolerant: true }).findings, text));
  }
  assert.equal(inc.stats.full, 1, JSON.stringify(inc.stats));
});

// Transport hints on the uses of a result (list-wrapped, renamed fields) and of an event source can
// appear in a statement that names neither the action nor a transport word.
function makeTransportFile(n) {
  const lines = ["const BASE = 'http://127.0.0.1:3000';", "const u = `${BASE}/get_status?access_token=${process.env.T}`;"];
  for (let i = 0; i < n; i++) {
    lines.push(`export async function t${i}(call, e) {`);
    if (i % 3 === 0) lines.push("  const res = await call('get_group_list', {});");
    if (i % 3 === 1) lines.push("  const info = await call('get_login_info');");
    if (i % 5 === 0) lines.push('  const es = new EventSource(`${BASE}/_events`);');
    lines.push(`  const n${i} = compute(${i});`, `  log(n${i});`, '}');
  }
  return lines.join('\n') + '\n';
}

test('transport code: uses of a reshaped result or an event source typed later stay exact (random edits)', () => {
  let rnd = 23;
  const rand = (n) => { rnd = (rnd * 1103515245 + 12345) & 0x7fffffff; return rnd % n; };
  const pieces = [' + res.data.map(String)', ' + res.data[0]', ' + info.user_id', '; es.onmessage = f', ' + other.length', 'x', ';', '\n', ' + res', "'get_group_list'"];
  let text = makeTransportFile(40);
  const inc = new core.IncrementalTsAnalysis('typescript');
  inc.update(text);
  for (let k = 0; k < 120; k++) {
    const spots = [...text.matchAll(/compute\(\d+\)/g)];
    const hit = spots[rand(spots.length)];
    const pos = hit.index + hit[0].length;
    const ins = pieces[rand(pieces.length)];
    text = text.slice(0, pos) + ins + text.slice(pos);
    const got = inc.update(text, [{ start: pos, end: pos, newLength: ins.length }]);
    const fresh = core.analyzeDocument(text, 'typescript', { tolerant: true });
    assert.deepEqual(key(got.findings, text), key(fresh.findings, text), `edit ${k}: ${JSON.stringify(ins)} at ${pos}`);
  }
  assert.ok(inc.stats.regional > 0, JSON.stringify(inc.stats));
});
