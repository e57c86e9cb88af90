// Events: OneBot 11 / NapCat discriminators → Milky event types (scanEvents), and the all-or-nothing
// fix per guarded block (planEventFixes).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { core, require, ROOT } from './helpers.mjs';

const ts = require('typescript');

function scan(text, lang = 'typescript') {
  const sf = core.parseTypeScript(text, lang);
  return core.scanEvents(sf, text);
}

function plans(text, lang = 'typescript') {
  const sf = core.parseTypeScript(text, lang);
  return core.planEventFixes(sf, text);
}

/** The one plan of a snippet with one guarded block: its fixed text, or its manual step codes. */
function fixOne(text) {
  const ps = plans(text);
  assert.equal(ps.length, 1, `one plan expected, got ${ps.length}`);
  const p = ps[0];
  if (p.edits.length) assert.equal(p.manual.length, 0, 'edits and manual steps together');
  return { text: core.applyEdits(text, p.edits), manual: p.manual.map((s) => s.code + (s.field ? `:${s.field}` : '')), plan: p };
}

function parses(text) {
  const sf = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  return sf.parseDiagnostics.length === 0;
}

const events = JSON.parse(readFileSync(path.join(ROOT, 'data/reference/protocol/events.json'), 'utf8'));

// ---- one case per row of events.json `mapping` ------------------------------------------------
// [row, post_type, detail value, sub_type (or null), framework name, milky, scenes, reasons]
const ROWS = [
  [0, 'message', 'private', 'friend', 'message.private.friend', ['message_receive'], ['friend'], []],
  [1, 'message', 'private', 'group', 'message.private.group', ['message_receive'], ['temp'], []],
  [2, 'message', 'private', 'other', 'message.private.other', ['message_receive'], ['temp'], []],
  [3, 'message', 'private', 'group_self', 'message.private.group_self', [], [], ['not-emitted']],
  [4, 'message', 'group', 'normal', 'message.group.normal', ['message_receive'], ['group'], []],
  [5, 'message', 'group', 'anonymous', 'message.group.anonymous', [], [], ['no-anonymous']],
  [6, 'message', 'group', 'notice', 'message.group.notice', [], [], ['not-a-message']],
  [7, 'message_sent', 'group', 'normal', 'message_sent.group.normal', [], [], ['no-sent-message']],
  [9, 'notice', 'group_upload', null, 'notice.group_upload', ['group_file_upload'], [], []],
  [10, 'notice', 'group_admin', 'set', 'notice.group_admin.set', ['group_admin_change'], [], []],
  [11, 'notice', 'group_decrease', 'kick', 'notice.group_decrease.kick', ['group_member_decrease'], [], []],
  [12, 'notice', 'group_increase', 'approve', 'notice.group_increase.approve', ['group_member_increase'], [], []],
  [13, 'notice', 'group_ban', 'ban', 'notice.group_ban.ban', ['group_mute', 'group_whole_mute'], [], []],
  [14, 'notice', 'group_ban', 'lift_ban', 'notice.group_ban.lift_ban', ['group_mute', 'group_whole_mute'], [], []],
  [15, 'notice', 'friend_add', null, 'notice.friend_add', [], [], ['no-friend-add']],
  [16, 'notice', 'group_recall', null, 'notice.group_recall', ['message_recall'], ['group'], []],
  [17, 'notice', 'friend_recall', null, 'notice.friend_recall', ['message_recall'], ['friend'], []],
  [18, 'notice', 'notify', 'poke', 'notice.notify.poke.group', ['group_nudge'], [], []],
  [19, 'notice', 'notify', 'poke', 'notice.notify.poke.friend', ['friend_nudge'], [], []],
  [20, 'notice', 'notify', 'lucky_king', 'notice.notify.lucky_king', [], [], ['no-lucky-king']],
  [21, 'notice', 'notify', 'honor', 'notice.notify.honor', [], [], ['no-honor']],
  [22, 'notice', 'notify', 'group_name', 'notice.notify.group_name', ['group_name_change'], [], []],
  [23, 'notice', 'notify', 'title', 'notice.notify.title', [], [], ['no-title-change']],
  [24, 'notice', 'notify', 'input_status', 'notice.notify.input_status.friend', [], [], ['no-input-status']],
  [25, 'notice', 'notify', 'profile_like', 'notice.notify.profile_like', [], [], ['no-profile-like']],
  [26, 'notice', 'notify', 'gray_tip', 'notice.notify.gray_tip', [], [], ['no-gray-tip']],
  [27, 'notice', 'group_card', null, 'notice.group_card', [], [], ['no-card-change']],
  [28, 'notice', 'essence', 'add', 'notice.essence.add', ['group_essence_message_change'], [], []],
  [29, 'notice', 'group_msg_emoji_like', null, 'notice.group_msg_emoji_like', ['group_message_reaction'], [], []],
  [30, 'notice', 'bot_offline', null, 'notice.bot_offline', ['bot_offline'], [], []],
  [31, 'notice', 'offline_file', null, 'notice.offline_file', ['friend_file_upload'], [], []],
  [32, 'notice', 'online_file_receive', null, 'notice.online_file_receive', [], [], ['no-online-file']],
  [33, 'notice', 'client_status', null, 'notice.client_status', [], [], ['no-client-status']],
  [34, 'request', 'friend', null, 'request.friend', ['friend_request'], [], []],
  [35, 'request', 'group', 'add', 'request.group.add', ['group_join_request', 'group_invited_join_request'], [], []],
  [36, 'request', 'group', 'add', 'request.group.add', ['group_join_request', 'group_invited_join_request'], [], []],
  [37, 'request', 'group', 'invite', 'request.group.invite', ['group_invitation'], [], []],
  [38, 'meta_event', 'lifecycle', 'connect', 'meta_event.lifecycle.connect', [], [], ['no-lifecycle']],
  [39, 'meta_event', 'heartbeat', null, 'meta_event.heartbeat', [], [], ['no-heartbeat']],
];

