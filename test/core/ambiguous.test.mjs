// Ambiguous names (and send_msg) resolved from the call site's own params, per ARCHITECTURE.md:
// the kind never changes; `preferred` is set only when the context decides.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { core, catalog } from './helpers.mjs';

/** The one finding for `name` in `text` (milky-params findings are ignored). */
function finding(text, lang, name) {
  const fs = core.analyze(text, lang).filter((f) => f.napcat === name);
  assert.equal(fs.length, 1, `one ${name} finding in ${text}`);
  return fs[0];
}

/** [languageId, code, napcat, expected preferred (undefined = none)] */
const CASES = [
  // delete_msg
  ['typescript', "bot.callApi('delete_msg', { message_id: 1, group_id: 2 });", 'delete_msg', 'recall_group_message'],
  ['typescript', "bot.callApi('delete_msg', { message_id: id, group_id });", 'delete_msg', 'recall_group_message'],
  ['typescript', "bot.callApi('delete_msg', { message_id: 1, user_id: 2 });", 'delete_msg', 'recall_private_message'],
  ['typescript', "bot.callApi('delete_msg', { message_id: 1, message_type: 'group' });", 'delete_msg', 'recall_group_message'],
  ['typescript', "bot.callApi('delete_msg', { message_id: 1, message_type: 'private' });", 'delete_msg', 'recall_private_message'],
  ['typescript', "bot.callApi('delete_msg', { message_id: 1, message_type: \"private\", group_id: 3 });", 'delete_msg', 'recall_private_message'],
  ['typescript', "bot.callApi('delete_msg', { message_id: 1 });", 'delete_msg', undefined],
  ['typescript', "bot.callApi('delete_msg', params);", 'delete_msg', undefined],
  ['typescript', "bot.callApi('delete_msg');", 'delete_msg', undefined],
  ['javascript', "ws.send(JSON.stringify({ action: 'delete_msg', params: { message_id: 1, group_id: 2 } }));", 'delete_msg', 'recall_group_message'],
  ['javascript', "fetch('/delete_msg', { method: 'POST', body: JSON.stringify({ message_id: 1, user_id: 2 }) });", 'delete_msg', 'recall_private_message'],
  ['json', '{ "action": "delete_msg", "params": { "message_id": 1, "group_id": 2 } }', 'delete_msg', 'recall_group_message'],
  ['json', '{ "action": "delete_msg", "params": { "message_id": 1, "user_id": 2 } }', 'delete_msg', 'recall_private_message'],
  ['json', '{ "action": "delete_msg", "params": { "message_id": 1 } }', 'delete_msg', undefined],

  // send_poke
  ['typescript', "bot.callApi('send_poke', { group_id: 1, user_id: 2 });", 'send_poke', 'send_group_nudge'],
  ['typescript', "bot.callApi('send_poke', { group_id, user_id });", 'send_poke', 'send_group_nudge'],
  ['typescript', "bot.callApi('send_poke', { user_id: 2 });", 'send_poke', 'send_friend_nudge'],
  ['typescript', "bot.callApi('send_poke', {});", 'send_poke', 'send_friend_nudge'],
  ['typescript', "bot.callApi('send_poke', p);", 'send_poke', undefined],
  ['typescript', "bot.callApi('send_poke', { ...rest, user_id: 2 });", 'send_poke', undefined],
  ['json', '{ "action": "send_poke", "params": { "group_id": 1, "user_id": 2 } }', 'send_poke', 'send_group_nudge'],
  ['json', '{ "action": "send_poke", "params": { "user_id": 2 } }', 'send_poke', 'send_friend_nudge'],
  ['typescript', 'await napcat.send_poke({ group_id: 1, user_id: 2 });', 'send_poke', 'send_group_nudge'],

  // set_friend_add_request
  ['typescript', "bot.callApi('set_friend_add_request', { flag, approve: true });", 'set_friend_add_request', 'accept_friend_request'],
  ['typescript', "bot.callApi('set_friend_add_request', { flag, approve: false });", 'set_friend_add_request', 'reject_friend_request'],
  ['typescript', "bot.callApi('set_friend_add_request', { flag: f, approve: false, remark: '' });", 'set_friend_add_request', 'reject_friend_request'],
  ['typescript', "bot.callApi('set_friend_add_request', { flag, approve: ok });", 'set_friend_add_request', undefined],
  ['typescript', "bot.callApi('set_friend_add_request', { flag, approve: !deny });", 'set_friend_add_request', undefined],
  ['typescript', "bot.callApi('set_friend_add_request', { flag });", 'set_friend_add_request', undefined],
  ['json', '{ "action": "set_friend_add_request", "params": { "flag": "x", "approve": false } }', 'set_friend_add_request', 'reject_friend_request'],
  ['json', '{ "action": "set_friend_add_request", "params": { "flag": "x", "approve": true } }', 'set_friend_add_request', 'accept_friend_request'],

  // set_group_add_request
  // Issue 9 B.3: without a literal sub_type, NapCat's flag can be a join request or an invitation: no guess.
  ['typescript', "bot.callApi('set_group_add_request', { flag, approve: true });", 'set_group_add_request', undefined],
  ['typescript', "bot.callApi('set_group_add_request', { flag, approve: false });", 'set_group_add_request', undefined],
  ['typescript', "bot.callApi('set_group_add_request', { flag, sub_type: 'add', approve: true });", 'set_group_add_request', 'accept_group_request'],
  ['typescript', "bot.callApi('set_group_add_request', { flag, sub_type: 'invite', approve: true });", 'set_group_add_request', 'accept_group_invitation'],
  ['typescript', "bot.callApi('set_group_add_request', { flag, sub_type: 'invite', approve: false });", 'set_group_add_request', 'reject_group_invitation'],
  ['typescript', "bot.callApi('set_group_add_request', { flag, sub_type: 'invite', approve: yes });", 'set_group_add_request', undefined],
  ['typescript', "bot.callApi('set_group_add_request', { flag, sub_type: e.sub_type, approve: true });", 'set_group_add_request', undefined],
  ['typescript', "bot.callApi('set_group_add_request', { flag });", 'set_group_add_request', undefined],
  ['json', '{ "action": "set_group_add_request", "params": { "flag": "x", "sub_type": "invite", "approve": false } }', 'set_group_add_request', 'reject_group_invitation'],

  // send_msg (no-counterpart, two candidates)
  ['typescript', "bot.callApi('send_msg', { message_type: 'group', group_id: 1, message: 'x' });", 'send_msg', 'send_group_message'],
  ['typescript', "bot.callApi('send_msg', { message_type: 'private', user_id: 1, message: 'x' });", 'send_msg', 'send_private_message'],
  ['typescript', "bot.callApi('send_msg', { message_type: 'private', group_id: 1, user_id: 2, message: 'x' });", 'send_msg', 'send_private_message'],
  ['typescript', "bot.callApi('send_msg', { group_id: 1, message: 'x' });", 'send_msg', 'send_group_message'],
  ['typescript', "bot.callApi('send_msg', { user_id: 1, message: 'x' });", 'send_msg', 'send_private_message'],
  ['typescript', "bot.callApi('send_msg', { message_type: t, group_id: 1, message: 'x' });", 'send_msg', undefined],
  ['typescript', "bot.callApi('send_msg', payload);", 'send_msg', undefined],
  ['json', '{ "action": "send_msg", "params": { "message_type": "group", "group_id": 1, "message": "x" } }', 'send_msg', 'send_group_message'],

  // get_stranger_info: never decided
  ['typescript', "bot.callApi('get_stranger_info', { user_id: 1 });", 'get_stranger_info', undefined],
  ['typescript', "bot.callApi('get_stranger_info', { user_id: 1, no_cache: true });", 'get_stranger_info', undefined],
  ['typescript', "bot.callApi('get_stranger_info', { user_id: 1, group_id: 2, message_type: 'group' });", 'get_stranger_info', undefined],
  ['json', '{ "action": "get_stranger_info", "params": { "user_id": 1 } }', 'get_stranger_info', undefined],
];

