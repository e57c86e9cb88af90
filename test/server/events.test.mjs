// Events and transport over LSP: diagnostics of both kinds, their hovers, the event block's quick fix,
// and an edit that re-analyzes the whole event file (it must match a fresh analysis).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lsp-client.mjs';

const BOT = `export function onEvent(e) {
  if (e.post_type === 'notice' && e.notice_type === 'group_increase') {
    welcome(e.group_id, e.user_id);
  }
}
const es = new EventSource(base + '/_events');
`;

let c;
before(async () => { c = await startServer(); });
after(async () => { await c.stop(); });

test('event (Warning) and transport (Information) diagnostics, hovers and the block fix', async () => {
  const uri = 'file:///w/events.js';
  await c.open(uri, 'javascript', BOT);
  const d = await c.waitForDiagnostics(uri, (p) => p.version === 1);
  assert.deepEqual(d.diagnostics.map((x) => [x.code, x.severity, x.range.start.line]), [['event', 2, 1], ['event', 2, 1], ['transport', 3, 5]]);
  assert.deepEqual(d.diagnostics[1].data.milky, ['group_member_increase']);
  const h = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 56 } });
  assert.match(h.contents.value, /group_member_increase/);
  const t = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 37 } });
  assert.match(t.contents.value, /\/event/);
  const actions = await c.request('textDocument/codeAction', {
    textDocument: { uri }, range: d.diagnostics[1].range, context: { diagnostics: [d.diagnostics[1]], only: ['quickfix'] },
  });
  const fix = actions.find((a) => /event block/.test(a.title));
  assert.ok(fix, actions.map((a) => a.title).join(' | '));
  const edits = fix.edit.changes[uri];
  assert.ok(edits.some((e) => e.newText.includes("event_type === 'group_member_increase'")) && edits.some((e) => e.newText === 'data.group_id'));
});

test('an edit in an event file updates the event findings', async () => {
  const uri = 'file:///w/events.js';
  // group_increase → group_decrease: still an event, now group_member_decrease.
  await c.change(uri, 2, [{ range: { start: { line: 1, character: 59 }, end: { line: 1, character: 67 } }, text: 'decrease' }]);
  const d = await c.waitForDiagnostics(uri, (p) => p.version === 2);
  assert.deepEqual(d.diagnostics.filter((x) => x.code === 'event').map((x) => x.data.milky), [['group_member_decrease'], ['group_member_decrease']]);
});