const DETAIL = { message: 'message_type', message_sent: 'message_type', notice: 'notice_type', request: 'request_type', meta_event: 'meta_event_type' };

describe('every events.json row', () => {
  test('the cases cover every discriminator row of the reference', () => {
    const covered = new Set(ROWS.map((r) => r[0]));
    events.mapping.forEach((r, i) => {
      if (r.onebot.post_type) assert.ok(covered.has(i), `row ${i} (${JSON.stringify(r.onebot)}) has no case`);
    });
  });

  for (const [row, post, detail, sub, dotted, milky, scenes, reasons] of ROWS) {
    test(`row ${row}: ${dotted}`, () => {
      const dp = DETAIL[post];
      const cond = [`e.post_type === '${post}'`, `e.${dp} === '${detail}'`, ...(sub ? [`e.sub_type === '${sub}'`] : [])].join(' && ');
      const text = `function h(e) {\n  if (${cond}) { work(); }\n}\n`;
      const r = scan(text);
      const values = [post, detail, ...(sub ? [sub] : [])];
      assert.deepEqual(r.literals.map((l) => l.napcat), values);
      const qualified = dotted.split('.').length === 4 && post === 'notice' && sub === 'poke';
      for (const l of r.literals) {
        assert.equal(text.slice(l.start, l.end), l.napcat);
        assert.ok(l.rows.includes(row), `row ${row} matched (got ${l.rows})`);
        // Poke rows split by group_id: without the framework qualifier both Milky nudges are candidates.
        assert.deepEqual(l.milky, qualified ? ['group_nudge', 'friend_nudge'] : milky);
        if (!qualified) assert.deepEqual(l.scenes, scenes);
        for (const reason of reasons) assert.ok(l.reasons.includes(reason), `${reason} in ${l.reasons}`);
      }
      // The framework name form.
      const sub2 = scan(`bot.on('${dotted}', (ev) => { work(ev); });`);
      assert.equal(sub2.literals.length, 1);
      const l = sub2.literals[0];
      assert.equal(l.form, 'subscription');
      assert.equal(l.napcat, dotted);
      assert.ok(l.rows.includes(row));
      assert.deepEqual(l.milky, milky);
      assert.deepEqual(l.scenes, scenes);
      assert.deepEqual(l.reasons.filter((x) => reasons.includes(x)), reasons);
    });
  }
});

