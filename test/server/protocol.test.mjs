// Protocol tests: speak LSP over stdio to the bundled server, as an editor would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, applyTextEdits } from './lsp-client.mjs';

const BOT = `import { callApi } from './api';
// send_group_msg in a comment is never flagged
export async function run(gid: number, mid: number) {
  await callApi('send_group_msg', { group_id: gid, message: 'hi' });
  await callApi('delete_msg', { message_id: mid, group_id: gid });
  await callApi('get_status', {});
  console.log('send_group_msg failed');
}
`;

let c;
before(async () => { c = await startServer(); });
after(async () => { await c.stop(); });

test('initialize advertises the features', () => {
  const caps = c.init.capabilities;
  assert.equal(caps.hoverProvider, true);
  assert.ok(caps.completionProvider);
  assert.deepEqual(caps.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.napcatMilky']);
  assert.equal(caps.textDocumentSync.change, 2);
});

test('didOpen publishes diagnostics on the NapCat names only', async () => {
  const uri = 'file:///w/bot.ts';
  await c.open(uri, 'typescript', BOT);
  const d = await c.waitForDiagnostics(uri, (p) => p.version === 1);
  const got = d.diagnostics.map((x) => [x.code, x.range.start.line, x.range.start.character, x.range.end.character]);
  // The plain-string message is a text segment (issue 10).
  assert.deepEqual(got, [['mapped', 3, 17, 31], ['segment', 3, 61, 63], ['ambiguous', 4, 17, 27], ['no-counterpart', 5, 17, 27]]);
  const first = d.diagnostics[0];
  assert.equal(first.source, 'napcat-milky');
  assert.equal(first.severity, 2);
  assert.deepEqual(first.tags, [2]);
  assert.match(first.codeDescription.href, /^https:\/\/milky\.ntqqrev\.org\/api\/message#send_group_message$/);
  assert.equal(first.data.preferred, 'send_group_message');
  assert.match(first.message, /send_group_message/);
});

test('didChange updates diagnostics (incremental edit)', async () => {
  const uri = 'file:///w/bot.ts';
  // Rename line 4's action by hand: send_group_msg → send_group_message.
  await c.change(uri, 2, [{ range: { start: { line: 3, character: 17 }, end: { line: 3, character: 31 } }, text: 'send_group_message' }]);
  const d = await c.waitForDiagnostics(uri, (p) => p.version === 2);
  // A string message is still not Milky: the segment finding stays at the Milky name.
  assert.deepEqual(d.diagnostics.map((x) => x.code), ['segment', 'ambiguous', 'no-counterpart']);
  await c.change(uri, 3, [{ range: { start: { line: 3, character: 17 }, end: { line: 3, character: 35 } }, text: 'send_group_msg' }]);
  await c.waitForDiagnostics(uri, (p) => p.version === 3 && p.diagnostics.length === 4);
});

test('a client that sends the whole text on each change (full sync) gets the same diagnostics as a fresh open', async () => {
  const uri = 'file:///w/full-sync.ts';
  await c.open(uri, 'typescript', BOT);
  await c.waitForDiagnostics(uri, (p) => p.version === 1);
  const edited = BOT.replace("'get_status'", "'get_status_x'").replace('// send_group_msg', '// a note: send_group_msg');
  await c.change(uri, 2, [{ text: edited }]);
  const d = await c.waitForDiagnostics(uri, (p) => p.version === 2);
  const fresh = 'file:///w/full-sync-fresh.ts';
  await c.open(fresh, 'typescript', edited);
  const f = await c.waitForDiagnostics(fresh, (p) => p.version === 1);
  const shape = (x) => x.diagnostics.map((y) => [y.code, y.range, y.message]);
  assert.deepEqual(shape(d), shape(f));
  assert.deepEqual(d.diagnostics.map((x) => x.code), ['mapped', 'segment', 'ambiguous']);
});

test('hover on a NapCat name shows the table label and the Milky target', async () => {
  const h = await c.request('textDocument/hover', { textDocument: { uri: 'file:///w/bot.ts' }, position: { line: 3, character: 20 } });
  assert.match(h.contents.value, /发送群聊消息/);
  assert.match(h.contents.value, /send_group_message/);
  assert.deepEqual(h.range, { start: { line: 3, character: 17 }, end: { line: 3, character: 31 } });
  const none = await c.request('textDocument/hover', { textDocument: { uri: 'file:///w/bot.ts' }, position: { line: 1, character: 10 } });
  assert.equal(none, null);
});

test('hover on a Milky name shows its input fields', async () => {
  const uri = 'file:///w/milky.ts';
  await c.open(uri, 'typescript', "callApi('send_group_message', { group_id: 1, message: [] });\n");
  const h = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 12 } });
  assert.match(h.contents.value, /group_id/);
  assert.match(h.contents.value, /POST \/api\/send_group_message/);
});

