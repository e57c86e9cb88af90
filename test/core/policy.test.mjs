// The detection policy of ARCHITECTURE.md, rule by rule, as a table of small snippets.
// Every expected finding is marked inline as ⟦written:kind[:napcat]⟧ (the markers are stripped
// before analysis; their positions become the expected UTF-16 offsets). A snippet without markers
// must give no finding at all.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { core, markup, shape } from './helpers.mjs';

const TS = 'typescript';
const JS = 'javascript';
const TSX = 'typescriptreact';
const JSX = 'javascriptreact';
const JSON_ = 'json';
const JSONC = 'jsonc';

/** [rule, languageId, marked-up source] */
const FLAG = [
  // ---- Flag 1: a string literal whose whole content is a NapCat name, in any position ----------
  ['flag 1 call argument', TS, "await bot.callApi('⟦set_group_card:mapped⟧', { group_id, user_id, card });"],
  ['flag 1 not the first argument', TS, 'net.invokeAction(endpointId, "⟦get_group_list:same-name⟧");'],
  ['flag 1 third argument', JS, "client.request(ws, 3, '⟦send_like:mapped⟧');"],
  ['flag 1 default value in destructuring', TS, "const { action = '⟦send_private_msg:mapped⟧' } = opts;"],
  ['flag 1 default parameter value', TS, "function run(action = '⟦get_status:no-counterpart⟧') { return action; }"],
  ['flag 1 case label', TS, "switch (a) { case '⟦set_group_kick:mapped⟧': break; case \"⟦set_group_leave:mapped⟧\": break; }"],
  ['flag 1 comparison operand', TS, 'if (a === "⟦set_group_leave:mapped⟧") {}'],
  ['flag 1 comparison operand, left side', JS, "if ('⟦delete_msg:ambiguous⟧' == req.action) { }"],
  ['flag 1 union members', TS, "type Act = '⟦get_msg:mapped⟧' | '⟦get_forward_msg:mapped⟧';"],
  ['flag 1 enum initializer', TS, "enum A { Ban = '⟦set_group_ban:mapped⟧', Kick = '⟦set_group_kick:mapped⟧' }"],
  ['flag 1 UI option value', TS, "const options = [{ name: 'Like', value: '⟦send_like:mapped⟧' }];"],
  ['flag 1 variable initializer', TS, "const ACTION = '⟦get_msg:mapped⟧';"],
  ['flag 1 ternary branches in a return', TS, "function pick(ok: boolean) { return ok ? '⟦set_group_ban:mapped⟧' : '⟦set_group_kick:mapped⟧'; }"],
  ['flag 1 assignment', JS, "let a; a = '⟦delete_msg:ambiguous⟧';"],
  ['flag 1 array elements', JS, "const list = ['⟦get_friend_list:same-name⟧', \"⟦get_status:no-counterpart⟧\", `⟦send_msg:no-counterpart⟧`];"],
  ['flag 1 template literal without substitutions', TS, 'bot.call(`⟦send_group_msg:mapped⟧`, payload);'],
  ['flag 1 computed key', TS, "const m = { ['⟦send_group_msg:mapped⟧']: onSend };"],
  ['flag 1 quoted object key', TS, "const m = { '⟦set_group_ban:mapped⟧': 1, \"⟦get_cookies:same-name⟧\": 2 };"],
  ['flag 1 property value', JS, "module.exports = { act: '⟦send_poke:ambiguous⟧' };"],
  ['flag 1 element access', TS, "handlers['⟦send_like:mapped⟧'](ctx);"],
  ['flag 1 as const / parenthesized', TS, "const a = ('⟦get_msg:mapped⟧') as const; const b = '⟦get_image:no-counterpart⟧' satisfies string;"],
  ['flag 1 includes argument', TS, "if (['x'].includes('⟦set_group_card:mapped⟧')) {}"],
  ['flag 1 Map.set key', TS, "registry.set('⟦set_group_admin:mapped⟧', handler);"],
  ['flag 1 underscore-prefixed and PascalCase table names', TS, "const a = ['⟦_get_group_notice:mapped⟧', '⟦ArkSharePeer:no-counterpart⟧', '⟦_mark_all_as_read:no-counterpart⟧'];"],
  ['flag 1 names the table lists that NapCat never had', TS, "const a = ['⟦get_friend_requests:same-name⟧', '⟦accept_group_invitation:same-name⟧', '⟦get_group_announcement:mapped⟧'];"],
  ['flag 1 table says none, Milky has a candidate', TS, "send('⟦set_qq_avatar:no-counterpart⟧'); send('⟦set_self_longnick:no-counterpart⟧');"],
  ['flag 1 ambiguous names', TS, "const a = ['⟦get_stranger_info:ambiguous⟧', '⟦set_friend_add_request:ambiguous⟧', '⟦set_group_add_request:ambiguous⟧'];"],
  ['flag 1 callee receiver of rpc is outside its argument list', TS, "getClient('⟦get_msg:mapped⟧').rpc(x);"],
  ['flag 1 nested params object: action key anywhere', TS, "foo({ params: { action: '⟦get_msg:mapped⟧' } });"],
  ['flag 1 Map entries', TS, "const m = new Map([['⟦send_like:mapped⟧', f]]);"],
  ['flag 1 class property initializers', TS, "class A { action = '⟦send_like:mapped⟧'; static b = '⟦get_msg:mapped⟧'; }"],
  ['flag 1 in operator', TS, "if ('⟦send_like:mapped⟧' in handlers) {}"],
  ['flag 1 decorator argument', TS, "@Action('⟦send_like:mapped⟧') class X {}"],
  ['flag 1 export default', TS, "export default '⟦get_msg:mapped⟧';"],
  ['flag 1 optional call, tagged template', TS, "foo?.('⟦send_like:mapped⟧'); tag`⟦get_msg:mapped⟧`;"],
  ['flag 1 echo before action in the same object', TS, "const f = { echo: 'get_msg', action: '⟦get_msg:mapped⟧' };"],
  ['flag 1 url_for nested in a flagged call', TS, "callApi('⟦get_msg:mapped⟧', { url: url_for('download_file') });"],
  ['flag 1 .mjs-style JS object in an array of frames', JS, "const frames = [{ action: '⟦get_group_member_info:same-name⟧' }, { action: '⟦mark_msg_as_read:mapped⟧' }];"],

  // ---- Flag 2: URL / path strings whose last segment is a NapCat name --------------------------
  ['flag 2 static part of a template', TS, 'axios.post(`${base}/⟦send_group_msg:mapped⟧`, body);'],
  ['flag 2 one side of +, query allowed', TS, "fetch(BASE + '/⟦get_group_member_list:same-name⟧?no_cache=true');"],
  ['flag 2 left side of +', JS, "fetch('/⟦get_msg:mapped⟧' + '?message_id=' + id);"],
  ['flag 2 absolute URL', TS, "await fetch('http://127.0.0.1:3000/⟦set_group_whole_ban:mapped⟧', { method: 'POST' });"],
  ['flag 2 relative path without leading slash', TS, "post('bot/⟦send_like:mapped⟧');"],
  ['flag 2 /api/ prefix already there', TS, "post('/api/⟦send_private_msg:mapped⟧');"],
  ['flag 2 query string on an ambiguous name', JS, "fetch('/⟦delete_msg:ambiguous⟧?message_id=1');"],
  ['flag 2 template with substitutions before the last segment', TS, 'const u = `http://${host}:${port}/⟦get_login_info:same-name⟧`;'],
  ['flag 2 template with substitution in the query', TS, 'const u = `${base}/⟦get_group_member_info:same-name⟧?group_id=${g}`;'],
  ['flag 2 template then + query', TS, "const a = `${base}/⟦get_msg:mapped⟧` + '?x=1';"],
  ['flag 2 both ternary branches, one already /api/', TS, "x = cond ? '/api/⟦get_msg:mapped⟧' : '/⟦send_like:mapped⟧';"],
  ['flag 2 query in a template', TS, 'fetch(`/⟦send_like:mapped⟧?times=${n}`);'],
  ['flag 2 JSON url value', JSON_, '{ "url": "http://127.0.0.1:3000/⟦set_group_whole_ban:mapped⟧" }'],
  ['flag 2 JSON path with query', JSON_, '{ "endpoints": ["/⟦get_group_list:same-name⟧?no_cache=true", "/⟦set_group_card:mapped⟧"] }'],

  // ---- Flag 3: member calls named after actions (SDK methods) ----------------------------------
  ['flag 3 SDK method', TS, 'await napcat.⟦set_group_ban:mapped⟧({ group_id, user_id, duration: 60 });'],
  ['flag 3 SDK method without args', TS, 'const groups = await this.client.⟦get_group_list:same-name⟧();'],
  ['flag 3 optional chaining', TS, 'bot?.⟦send_like:mapped⟧({ user_id: 1 });'],
  ['flag 3 JS SDK method, ambiguous', JS, 'client.⟦delete_msg:ambiguous⟧({ message_id: 1 });'],
  ['flag 3 no-counterpart SDK method', JS, 'napcat.⟦get_status:no-counterpart⟧().then(print);'],

  // ---- Flag 4: Koishi camelCase on bot.internal ------------------------------------------------
  ['flag 4 Koishi camelCase', TS, "if (session.platform === 'onebot') await session.bot.internal.⟦setGroupCard:mapped:set_group_card⟧(gid, uid, 'x');"],
  ['flag 4 this.bot.internal', TS, "if (session.platform === 'onebot') this.bot.internal.⟦sendLike:mapped:send_like⟧(uid);"],
  ['flag 4 Koishi ambiguous', TS, "if (session.platform === 'onebot') await bot.internal.⟦deleteMsg:ambiguous:delete_msg⟧(messageId);"],
  ['flag 4 bare internal receiver', JS, "import { OneBotBot } from 'koishi-plugin-adapter-onebot'; internal.⟦sendGroupMsg:mapped:send_group_msg⟧(gid, text);"],
  ['flag 4 same-name via camelCase', TS, "const list = await ctx.bots.find((b) => b.platform === 'onebot').internal.⟦getGroupMemberList:same-name:get_group_member_list⟧(gid);"],
  ['flag 4 no-counterpart via camelCase', TS, "await session.onebot ? bot.internal.⟦setQqAvatar:no-counterpart:set_qq_avatar⟧(file) : 0;"],

  // ---- Flag 5: "action":"name" JSON text inside a longer string ---------------------------------
  ['flag 5 template frame', TS, 'ws.send(`{"action":"⟦get_group_info:same-name⟧","params":{"group_id":${id}}}`);'],
  ['flag 5 single-quoted frame with spaces', JS, 'ws.send(\'{"action": "⟦send_group_msg:mapped⟧", "params": {"group_id": 1}}\');'],
  ['flag 5 escaped quotes in a JS string', JS, 'const s = "{\\"action\\":\\"⟦send_like:mapped⟧\\",\\"params\\":{}}";'],
  ['flag 5 escaped quotes in a JSON string', JSON_, '{ "payload": "{\\"action\\":\\"⟦delete_msg:ambiguous⟧\\"}" }'],

  // ---- Flag 6: unquoted keys / interface members -----------------------------------------------
  ['flag 5 two frames in one string', TS, 'ws.send(\'[{"action":"⟦get_msg:mapped⟧"},{"action":"⟦send_like:mapped⟧","echo":"send_like"}]\');'],
  ['flag 5 multi-line template frame', JS, 'const s = `{\n  "action": "⟦send_like:mapped⟧",\n  "params": {}\n}`;'],
  ['flag 6 action-keyed map', TS, 'const handlers = { ⟦delete_msg:ambiguous⟧: onRecall, ⟦send_like:mapped⟧: onLike };'],
  ['flag 6 interface member', TS, 'interface Api { ⟦get_stranger_info:ambiguous⟧: (p: P) => R }'],
  ['flag 6 type literal method signature', TS, 'type Api = { ⟦send_group_msg:mapped⟧(p: P): R; ⟦get_login_info:same-name⟧(): L };'],
  ['flag 6 quoted interface member', TS, "interface Api { '⟦set_group_kick:mapped⟧': X }"],
  ['flag 6 object method', JS, 'const api = { ⟦get_msg:mapped⟧() { return 1; } };'],

  // ---- Flag 7: upstream spellings ----------------------------------------------------------------
  ['flag 7 .handle_quick_operation', TS, "call('⟦.handle_quick_operation:no-counterpart:handle_quick_operation⟧', { context, operation });"],
  ['flag 7 plain handle_quick_operation', TS, "call('⟦handle_quick_operation:no-counterpart⟧', { context, operation });"],
  ['flag 7 .handle_quick_operation in JSON', JSON_, '{ "action": "⟦.handle_quick_operation:no-counterpart:handle_quick_operation⟧", "params": {} }'],
  ['flag 7 .handle_quick_operation as a URL segment', TS, "fetch(base + '/⟦.handle_quick_operation:no-counterpart:handle_quick_operation⟧');"],

  // ---- JSON / JSONC ----------------------------------------------------------------------------
  ['JSON action frame', JSON_, '{ "action": "⟦send_group_msg:mapped⟧", "params": { "group_id": 1 }, "echo": "x" }'],
  ['JSON key', JSON_, '{ "permissions": { "⟦set_group_ban:mapped⟧": "admin" } }'],
  ['JSON array of names', JSON_, '["⟦get_msg:mapped⟧", "⟦get_status:no-counterpart⟧", "⟦send_poke:ambiguous⟧"]'],
  ['JSON nested value', JSON_, '{ "a": { "b": [ { "c": "⟦set_group_portrait:mapped⟧" } ] } }'],
  ['JSONC with comments and trailing comma', JSONC, '// send_group_msg here is only a comment\n{\n  /* "delete_msg" */\n  "action": "⟦get_msg:mapped⟧", // set_group_ban\n}\n'],

  // ---- TSX / JSX: attribute values are strings like any other ----------------------------------
  ['TSX attribute string value', TSX, 'const b = <Btn action="⟦send_like:mapped⟧" />;'],
  ['TSX attribute expression', TSX, "const b = <Btn action={'⟦get_msg:mapped⟧'}>like</Btn>;"],
  ['TSX expression container child', TSX, "const b = <b>{'⟦set_group_ban:mapped⟧'}</b>;"],
  ['TSX attribute URL template', TSX, 'const x = <A href={`/⟦send_like:mapped⟧`} />;'],
  ['JSX attribute string value', JSX, 'const b = <Option value="⟦set_group_kick:mapped⟧" label="Kick" />;'],
];

