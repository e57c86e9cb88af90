// Issue 9's rules for real code, one case each: where names are not NapCat calls, and fixes that never
// break a file or flip its meaning. Each rule is documented with its example in docs/ARCHITECTURE.md.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { core, fix } from './helpers.mjs';

const names = (text, lang = 'typescript', opts) => core.analyze(text, lang, opts).map((f) => `${f.kind}:${core.napcatOf(f) ?? core.milkyOf(f)[0]}`);

describe('A. quiet where the names are not NapCat calls', () => {
  test('A1 a file that imports the Milky types speaks Milky: same-name and table-only names are quiet, NapCat-only names are not', () => {
    const text = "import type { SendGroupMessageInput } from '@saltify/milky-types';\ncallApi('get_friend_list', {});\ncallApi('accept_group_invitation', { group_id: 1, invitation_seq: 2 });\ncallApi('create_group_file_folder', { group_id: 1, name: 'x' });\n";
    assert.deepEqual(names(text), ['mapped:create_group_file_folder']);
  });
  test('A1 /api/<endpoint> URLs outweigh a NapCat leftover', () => {
    const text = "post(`${base}/api/send_group_message`, body);\npost(`${base}/api/get_group_info`, { group_id: 1 });\ncallApi('get_friend_list', {});\n";
    assert.deepEqual(names(text).filter((n) => n.startsWith('same-name')), []);
  });
  test('A1 a NapCat mock that accepts one Milky name is still NapCat code', () => {
    const text = "switch (action) { case 'send_group_msg': case 'delete_msg': case 'get_group_list': return ok(); }\ncallApi('send_group_message', { group_id: 1, message: [] });\n";
    assert.ok(names(text).includes('same-name:get_group_list'));
  });
  test('A1 a bare milky in a package name is not enough', () => {
    assert.deepEqual(names("import { x } from '@onebots/protocol-milky-v1';\ncallApi('get_group_list', {});\n"), ['same-name:get_group_list']);
  });
  test('A2 OneBot 12 code is quiet (detail_type, get_self_info), also its get_message', () => {
    assert.deepEqual(names("if (e.detail_type === 'group') send({ action: 'get_message', params: { message_id: '1' } });\n"), []);
  });
  test('A2 a OneBot 12 sender is quiet', () => {
    assert.deepEqual(names("this.sendV12Action('get_friend_list', {});\n"), []);
  });
  test('A2 an icqq file is quiet', () => {
    assert.deepEqual(names("import { createClient } from 'icqq';\nconst table = { send_group_msg: 'sendGroupMsg' };\n"), []);
  });
  test('A2 camelCase on .internal needs OneBot context', () => {
    assert.deepEqual(names('const file = await this.internal.getFile({ file_id });\n'), []);
    assert.deepEqual(names("if (session.platform === 'onebot') await bot.internal.getFile(id);\n"), ['mapped:get_file']);
  });
  test('A3 test titles, assertion messages and a second action argument are labels', () => {
    assert.deepEqual(names("describe('get_group_msg_history', () => {});\nit.only('send_group_msg', () => {});\n"), []);
    assert.deepEqual(names("assertSuccess(res, 'set_group_ban');\nassert.ok(r, 'set_group_ban');\nassert.equal(a, b, 'set_group_ban');\n"), []);
    assert.deepEqual(names("sendApi(Action.setGroupBan, params, 'set_group_ban');\n"), []);
  });
  test('A3 expected values in matchers stay flagged', () => {
    assert.deepEqual(names("expect(sent).toContain('set_group_kick');\nassert.equal(action, 'set_group_kick');\n"), ['mapped:set_group_kick', 'mapped:set_group_kick']);
  });
  test('A4 definitions are quiet unless asked for, and never rewritten', () => {
    const text = "Object.assign(bot, { send_private_msg: (user_id, msg) => call('x', { user_id, msg }) });\nclass Api { 'set_group_ban' = (p) => this.send(p); }\nInternal.define('get_msg', 'message_id');\n";
    assert.deepEqual(names(text), []);
    assert.equal(names(text, 'typescript', { reportDefinitions: true }).length, 3);
    const out = fix(text, 'typescript');
    assert.equal(out.text, text);
  });
  test('A4 a dispatch table read as map[action] keeps its kind', () => {
    assert.deepEqual(names("const handlers = { send_group_msg: onSend };\nhandlers[action](params);\n"), ['mapped:send_group_msg']);
  });
  test('A5 session.onebot.<camelCase> and dotted spellings', () => {
    assert.deepEqual(names('await session.onebot.setGroupBan(gid, uid, 60);\n'), ['mapped:set_group_ban']);
    assert.deepEqual(names("sendApi('.ocr_image', { image });\n"), ['no-counterpart:ocr_image']);
  });
});