test('completion offers Milky endpoints inside an action string', async () => {
  const uri = 'file:///w/complete.ts';
  await c.open(uri, 'typescript', "callApi('send_gr');\nconsole.log('send_gr');\n");
  const items = await c.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 16 } });
  const item = items.find((i) => i.label === 'send_group_message');
  assert.ok(item, 'send_group_message offered');
  assert.match(item.detail, /group_id, message/);
  assert.deepEqual(item.textEdit.range, { start: { line: 0, character: 9 }, end: { line: 0, character: 16 } });
  const none = await c.request('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 20 } });
  assert.deepEqual(none, []);
});

test('code action: quick fix migrates the call; applying it clears the diagnostic', async () => {
  const uri = 'file:///w/fix.ts';
  const text = "await callApi('set_group_card', { group_id: 1, user_id: 2, card: 'x' });\n";
  await c.open(uri, 'typescript', text);
  const d = await c.waitForDiagnostics(uri);
  const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.diagnostics[0].range, context: { diagnostics: d.diagnostics } });
  const fix = actions.find((a) => a.kind === 'quickfix' && a.isPreferred);
  assert.ok(fix, 'a preferred quick fix');
  assert.match(fix.title, /set_group_member_card/);
  const next = applyTextEdits(text, fix.edit.changes[uri]);
  assert.equal(next, "await callApi('set_group_member_card', { group_id: 1, user_id: 2, card: 'x' });\n");
  await c.change(uri, 2, [{ text: next }]);
  const after = await c.waitForDiagnostics(uri, (p) => p.version === 2);
  assert.deepEqual(after.diagnostics, []);
  assert.ok(actions.some((a) => /Ignore this line/.test(a.title)));
});

test('code action: an ambiguous name offers every candidate, the decided one preferred', async () => {
  const uri = 'file:///w/amb.ts';
  await c.open(uri, 'typescript', "callApi('delete_msg', { message_id: 1, group_id: 2 });\ncallApi('get_stranger_info', { user_id: 3 });\n");
  const d = await c.waitForDiagnostics(uri);
  const a1 = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.diagnostics[0].range, context: { diagnostics: [] } });
  const quick = a1.filter((a) => a.kind === 'quickfix' && /Milky/.test(a.title));
  assert.deepEqual(quick.map((a) => [a.title.match(/`(\w+)`/)[1], !!a.isPreferred]), [['recall_group_message', true], ['recall_private_message', false]], 'preferred first');
  const a2 = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.diagnostics[1].range, context: { diagnostics: [] } });
  assert.ok(a2.filter((a) => a.kind === 'quickfix' && /Milky/.test(a.title)).every((a) => !a.isPreferred));
});

test('source.fixAll.napcatMilky migrates the whole file', async () => {
  const uri = 'file:///w/all.ts';
  const text = "callApi('send_private_msg', { user_id: 1, message: 'a' });\nfetch(`${base}/set_group_kick`, { method: 'POST' });\ncallApi('send_poke', { user_id: 2 });\n";
  await c.open(uri, 'typescript', text);
  await c.waitForDiagnostics(uri);
  const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, 'source.fixAll.napcatMilky');
  const next = applyTextEdits(text, actions[0].edit.changes[uri]);
  assert.equal(next, "callApi('send_private_message', { user_id: 1, message: [{ type: 'text', data: { text: 'a' } }] });\nfetch(`${base}/api/kick_group_member`, { method: 'POST' });\ncallApi('send_friend_nudge', { user_id: 2 });\n");
});

test('settings: severity off removes diagnostics without a restart; zh-cn messages', async () => {
  const uri = 'file:///w/bot.ts';
  c.state.settings = { severity: { noCounterpart: 'off' }, language: 'zh-cn' };
  await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  const d = await c.waitForDiagnostics(uri, (p) => p.diagnostics.length === 3 && /迁移|对应|Milky/.test(p.diagnostics[0].message) && /[\u4e00-\u9fff]/.test(p.diagnostics[0].message.replace(/（[^）]*）/g, '')));
  assert.deepEqual(d.diagnostics.map((x) => x.code), ['mapped', 'segment', 'ambiguous']);
  const h = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 20 } });
  assert.match(h.contents.value, /Milky 1\.2 端点/);
  c.state.settings = {};
  await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await c.waitForDiagnostics(uri, (p) => p.diagnostics.length === 4 && /is `send_group_message`/.test(p.diagnostics[0].message));
});