describe('detection', () => {
  test('the literal range is the content as written, with either quote and a template', () => {
    const text = 'if (e.post_type == "notice" && e.notice_type === `group_increase`) {}';
    const r = scan(text);
    assert.deepEqual(r.literals.map((l) => [l.napcat, text.slice(l.start - 1, l.end + 1), l.operator]), [['notice', '"notice"', '=='], ['group_increase', '`group_increase`', '===']]);
  });

  test('the literal on the left works as on the right', () => {
    const r = scan("if ('group_increase' === e.notice_type) {}");
    assert.deepEqual(r.literals.map((l) => [l.napcat, l.milky]), [['group_increase', ['group_member_increase']]]);
  });

  test('!== and != are reported', () => {
    const r = scan("function a(e) { if (e.notice_type !== 'group_increase') return; }\nfunction b(e) { if (e.post_type != 'request') return; }");
    assert.deepEqual(r.literals.map((l) => [l.napcat, l.operator]), [['group_increase', '!=='], ['request', '!=']]);
    assert.deepEqual(r.literals[1].milky, ['friend_request', 'group_join_request', 'group_invited_join_request', 'group_invitation']);
  });

  test('switch on notice_type: each case is a literal with its candidates', () => {
    const r = scan("switch (e.notice_type) { case 'group_ban': mute(); break; case 'group_increase': welcome(); break; default: other(); }");
    assert.deepEqual(r.literals.map((l) => [l.form, l.napcat, l.milky]), [
      ['case', 'group_ban', ['group_mute', 'group_whole_mute']],
      ['case', 'group_increase', ['group_member_increase']],
    ]);
    assert.equal(r.switches.length, 1);
    assert.equal(r.switches[0].guards.length, 2);
  });

  test('sub_type poke under notice_type notify: group_nudge | friend_nudge', () => {
    const r = scan("if (e.notice_type === 'notify') { if (e.sub_type === 'poke') { poke(); } }");
    const poke = r.literals.find((l) => l.napcat === 'poke');
    assert.deepEqual(poke.milky, ['group_nudge', 'friend_nudge']);
    assert.deepEqual(poke.tuple, { notice_type: ['notify'], sub_type: ['poke'] });
  });

  test('a switch on sub_type inside a notify case', () => {
    const r = scan("switch (e.notice_type) { case 'notify': switch (e.sub_type) { case 'poke': a(); break; case 'honor': b(); break; } }");
    assert.deepEqual(r.literals.map((l) => [l.napcat, l.milky, l.reasons]), [
      ['notify', ['group_nudge', 'friend_nudge', 'group_name_change'], ['no-lucky-king', 'no-honor', 'no-title-change', 'no-input-status', 'no-profile-like', 'no-gray-tip']],
      ['poke', ['group_nudge', 'friend_nudge'], []],
      ['honor', [], ['no-honor']],
    ]);
  });

  test('message + group → message_receive with message_scene group', () => {
    const r = scan("if (e.post_type === 'message' && e.message_type === 'group') {}");
    for (const l of r.literals) {
      assert.deepEqual(l.milky, ['message_receive']);
      assert.deepEqual(l.scenes, ['group']);
    }
  });

  test('dotted names with once / off / addListener / removeListener / element access', () => {
    const r = scan("napcat.once('notice.group_increase', f); bot.off('message.group', f); em.addListener('request.group.invite', f); em.removeListener('meta_event.heartbeat', f); bot['on']('notice.notify.poke', f);");
    assert.deepEqual(r.literals.map((l) => [l.napcat, l.milky]), [
      ['notice.group_increase', ['group_member_increase']],
      ['message.group', ['message_receive']],
      ['request.group.invite', ['group_invitation']],
      ['meta_event.heartbeat', []],
      ['notice.notify.poke', ['group_nudge', 'friend_nudge']],
    ]);
    assert.deepEqual(r.literals[3].reasons, ['no-heartbeat']);
  });

  test('loose comparisons outside an if keep their && context', () => {
    const r = scan("const isJoin = e.post_type === 'notice' && e.notice_type === 'group_increase'; const p = ev.sub_type === 'poke' ? 1 : 0;");
    assert.deepEqual(r.literals.map((l) => [l.napcat, l.milky, l.guard]), [
      ['notice', ['group_member_increase'], -1],
      ['group_increase', ['group_member_increase'], -1],
      ['poke', ['group_nudge', 'friend_nudge'], -1],
    ]);
  });

  test('JavaScript works the same', () => {
    const r = scan("bot.on('message.private', function (m) { if (m.sub_type === 'friend') reply(m.user_id); });", 'javascript');
    assert.deepEqual(r.literals.map((l) => l.napcat), ['message.private', 'friend']);
  });
});