describe('B. fixes that never break a file or flip its meaning', () => {
  test('B1 keys that would become equal are not renamed, and say why', () => {
    const text = 'interface Api {\n  mark_private_msg_as_read: P;\n  mark_group_msg_as_read: G;\n  get_msg: M;\n}\n';
    const { text: out, plan } = fix(text, 'typescript');
    assert.equal(out, text.replace('get_msg:', 'get_message:'));
    assert.deepEqual(plan.manual.filter((m) => m.steps.some((s) => s.code === 'duplicate')).map((m) => m.finding.napcat), ['mark_private_msg_as_read', 'mark_group_msg_as_read']);
  });
  test('B1 a rename onto a key already there is blocked', () => {
    const text = "const m = { 'get_msg': 1, 'get_message': 2 };\n";
    assert.equal(fix(text, 'typescript').text, text);
  });
  test('B2 an alias whose target needs a constant waits for a person, with the constant to add', () => {
    const text = "enum Action { deleteEssenceMsg = 'delete_essence_msg' }\nsendApi(Action.deleteEssenceMsg, { message_id });\n";
    const { text: out, plan } = fix(text, 'typescript');
    assert.equal(out, text);
    assert.ok(plan.manual.flatMap((m) => m.steps).some((s) => s.code === 'constant' && s.field === 'is_set' && s.value === false));
  });
  test('B2 with the params beside it the constant is added', () => {
    assert.equal(fix("callApi('delete_essence_msg', { message_id: 1 });", 'typescript').text, "callApi('set_group_essence_message', { is_set: false, message_id: 1 });");
  });
  test('B3 no guess between request and invitation', () => {
    assert.equal(core.analyze("callApi('set_group_add_request', { flag, approve: true });", 'typescript')[0].preferred, undefined);
    assert.equal(core.analyze("callApi('set_group_add_request', { flag, sub_type: 'add', approve: true });", 'typescript')[0].preferred, 'accept_group_request');
  });
  test('B4 the one-file checker drops a rename that adds a duplicate the sets did not see', () => {
    const text = "enum A { x = 'get_msg' }\nenum B { y = 'get_message' }\ninterface I { [A.x]: 1; [B.y]: 2 }\n";
    const r = core.fixFile(text, 'typescript', core.analyze(text, 'typescript'));
    // The rename would make the two computed keys equal: it is dropped, and the step says why.
    assert.equal(r.outcome, 'unchanged');
    assert.deepEqual(r.plan.manual.flatMap((m) => m.steps.map((x) => x.code)), ['checker']);
  });
  test('B5 inserted text follows the file\'s quotes', () => {
    assert.equal(fix('sendApi("get_group_msg_history", { group_id });', 'javascript').text, 'sendApi("get_history_messages", { message_scene: "group", peer_id: group_id });');
  });
  test('B5 message-id advice names real_seq, not a get_message look-up', () => {
    const msg = core.findingMessage(core.analyze("callApi('get_msg', { message_id: 1 });", 'typescript')[0], "callApi('get_msg', { message_id: 1 });", 'en');
    assert.match(msg, /real_seq/);
  });
});

describe('ignore lines keep the quiet rules', () => {
  test('an ignore comment in a Milky file drops its own line and leaves same-name calls quiet (it used to bring them back)', () => {
    const text = "import { x } from '@saltify/milky-types';\nawait call('get_login_info', {});\n// napcat-milky-ignore-next-line\nawait call('send_group_msg', { group_id: 1, message: [] });\nawait call('send_group_msg', { group_id: 2, message: [] });\n";
    assert.deepEqual(core.analyze(text, 'typescript').map((f) => `${f.kind}:${f.napcat}:${text.slice(0, f.start).split('\n').length}`), ['mapped:send_group_msg:5']);
  });
});