test('ignore comment and file-disable comment are honoured', async () => {
  const uri = 'file:///w/ignore.ts';
  await c.open(uri, 'typescript', "// napcat-milky-ignore-next-line\ncallApi('send_like', {});\ncallApi('send_like', {});\n");
  const d = await c.waitForDiagnostics(uri);
  assert.deepEqual(d.diagnostics.map((x) => x.range.start.line), [2]);
  const uri2 = 'file:///w/disabled.ts';
  await c.open(uri2, 'typescript', "// napcat-milky-disable\ncallApi('send_like', {});\n");
  const d2 = await c.waitForDiagnostics(uri2);
  assert.deepEqual(d2.diagnostics, []);
});

test('JSON: action values get diagnostics and the same fixes', async () => {
  const uri = 'file:///w/frames.json';
  const text = '{ "action": "send_group_msg", "params": { "group_id": 1, "message": "hi" }, "echo": "send_group_msg" }\n';
  await c.open(uri, 'json', text);
  const d = await c.waitForDiagnostics(uri);
  assert.deepEqual(d.diagnostics.map((x) => x.code), ['mapped', 'segment']);
  assert.match(d.diagnostics[0].message, /WebSocket/);
  const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.diagnostics[0].range, context: { diagnostics: d.diagnostics } });
  const fix = actions.find((a) => a.isPreferred);
  const next = applyTextEdits(text, fix.edit.changes[uri]);
  assert.equal(next, '{ "action": "send_group_message", "params": { "group_id": 1, "message": [{ "type": "text", "data": { "text": "hi" } }] }, "echo": "send_group_msg" }\n');
  assert.ok(!actions.some((a) => /Ignore this line/.test(a.title)), 'no comment in strict JSON');
});

test('a malformed file and a 5 MB file do not kill the server', async () => {
  await c.open('file:///w/broken.ts', 'typescript', "callApi('send_group_msg', { oops: \n\u0000\u0001 '");
  await c.waitForDiagnostics('file:///w/broken.ts');
  await c.open('file:///w/broken.json', 'json', '{ "action": "send_like", ');
  await c.waitForDiagnostics('file:///w/broken.json');
  const big = "callApi('send_like', {});\n".repeat(200_000);
  await c.open('file:///w/big.ts', 'typescript', big);
  const d = await c.waitForDiagnostics('file:///w/big.ts');
  assert.deepEqual(d.diagnostics, []);
  assert.ok(c.messages.some((m) => /maxFileSize/.test(m.message)), 'one notice about the size');
  const deep = '['.repeat(10000) + ']'.repeat(10000);
  await c.open('file:///w/deep.ts', 'typescript', `const x = ${deep};\ncallApi('send_like', {});\n`);
  await c.waitForDiagnostics('file:///w/deep.ts');
  assert.ok(c.messages.some((m) => /nested/.test(m.message)), 'a notice that it is too deeply nested');
  // Still serving.
  const h = await c.request('textDocument/hover', { textDocument: { uri: 'file:///w/bot.ts' }, position: { line: 3, character: 20 } });
  assert.ok(h);
});

test('a client that answers null to workspace/configuration gets defaults', async () => {
  const n = await startServer({ settings: null });
  try {
    const uri = 'file:///n/bot.ts';
    await n.open(uri, 'typescript', BOT);
    const d = await n.waitForDiagnostics(uri);
    assert.deepEqual(d.diagnostics.map((x) => [x.code, x.severity]), [['mapped', 2], ['segment', 2], ['ambiguous', 2], ['no-counterpart', 2]]);
  } finally { await n.stop(); }
});

test('pull diagnostics for clients that support them; zh-cn locale from initialize', async () => {
  const p = await startServer({ locale: 'zh-cn', initializationOptions: {}, capabilities: { textDocument: { diagnostic: {} } } });
  try {
    assert.ok(p.init.capabilities.diagnosticProvider);
    const uri = 'file:///p/bot.ts';
    await p.open(uri, 'typescript', BOT);
    const r = await p.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(r.kind, 'full');
    assert.equal(r.items.length, 4);
    assert.match(r.items[0].message, /在 Milky 1\.2 中是/);
    assert.equal(p.diagnostics.size, 0, 'nothing pushed when pulling');
  } finally { await p.stop(); }
});