describe('quiet', () => {
  const QUIET = [
    ["chat.type === 'group'", 'another property'],
    ["order.status === 'notice'", 'another property'],
    ["ws.on('message', (d) => handle(d));", 'a bare event name'],
    ["ws.on('close', f); emitter.on('notice', f);", 'single words'],
    ["bot.on('notice.group.increase', f);", 'an icqq-style name'],
    ["if (e.notice_type === 'group' && e.sub_type === 'increase') {}", 'icqq values'],
    ["if (e.post_type === 'notices') {}", 'not a OneBot value'],
    ["if (e.event_type === 'group_member_increase') { f(e.data.group_id); }", 'Milky already'],
    ["const ev = { post_type: 'notice', notice_type: 'group_increase' }; emit(ev);", 'building an event (an implementation)'],
    ["if (e.type === 'notice' && e.detail_type === 'group_member_increase' && e.sub_type === 'invite') {}", 'OneBot 12'],
    ["import { createClient } from 'icqq';\nclient.on('request.group.invite', f); if (e.sub_type === 'poke') {}", 'icqq imports'],
    ["import plugin from '../../lib/plugins/plugin.js';\nBot.on('message.group', f);", 'Yunzai plugins'],
    ["emitter.on(`notice.${kind}`, f); bot.on(name, f);", 'names not written out'],
    ["// if (e.post_type === 'notice') {}\nconst s = \"e.notice_type === 'group_ban'\";", 'comments and strings'],
    ["if (e.post_type === 'message' && e.notice_type === 'group_increase') {}", 'a tuple no event has'],
  ];
  for (const [text, why] of QUIET) {
    test(why, () => {
      assert.deepEqual(scan(text).literals.map((l) => l.napcat), []);
    });
  }
});