const NEVER = [
  // ---- Never 1: comments ------------------------------------------------------------------------
  ['never 1 line comment', TS, '// TODO: replace send_group_msg with the Milky call\nconst x = 1;'],
  ['never 1 quoted name in a comment', TS, "/* bot.callApi('delete_msg', p) */ const x = 1;"],
  ['never 1 JSDoc', TS, "/**\n * Wraps 'send_like'.\n * @see get_msg\n */\nfunction like() {}"],
  ['never 1 comment inside a call', JS, "foo(/* 'get_msg' */ x, // 'send_group_msg'\n y);"],
  ['never 1 JSONC comment, live value is Milky', JSONC, '{ /* "action": "delete_msg", */ "action": "recall_group_message" }'],
  ['never 1 JSONC line comments', JSONC, '{\n  // "action": "send_group_msg"\n  "x": 1\n}'],
  ['never 1 JSX comment', TSX, "const b = <div>{/* 'send_like' */}</div>;"],

  // ---- Never 2: a name inside a longer non-path string -------------------------------------------
  ['never 2 log text', TS, "logger.warn('send_group_msg failed, retrying');"],
  ['never 2 i18n key', TS, "t('errors.set_group_ban');"],
  ['never 2 metric key', TS, "metrics.inc('napcat.send_like.count');"],
  ['never 2 test title', JS, "it('send_group_msg sends text', () => {});"],
  ['never 2 cache key', TS, "cache.get('get_group_list:' + gid);"],
  ['never 2 usage text', JS, 'console.log("usage: send_like <user_id> [times]");'],
  ['never 2 longer identifier-like strings', TS, "const a = ['send_group_msg_v2', 'my_send_like', 'get_msg2', 'xdelete_msg'];"],
  ['never 2 template text', TS, 'const s = `calling get_msg for ${id}`;'],
  ['never 2 JSON description text', JSON_, '{ "description": "calls get_msg then delete_msg" }'],
  ['never 2 JSON key containing a name', JSON_, '{ "errors.set_group_ban": "no", "send_like_count": 3 }'],

  // ---- Never 3: echo labels -------------------------------------------------------------------
  ['never 3 echo value next to a flagged action', TS, "ws.send(JSON.stringify({ action: '⟦get_group_list:same-name⟧', echo: 'get_group_list' }));"],
  ['never 3 echo template label', TS, 'const frame = { action: a, echo: `send_group_msg-${n}` };'],
  ['never 3 echo variable', TS, "const echo = 'delete_msg';"],
  ['never 3 echo assignment', JS, "frame.echo = 'send_like';"],
  ['never 3 JSON echo', JSON_, '{ "action": "⟦get_msg:mapped⟧", "params": { "message_id": 1 }, "echo": "get_msg" }'],

  // ---- Never 4: names known only at run time --------------------------------------------------------
  ['never 4 substitution is the name', TS, 'fetch(`/${action}`);'],
  ['never 4 name split across literals', TS, "bot.callApi('send_' + 'group_msg', p);"],
  ['never 4 substitution inside the name', TS, 'bot.callApi(`send_${kind}_msg`, p);'],
  ['never 4 substitution inside a URL segment', TS, 'fetch(`${base}/send_group_${suffix}`);'],
  ['never 4 substitution before the name in a segment', TS, 'fetch(`${base}/${prefix}get_msg`);'],
  ['never 4 path split across literals', JS, "fetch('/send_group_' + 'msg');"],

  // ---- Never 5: local functions, SCREAMING_CASE --------------------------------------------------
  ['never 5 local definition and bare call', JS, "function send_group_msg(ws, gid, text) { return ws; }\nsend_group_msg(ws, 1, 'hi');"],
  ['never 5 arrow function variable', TS, 'const get_msg = (id: number) => id;\nget_msg(1);'],
  ['never 5 variable named after an action', TS, 'let delete_msg = 1; delete_msg += 1;'],
  ['never 5 SCREAMING_CASE', TS, 'const SEND_GROUP_MSG_TIMEOUT = 5000;\nconst SEND_LIKE = 1;\nenum E { GET_MSG, DELETE_MSG }'],
  ['never 5 parameter named after an action', TS, 'function f(send_like: number) { return send_like; }'],

  // ---- Never 6: Milky names that are not NapCat names --------------------------------------------
  ['never 6 Milky endpoint, opaque params', TS, "bot.callApi('send_group_message', p);"],
  ['never 6 Milky endpoint, valid params', TS, "bot.callApi('recall_group_message', { group_id: 1, message_seq: 2 });"],
  ['never 6 Milky URL', TS, "fetch('/api/send_private_message', { method: 'POST', body: JSON.stringify(p) });"],
  ['never 6 Milky JSON action', JSON_, '{ "action": "get_group_announcements" }'],
  ['never 6 Milky SDK-style method', JS, 'milky.send_group_message({ group_id: 1, message: m });'],
  ['never 6 Milky keys', TS, 'const h = { send_group_nudge: a, recall_private_message: b };'],

  // ---- Never 7: OneBot 11 names neither NapCat nor the table has -----------------------------------
  ['never 7 set_group_anonymous_ban', TS, "callApi('set_group_anonymous_ban', p);"],
  ['never 7 set_group_anonymous', JSON_, '{ "action": "set_group_anonymous", "params": { "group_id": 1 } }'],

  // ---- Never 8: rpc / invoke / url_for, non-final path segments, Satori methods ---------------------
  ['never 8 supabase rpc', TS, "await supabase.rpc('send_poke', args);"],
  ['never 8 supabase functions.invoke', TS, "await supabase.functions.invoke('delete_msg');"],
  ['never 8 nested object inside invoke', TS, "await fns.invoke('billing', { body: { action: 'get_status' } });"],
  ['never 8 deeply nested inside invoke', JS, "invoke('x', { a: [{ b: { c: 'send_like' } }], d: ['get_msg'] });"],
  ['never 8 Tauri invoke', TS, "await invoke('get_status');"],
  ['never 8 Electron ipcRenderer.invoke', JS, "ipcRenderer.invoke('get_group_list', 1);"],
  ['never 8 element-access rpc callee', TS, "client['rpc']('get_msg');"],
  ['never 8 this.invoke', TS, "this.invoke('send_like');"],
  ['never 8 call nested in invoke arguments', TS, "invoke('x', foo('get_msg'), `/send_like`);"],
  ['never 8 SDK method, camelCase and key inside invoke arguments', TS, "invoke('x', napcat.send_group_msg({}), bot.internal.sendLike(1), { send_like: 1 });"],
  ['never 8 Flask url_for', JS, "const u = url_for('download_file');"],
  ['never 8 rpc with an action-looking payload', TS, "db.rpc('get_msg', { action: 'send_group_msg' });"],
  ['never 8 Satori universal method', TS, 'await bot.deleteMessage(channelId, id);'],
  ['never 8 camelCase not on .internal', TS, "await bot.setGroupCard(gid, uid, 'x');\nawait session.bot.getGroupList();"],
  ['never 8 name not the last path segment', TS, "app.get('/download_file/:id', handler);"],
  ['never 8 name in the middle of a path', JS, "fetch('/get_msg/123?x=1');"],
  ['never 8 name as a directory in a template', TS, 'fetch(`/send_group_msg/${id}`);'],

  // ---- Never 9: JSX text --------------------------------------------------------------------------
  ['never 9 JSX text (TSX)', TSX, 'const b = <button>send_like</button>;'],
  ['never 9 JSX text (JSX)', JSX, 'const p = <p>get_msg</p>;'],
  ['never 9 JSX text next to a flagged attribute', TSX, 'const b = <Btn action="⟦delete_msg:ambiguous⟧">delete_msg</Btn>;'],
  ['never 9 multi-line JSX text', JSX, 'const p = (\n  <div>\n    send_group_msg\n    set_group_ban\n  </div>\n);'],
];

