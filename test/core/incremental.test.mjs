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