describe('context resolution', () => {
  for (const [lang, text, name, preferred] of CASES) {
    test(`${name} → ${preferred ?? '(none)'}: ${text}`, () => {
      const f = finding(text, lang, name);
      assert.equal(f.kind, catalog.napcat[name].kind, 'the kind never changes');
      assert.deepEqual(f.milky, catalog.napcat[name].milky, 'milky lists every candidate');
      assert.equal(f.preferred, preferred);
      if (preferred) assert.ok(f.milky.includes(preferred));
    });
  }
});

describe('undecided: one quick-fix per candidate', () => {
  const undecided = CASES.filter(([lang, text, , p]) => p === undefined && lang === 'typescript' && /callApi\('\w+', \{/.test(text));
  for (const [lang, text, name] of undecided) {
    test(`${name}: ${text}`, () => {
      const f = finding(text, lang, name);
      const fixes = core.fixesFor(f, text);
      assert.deepEqual(fixes.map((x) => x.target).sort(), [...f.milky].sort());
      for (const x of fixes) {
        const renamed = core.applyEdits(text, x.edits);
        assert.ok(renamed.includes(`'${x.target}'`), `${x.target} fix renames the action: ${renamed}`);
      }
    });
  }

  test('an undecided ambiguous name is left alone by planFixes', () => {
    const text = "bot.callApi('delete_msg', { message_id: 1 });\nbot.callApi('get_stranger_info', { user_id: 1 });";
    const plan = core.planFixes(core.analyze(text, 'typescript'), text);
    assert.deepEqual(plan.edits, []);
    assert.deepEqual(plan.applied, []);
    assert.deepEqual(plan.manual.map((m) => m.finding.napcat), ['delete_msg', 'get_stranger_info']);
  });

  test('decided ambiguous names are fixed to the decided target', () => {
    const text = "bot.callApi('send_poke', { group_id: 1, user_id: 2 });\nbot.callApi('send_poke', { user_id: 2 });";
    const out = core.applyEdits(text, core.planFixes(core.analyze(text, 'typescript'), text).edits);
    assert.equal(out, "bot.callApi('send_group_nudge', { group_id: 1, user_id: 2 });\nbot.callApi('send_friend_nudge', { user_id: 2 });");
  });
});