function check(rule, lang, src) {
  const { text, expected } = markup(src);
  const analysis = core.analyzeDocument(text, lang);
  assert.equal(analysis.skipped, undefined, `snippet must parse: ${analysis.skipped}`);
  assert.deepEqual(shape(text, analysis.findings), expected);
}

describe('policy: flag', () => {
  for (const [rule, lang, src] of FLAG) {
    test(`${rule} [${lang}]: ${src.replace(/\n/g, '⏎')}`, () => check(rule, lang, src));
  }
});

describe('policy: never flag', () => {
  for (const [rule, lang, src] of NEVER) {
    test(`${rule} [${lang}]: ${src.replace(/\n/g, '⏎')}`, () => check(rule, lang, src));
  }
});

describe('policy: kinds and ranges', () => {
  test('every rule test snippet has a finding for flag rules', () => {
    for (const [rule, , src] of FLAG) assert.ok(markup(src).expected.length > 0, rule);
  });

  test('.handle_quick_operation: the range starts at the dot', () => {
    const text = "call('.handle_quick_operation', {});";
    const [f] = core.analyze(text, TS);
    assert.equal(f.start, text.indexOf('.handle'));
    assert.equal(f.end, text.indexOf("', {"));
    assert.equal(f.napcat, 'handle_quick_operation');
  });

  test('URL finding excludes the slash and the query', () => {
    const text = "fetch('/get_msg?message_id=1');";
    const [f] = core.analyze(text, TS);
    assert.equal(text.slice(f.start, f.end), 'get_msg');
    assert.equal(text[f.start - 1], '/');
    assert.equal(f.site.callSite, 'url');
  });

  test('Koishi camelCase: the range is the method name, napcat is the snake_case name', () => {
    const text = "if (session.platform === 'onebot') bot.internal.sendPrivateMsg(uid, \"hi\");";
    const [f, ...rest] = core.analyze(text, TS);
    assert.equal(rest.length, 0);
    assert.equal(text.slice(f.start, f.end), 'sendPrivateMsg');
    assert.equal(f.napcat, 'send_private_msg');
    assert.equal(f.site.callSite, 'camel');
    assert.deepEqual(f.milky, ['send_private_message']);
  });

  test('same-name is reported at every flag site', () => {
    const sites = [
      [TS, "callApi('get_group_info', x);"],
      [TS, "fetch('/get_group_info');"],
      [TS, 'napcat.get_group_info(x);'],
      [TS, "if (session.platform === 'onebot') bot.internal.getGroupInfo(gid);"],
      [TS, "ws.send('{\"action\":\"get_group_info\"}');"],
      [TS, 'const h = { get_group_info: f };'],
      [JSON_, '{ "get_group_info": 1 }'],
    ];
    for (const [lang, text] of sites) {
      const fs = core.analyze(text, lang).filter((f) => f.napcat);
      assert.equal(fs.length, 1, text);
      assert.equal(fs[0].kind, 'same-name', text);
      assert.equal(fs[0].napcat, 'get_group_info', text);
    }
  });
});