describe('fix: all or nothing per guarded block', () => {
  /** [why, before, after] — after is the whole text once the block migrated. */
  const FIXED = [
    ['group_increase: the test and every read move',
      "if (e.post_type === 'notice' && e.notice_type === 'group_increase') { welcome(e.group_id, e.user_id, e.time, e.self_id); }",
      "if (e.event_type === 'group_member_increase') { welcome(e.data.group_id, e.data.user_id, e.time, e.self_id); }"],
    ['row 9 group_upload: file.* flattens',
      "if (ev.notice_type === 'group_upload') { log(ev.group_id, ev.user_id, ev.file.id, ev.file.name, ev.file.size); }",
      "if (ev.event_type === 'group_file_upload') { log(ev.data.group_id, ev.data.user_id, ev.data.file_id, ev.data.file_name, ev.data.file_size); }"],
    ['row 10 group_admin',
      "if (e.post_type === 'notice' && e.notice_type === 'group_admin') { note(e.group_id, e.user_id); }",
      "if (e.event_type === 'group_admin_change') { note(e.data.group_id, e.data.user_id); }"],
    ['row 11 group_decrease',
      "if (e.notice_type == 'group_decrease') { bye(e.group_id, e.user_id); }",
      "if (e.event_type == 'group_member_decrease') { bye(e.data.group_id, e.data.user_id); }"],
    ['row 16 group_recall: group_id → peer_id, user_id → sender_id',
      "if (e.notice_type === 'group_recall') { log(e.group_id, e.user_id, e.operator_id); }",
      "if (e.event_type === 'message_recall' && e.data.message_scene === 'group') { log(e.data.peer_id, e.data.sender_id, e.data.operator_id); }"],
    ['row 17 friend_recall',
      "if (e.notice_type === 'friend_recall') { log(e.user_id); }",
      "if (e.event_type === 'message_recall' && e.data.message_scene === 'friend') { log(e.data.peer_id); }"],
    ['row 22 group_name',
      "if (e.notice_type === 'notify' && e.sub_type === 'group_name') { rename(e.group_id, e.name_new, e.user_id); }",
      "if (e.event_type === 'group_name_change') { rename(e.data.group_id, e.data.new_group_name, e.data.operator_id); }"],
    ['row 28 essence',
      "if (e.notice_type === 'essence') { star(e.group_id, e.operator_id); }",
      "if (e.event_type === 'group_essence_message_change') { star(e.data.group_id, e.data.operator_id); }"],
    ['row 29 emoji like',
      "if (e.notice_type === 'group_msg_emoji_like') { react(e.group_id, e.user_id, e.is_add); }",
      "if (e.event_type === 'group_message_reaction') { react(e.data.group_id, e.data.user_id, e.data.is_add); }"],
    ['row 30 bot_offline: message → data.reason, user_id → self_id',
      "if (e.notice_type === 'bot_offline') { warn(e.message, e.user_id); }",
      "if (e.event_type === 'bot_offline') { warn(e.data.reason, e.self_id); }"],
    ['row 31 offline_file',
      "if (e.notice_type === 'offline_file') { got(e.user_id, e.file.name, e.file.size); }",
      "if (e.event_type === 'friend_file_upload') { got(e.data.user_id, e.data.file_name, e.data.file_size); }"],
    ['row 34 friend request',
      "if (e.post_type === 'request' && e.request_type === 'friend') { log(e.user_id, e.comment); }",
      "if (e.event_type === 'friend_request') { log(e.data.initiator_id, e.data.comment); }"],
    ['row 37 group invitation',
      "if (e.request_type === 'group' && e.sub_type === 'invite') { log(e.group_id, e.user_id); }",
      "if (e.event_type === 'group_invitation') { log(e.data.group_id, e.data.initiator_id); }"],
    ['row 4 group message: peer, sender, member, extra conjunct',
      "if (e.post_type === 'message' && e.message_type === 'group' && e.group_id === 123) { reply(e.group_id, e.user_id, e.sender.card, e.sender.role); }",
      "if (e.event_type === 'message_receive' && e.data.message_scene === 'group' && e.data.peer_id === 123) { reply(e.data.peer_id, e.data.sender_id, e.data.group_member.card, e.data.group_member.role); }"],
    ['row 0 friend message',
      "if (m.message_type === 'private' && m.sub_type === 'friend') { reply(m.user_id, m.sender.nickname); }",
      "if (m.event_type === 'message_receive' && m.data.message_scene === 'friend') { reply(m.data.sender_id, m.data.friend.nickname); }"],
    ['private (friend or temp): scene is not group',
      "if (m.message_type === 'private') { reply(m.user_id); }",
      "if (m.event_type === 'message_receive' && m.data.message_scene !== 'group') { reply(m.data.sender_id); }"],
    ['tests apart in the chain: the later one goes with its &&',
      "if (e.post_type === 'notice' && ready && e.notice_type === 'group_increase') { f(e.group_id); }",
      "if (e.event_type === 'group_member_increase' && ready) { f(e.data.group_id); }"],
    ['parentheses and optional chaining',
      "if ((e.post_type === 'notice') && (e.notice_type === 'group_increase')) { f(e?.group_id, e['user_id']); }",
      "if ((e.event_type === 'group_member_increase')) { f(e?.data.group_id, e.data['user_id']); }"],
    ['a nested function with its own e is not a read',
      "if (e.notice_type === 'group_increase') { list.map((e) => e.foo); f(e.group_id); }",
      "if (e.event_type === 'group_member_increase') { list.map((e) => e.foo); f(e.data.group_id); }"],
    ['switch on notice_type: discriminant, labels and reads',
      "switch (e.notice_type) {\n  case 'group_increase': hi(e.group_id, e.user_id); break;\n  case 'group_decrease': bye(e.user_id); break;\n  default: other();\n}",
      "switch (e.event_type) {\n  case 'group_member_increase': hi(e.data.group_id, e.data.user_id); break;\n  case 'group_member_decrease': bye(e.data.user_id); break;\n  default: other();\n}"],
    ['switch with a fall-through group',
      "switch (e.notice_type) { case 'group_upload': case 'group_admin': f(e.group_id); break; }",
      "switch (e.event_type) { case 'group_file_upload': case 'group_admin_change': f(e.data.group_id); break; }"],
  ];
  for (const [why, before, after] of FIXED) {
    test(why, () => {
      const r = fixOne(before);
      assert.deepEqual(r.manual, []);
      assert.equal(r.text, after);
      assert.ok(parses(r.text));
      // Idempotent: the migrated block is not a OneBot guard any more.
      assert.deepEqual(plans(r.text), []);
    });
  }

  /** [why, text, manual step codes that must be there] — and no edit at all. */
  const MANUAL = [
    ['an unknown field read blocks the whole block', "if (e.notice_type === 'group_increase') { f(e.group_id, e.foo); }", ['unknown-field:foo']],
    ['the event passed whole to a function', "if (e.notice_type === 'group_increase') { handle(e); f(e.group_id); }", ['escapes']],
    ['destructured', "if (e.notice_type === 'group_increase') { const { group_id } = e; f(group_id); }", ['escapes']],
    ['spread', "if (e.notice_type === 'group_increase') { save({ ...e }); }", ['escapes']],
    ['shorthand property', "if (e.notice_type === 'group_increase') { save({ e }); }", ['escapes']],
    ['a write to the event', "if (e.notice_type === 'group_increase') { e.group_id = 1; }", ['write:group_id']],
    ['dynamic access', "if (e.notice_type === 'group_increase') { f(e[key]); }", ['dynamic-access']],
    ['raw_message has no Milky field', "if (e.message_type === 'group') { f(e.raw_message); }", ['no-field:raw_message']],
    ['message_id is another id space', "if (e.message_type === 'group') { f(e.message_id); }", ['lookup:message_id']],
    ['message becomes segments of another shape', "if (e.message_type === 'group') { f(e.message); }", ['transform:message']],
    ['sender read whole', "if (e.message_type === 'group') { f(e.sender); }", ['whole-object:sender']],
    ['sub_type read inside becomes a derived field', "if (e.notice_type === 'group_admin') { f(e.sub_type === 'set'); }", ['discriminator-read:sub_type']],
    ['operator_id of group_increase depends on approve / invite', "if (e.notice_type === 'group_increase') { f(e.operator_id); }", ['ambiguous-field:operator_id']],
    ['flag becomes another handle', "if (e.request_type === 'friend') { approve(e.flag); }", ['transform:flag']],
    ['group_ban splits into two Milky events', "if (e.notice_type === 'group_ban') { f(e.group_id); }", ['several-events']],
    ['poke splits by group_id', "if (e.notice_type === 'notify' && e.sub_type === 'poke') { f(e.user_id); }", ['several-events']],
    ['an event Milky lacks', "if (e.notice_type === 'friend_add') { f(e.user_id); }", ['no-milky-event']],
    ['|| in the condition', "if (e.notice_type === 'group_increase' || e.notice_type === 'group_decrease') { f(e.group_id); }", ['complex-condition']],
    ['a negated test beside a positive one', "if (e.post_type === 'notice' && e.notice_type !== 'group_ban') { f(); }", ['complex-condition']],
    ['shadowed name', "if (e.notice_type === 'group_increase') { let e = 1; f(e); }", ['shadowed']],
    ['not a plain variable', "if (ctx.event.notice_type === 'group_increase') { f(ctx.event.group_id); }", ['not-identifier']],
  ];
  for (const [why, text, codes] of MANUAL) {
    test(why, () => {
      const r = fixOne(text);
      assert.deepEqual(r.plan.edits, []);
      for (const c of codes) assert.ok(r.manual.includes(c), `${c} in ${r.manual}`);
      assert.ok(r.manual.includes('event-type'), 'the discriminator step is listed too');
    });
  }

  test('a manual plan also lists the reads that would move, with their targets', () => {
    const r = fixOne("if (e.notice_type === 'group_increase') { f(e.group_id, e.foo); }");
    const move = r.plan.manual.find((s) => s.code === 'move');
    assert.deepEqual([move.field, move.to], ['group_id', ['data.group_id']]);
  });

  test('a post_type wrapper holding only guards that migrate: the wrapper test goes, all in one plan', () => {
    const text = "function h(e) {\n  if (e.post_type === 'notice') {\n    if (e.notice_type === 'group_increase') { hi(e.group_id); }\n    else if (e.notice_type === 'group_upload') { up(e.file.name); }\n    switch (e.notice_type) { case 'group_decrease': bye(e.user_id); break; }\n  }\n}";
    const r = fixOne(text);
    assert.deepEqual(r.manual, []);
    assert.equal(r.text, "function h(e) {\n  {\n    if (e.event_type === 'group_member_increase') { hi(e.data.group_id); }\n    else if (e.event_type === 'group_file_upload') { up(e.data.file_name); }\n    switch (e.event_type) { case 'group_member_decrease': bye(e.data.user_id); break; }\n  }\n}");
    assert.ok(parses(r.text));
    assert.deepEqual(plans(r.text), []);
  });

  test('a post_type wrapper with an else, a default, or an inner block that cannot move: nothing changes', () => {
    for (const text of [
      "if (e.post_type === 'notice') { if (e.notice_type === 'group_increase') { f(e.group_id); } } else { other(e); }",
      "if (e.post_type === 'notice') { switch (e.notice_type) { case 'group_increase': f(e.group_id); break; default: g(); } }",
      "if (e.post_type === 'notice') { if (e.notice_type === 'group_increase') { f(e.group_id); } else { g(); } }",
      "if (e.post_type === 'notice') { if (e.notice_type === 'group_increase') { f(e.group_id); } if (e.notice_type === 'group_ban') { g(e.user_id); } }",
    ]) {
      for (const p of plans(text)) assert.deepEqual(p.edits, [], text);
    }
  });

  test('an enclosing guard on the same variable: neither block changes', () => {
    const ps = plans("if (e.post_type === 'notice') { if (e.notice_type === 'group_increase') { f(e.group_id); } log('seen'); }");
    assert.equal(ps.length, 2);
    for (const p of ps) assert.deepEqual(p.edits, []);
    assert.ok(ps[0].manual.some((s) => s.code === 'several-events'));
    assert.ok(ps[1].manual.some((s) => s.code === 'enclosing-guard'));
  });

  test('an early return on post_type before a block: no edit (the return would always fire)', () => {
    const ps = plans("ws.on('message', (raw) => {\n  const e = JSON.parse(raw);\n  if (e.post_type !== 'notice') return;\n  if (e.notice_type === 'group_increase') { f(e.group_id); }\n});");
    assert.equal(ps.length, 2);
    for (const p of ps) assert.deepEqual(p.edits, []);
    assert.ok(ps[0].manual.some((s) => s.code === 'several-events'));
    assert.ok(ps[1].manual.some((s) => s.code === 'enclosing-guard'));
  });

  test('early exits: the first condition names the Milky event, the others go, the reads after them move', () => {
    const r = fixOne("function onJoin(e) {\n  if (e.post_type !== 'notice') return;\n  if (e.notice_type !== 'group_increase') return;\n  welcome(e.group_id, e.user_id);\n}");
    assert.deepEqual(r.manual, []);
    assert.equal(r.text, "function onJoin(e) {\n  if (e.event_type !== 'group_member_increase') return;\n  welcome(e.data.group_id, e.data.user_id);\n}");
    assert.deepEqual(plans(r.text), []);
  });

  test('an early exit on an || of negated tests, with a message scene', () => {
    const r = fixOne("for (const m of batch) { if (m.post_type != 'message' || m.message_type != 'group') continue; reply(m.group_id, m.user_id); }");
    assert.equal(r.text, "for (const m of batch) { if (m.event_type != 'message_receive' || m.data.message_scene != 'group') continue; reply(m.data.peer_id, m.data.sender_id); }");
  });

  test('an early exit whose later reads cannot all move: nothing changes', () => {
    const r = fixOne("function h(e) { if (e.notice_type !== 'group_increase') { return; } log(e.group_id, e.raw); }");
    assert.deepEqual(r.plan.edits, []);
    assert.ok(r.manual.includes('unknown-field:raw'));
  });

  test('an early exit that is not one (no jump, an else, a positive test) is no guard', () => {
    for (const text of [
      "function h(e) { if (e.notice_type !== 'group_increase') log(); f(e.group_id); }",
      "function h(e) { if (e.notice_type !== 'group_increase') return; else g(); f(e.group_id); }",
      "function h(e) { if (e.notice_type !== 'group_increase' || ready) return; f(e.group_id); }",
    ]) {
      assert.ok(!scan(text).guards.some((g) => g.kind === 'unless'), text);
    }
  });

  test('a discriminator read into a variable before the block: no edit', () => {
    const r = fixOne("function h(e) { const notice = e.post_type === 'notice'; if (notice && e.notice_type === 'group_increase') { f(e.group_id); } }");
    assert.deepEqual(r.plan.edits, []);
    assert.ok(r.manual.includes('outside-read:post_type'));
  });

  test('else-if siblings are separate blocks; reads in another function do not count', () => {
    const text = "function h(e) { if (e.notice_type === 'group_increase') { f(e.group_id); } else if (e.notice_type === 'group_decrease') { g(e.user_id); } }\nfunction k(e) { return e.post_type; }";
    const ps = plans(text);
    assert.equal(ps.length, 2);
    assert.equal(core.applyEdits(text, ps.flatMap((p) => p.edits)).split('\n')[0], "function h(e) { if (e.event_type === 'group_member_increase') { f(e.data.group_id); } else if (e.event_type === 'group_member_decrease') { g(e.data.user_id); } }");
  });

  test('switch: one case that cannot move blocks the whole switch', () => {
    const r = fixOne("switch (e.notice_type) { case 'group_increase': hi(e.group_id); break; case 'group_ban': mute(e.user_id); break; }");
    assert.deepEqual(r.plan.edits, []);
    assert.ok(r.manual.includes('several-events'));
  });

  test('switch: a read in default blocks it', () => {
    const r = fixOne("switch (e.notice_type) { case 'group_increase': hi(e.group_id); break; default: log(e.notice_type); }");
    assert.deepEqual(r.plan.edits, []);
    assert.ok(r.manual.includes('default-read'));
  });

  test('switch on message_type has no single Milky property', () => {
    const r = fixOne("switch (e.message_type) { case 'group': g(e.group_id); break; }");
    assert.deepEqual(r.plan.edits, []);
    assert.ok(r.manual.includes('switch-kind:message_type'));
  });

  test('a subscription handler is listed by hand, with the moves of its reads', () => {
    const r = fixOne("napcat.on('notice.group_increase', (ev) => { welcome(ev.group_id, ev.user_id); });");
    assert.deepEqual(r.plan.edits, []);
    assert.deepEqual(r.manual, ['subscription', 'move:group_id', 'move:user_id']);
  });

  test('a handler that destructures its event', () => {
    const r = fixOne("bot.on('message.group', ({ group_id }) => f(group_id));");
    assert.ok(r.manual.includes('not-identifier'));
  });

  test('two blocks in one file are planned separately', () => {
    const text = "if (e.notice_type === 'group_increase') { f(e.group_id); }\nif (e.notice_type === 'group_decrease') { g(e.foo); }";
    const ps = plans(text);
    assert.equal(ps.length, 2);
    assert.ok(ps[0].edits.length > 0);
    assert.deepEqual(ps[1].edits, []);
    const out = core.applyEdits(text, ps.flatMap((p) => p.edits));
    assert.equal(out, "if (e.event_type === 'group_member_increase') { f(e.data.group_id); }\nif (e.notice_type === 'group_decrease') { g(e.foo); }");
  });

  test('edits never overlap and are in UTF-16 offsets', () => {
    const text = "const s = '群🎉'; if (e.notice_type === 'group_increase') { f(e.group_id, '欢迎🎉', e.user_id); }";
    const [p] = plans(text);
    const sorted = [...p.edits].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i].start >= sorted[i - 1].end);
    assert.equal(core.applyEdits(text, p.edits), "const s = '群🎉'; if (e.event_type === 'group_member_increase') { f(e.data.group_id, '欢迎🎉', e.data.user_id); }");
  });
});

