// Protocol test for Python documents: the bundled server over stdio loads the Python parser on the
// first .py document, publishes diagnostics, follows incremental edits, hovers, completes and fixes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, applyTextEdits } from './lsp-client.mjs';

const BOT = `from nonebot.adapters.onebot.v11 import Bot

# send_group_msg in a comment is never flagged
async def run(bot: Bot, gid: int):
    await bot.call_api("send_group_msg", group_id=gid, message="hi")
    await bot.call_api("get_status")
    print("send_group_msg failed")
`;

let c;
before(async () => { c = await startServer(); });
after(async () => { await c.stop(); });

const uri = 'file:///w/bot.py';

test('initialize answers without loading the Python parser, a .py document gets diagnostics', async () => {
  await c.open(uri, 'python', BOT);
  const d = await c.waitForDiagnostics(uri, (p) => p.version === 1);
  const got = d.diagnostics.filter((x) => x.code !== 'framework').map((x) => [x.code, x.range.start.line, x.range.start.character, x.range.end.character]);
  // The plain message is one text segment in Milky (as in TS): a segment finding on its content.
  assert.deepEqual(got, [['mapped', 4, 24, 38], ['segment', 4, 64, 66], ['no-counterpart', 5, 24, 34]]);
  assert.match(d.diagnostics.find((x) => x.code === 'mapped').message, /send_group_message/);
});

test('an incremental edit re-parses (tree-sitter edit + reparse)', async () => {
  await c.change(uri, 2, [{ range: { start: { line: 4, character: 24 }, end: { line: 4, character: 38 } }, text: 'send_group_message' }]);
  const d = await c.waitForDiagnostics(uri, (p) => p.version === 2);
  assert.deepEqual(d.diagnostics.filter((x) => x.code !== 'framework').map((x) => x.code), ['segment', 'no-counterpart']);
  await c.change(uri, 3, [{ range: { start: { line: 4, character: 24 }, end: { line: 4, character: 42 } }, text: 'send_group_msg' }]);
  await c.waitForDiagnostics(uri, (p) => p.version === 3 && p.diagnostics.filter((x) => x.code !== 'framework').length === 3);
  // A broken line while typing keeps the other sites.
  await c.change(uri, 4, [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: '    await bot.call_api("\n' }]);
  const broken = await c.waitForDiagnostics(uri, (p) => p.version === 4);
  assert.deepEqual(broken.diagnostics.filter((x) => x.code !== 'framework').map((x) => x.code), ['mapped', 'segment', 'no-counterpart']);
  await c.change(uri, 5, [{ range: { start: { line: 6, character: 0 }, end: { line: 7, character: 0 } }, text: '' }]);
  await c.waitForDiagnostics(uri, (p) => p.version === 5);
});

test('hover on a NapCat name in Python', async () => {
  const h = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 28 } });
  assert.match(h.contents.value, /send_group_message/);
});

test('completion of Milky names in call_api("…") and action="…"', async () => {
  const u = 'file:///w/complete.py';
  await c.open(u, 'python', 'await bot.call_api("send_\nframe(action="get_\n');
  const items = await c.request('textDocument/completion', { textDocument: { uri: u }, position: { line: 0, character: 25 } });
  assert.ok(items.some((i) => i.label === 'send_group_message'));
  const kw = await c.request('textDocument/completion', { textDocument: { uri: u }, position: { line: 1, character: 18 } });
  assert.ok(kw.some((i) => i.label === 'get_login_info'));
});

test('the quick fix renames the action string; ignore-line uses a # comment', async () => {
  const d = await c.waitForDiagnostics(uri, (p) => p.version === 5);
  const mapped = d.diagnostics.find((x) => x.code === 'mapped');
  const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: mapped.range, context: { diagnostics: [mapped] } });
  const fix = actions.find((a) => a.isPreferred);
  assert.ok(fix, 'a preferred quick fix');
  const out = applyTextEdits(BOT, fix.edit.changes[uri]);
  assert.ok(out.includes('await bot.call_api("send_group_message", group_id=gid, message=[{ "type": "text", "data": { "text": "hi" } }])'), out);
  const ignore = actions.find((a) => /ignore|忽略/i.test(a.title) && a.edit.changes[uri][0].newText.includes('napcat-milky-ignore-next-line'));
  assert.ok(ignore);
  assert.equal(ignore.edit.changes[uri][0].newText, '    # napcat-milky-ignore-next-line\n');
});