describe('the event table', () => {
  test('is current with data/reference/protocol/events.json', async () => {
    const { buildEvents } = await import(path.join(ROOT, 'scripts/events-build.mjs'));
    const built = buildEvents();
    assert.equal(core.eventTable.rows.length, built.rows.length);
    assert.deepEqual(core.eventTable.rows.map((r) => r.milky), built.rows.map((r) => r.milky));
  });

  test('every Milky event type the table names is one of the 20 Milky events', () => {
    const known = new Set(events.milky_events.map((e) => e.event_type));
    assert.equal(known.size, 20);
    for (const r of core.eventTable.rows) for (const m of r.milky) assert.ok(known.has(m), m);
  });

  test('rows without a Milky event carry a reason, rows with one do not', () => {
    for (const r of core.eventTable.rows) assert.equal(r.milky.length === 0, r.reason !== null, `row ${r.row}`);
  });

  test('a move goes to a data field the Milky event has', () => {
    for (const r of core.eventTable.rows) {
      for (const m of r.milky) {
        const fields = m === 'message_receive' ? core.eventTable.scenes[r.scene] : core.eventTable.milkyEvents[m];
        for (const [k, f] of Object.entries(r.fields)) {
          if (f.kind !== 'move' || !f.to[0].startsWith('data.')) continue;
          const top = f.to[0].slice(5).split('.')[0];
          assert.ok(fields.includes(top), `row ${r.row} ${k} → ${f.to[0]} not in ${m}`);
        }
      }
    }
  });
});
