// All 64 Milky 1.2 endpoints: a minimal valid input each (written by hand, checked with the official input schema),
// and every answer of the mock checked with the endpoint's official output schema.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mock, official, post, start } from './helpers.mjs';

const G = 123456789;
const U = 20001;
const TEXT = [{ type: 'text', data: { text: 'hi' } }];
const INPUTS = {
  get_login_info: {},
  get_impl_info: {},
  get_user_profile: { user_id: U },
  get_friend_list: {},
  get_friend_info: { user_id: U },
  get_group_list: {},
  get_group_info: { group_id: G },
  get_group_member_list: { group_id: G },
  get_group_member_info: { group_id: G, user_id: U },
  get_peer_pins: {},
  set_peer_pin: { message_scene: 'group', peer_id: G },
  set_avatar: { uri: 'https://example.com/a.png' },
  set_nickname: { new_nickname: 'bot' },
  set_bio: { new_bio: 'hello' },
  get_custom_face_url_list: {},
  get_cookies: { domain: 'qun.qq.com' },
  get_csrf_token: {},
  send_private_message: { user_id: U, message: TEXT },
  send_group_message: { group_id: G, message: TEXT },
  recall_private_message: { user_id: U, message_seq: 1 },
  recall_group_message: { group_id: G, message_seq: 1 },
  get_message: { message_scene: 'group', peer_id: G, message_seq: 1 },
  get_history_messages: { message_scene: 'friend', peer_id: U },
  get_resource_temp_url: { resource_id: 'r1' },
  get_forwarded_messages: { forward_id: 'f1' },
  mark_message_as_read: { message_scene: 'group', peer_id: G, message_seq: 1 },
  send_friend_nudge: { user_id: U },
  send_profile_like: { user_id: U },
  delete_friend: { user_id: U },
  get_friend_requests: {},
  accept_friend_request: { initiator_uid: 'u_abc' },
  reject_friend_request: { initiator_uid: 'u_abc' },
  set_group_name: { group_id: G, new_group_name: 'g' },
  set_group_avatar: { group_id: G, image_uri: 'base64://AAAA' },
  set_group_member_card: { group_id: G, user_id: U, card: 'c' },
  set_group_member_special_title: { group_id: G, user_id: U, special_title: 't' },
  set_group_member_admin: { group_id: G, user_id: U },
  set_group_member_mute: { group_id: G, user_id: U },
  set_group_whole_mute: { group_id: G },
  kick_group_member: { group_id: G, user_id: U },
  get_group_announcements: { group_id: G },
  send_group_announcement: { group_id: G, content: 'notice' },
  delete_group_announcement: { group_id: G, announcement_id: 'a1' },
  get_group_essence_messages: { group_id: G, page_index: 0, page_size: 10 },
  set_group_essence_message: { group_id: G, message_seq: 1 },
  quit_group: { group_id: G },
  send_group_message_reaction: { group_id: G, message_seq: 1, reaction: '14' },
  send_group_nudge: { group_id: G, user_id: U },
  get_group_notifications: {},
  accept_group_request: { notification_seq: 1, notification_type: 'join_request', group_id: G },
  reject_group_request: { notification_seq: 1, notification_type: 'invited_join_request', group_id: G },
  accept_group_invitation: { group_id: G, invitation_seq: 1 },
  reject_group_invitation: { group_id: G, invitation_seq: 1 },
  upload_private_file: { user_id: U, file_uri: 'file:///tmp/a.txt', file_name: 'a.txt' },
  upload_group_file: { group_id: G, file_uri: 'file:///tmp/a.txt', file_name: 'a.txt' },
  get_private_file_download_url: { user_id: U, file_id: 'f1', file_hash: 'h' },
  get_group_file_download_url: { group_id: G, file_id: 'f1' },
  get_group_files: { group_id: G },
  move_group_file: { group_id: G, file_id: 'f1' },
  rename_group_file: { group_id: G, file_id: 'f1', new_file_name: 'b.txt' },
  delete_group_file: { group_id: G, file_id: 'f1' },
  create_group_folder: { group_id: G, folder_name: 'dir' },
  rename_group_folder: { group_id: G, folder_id: 'd1', new_folder_name: 'dir2' },
  delete_group_folder: { group_id: G, folder_id: 'd1' },
};

let ctx;
before(async () => { ctx = await start(); });
after(() => ctx.server.close());

test('the table covers exactly the 64 official endpoints, and the mock serves the same list', () => {
  assert.equal(official.size, 64);
  assert.deepEqual(Object.keys(INPUTS).sort(), [...official.keys()].sort());
  assert.deepEqual([...mock.endpoints.keys()], [...official.keys()]);
});

test('every hand-written input is valid for its official input schema', () => {
  for (const [name, input] of Object.entries(INPUTS)) {
    const schema = official.get(name).input;
    if (!schema) { assert.deepEqual(input, {}, name); continue; }
    const r = schema.safeParse(input);
    assert.ok(r.success, `${name}: ${JSON.stringify(r.error?.issues)}`);
  }
});

test('every endpoint answers ok with data that passes its official output schema', async () => {
  const failures = [];
  for (const [name, input] of Object.entries(INPUTS)) {
    const r = await post(ctx.url, name, input);
    if (r.status !== 200 || r.json?.status !== 'ok' || r.json?.retcode !== 0) { failures.push(`${name}: ${r.status} ${r.text}`); continue; }
    assert.equal(typeof r.json.data, 'object', name);
    assert.notEqual(r.json.data, null, name);
    const output = official.get(name).output;
    if (!output) { if (Object.keys(r.json.data).length) failures.push(`${name}: data should be {} (no output schema)`); continue; }
    const check = output.safeParse(r.json.data);
    if (!check.success) failures.push(`${name}: ${JSON.stringify(check.error.issues.slice(0, 3))}`);
  }
  assert.deepEqual(failures, []);
  assert.equal(ctx.lines.filter((l) => / 200 ok/.test(l)).length, 64);
});

test('answers are plausible: message_seq goes up, time is now, the group asked about is the group answered', async () => {
  const a = await post(ctx.url, 'send_group_message', INPUTS.send_group_message);
  const b = await post(ctx.url, 'send_private_message', INPUTS.send_private_message);
  assert.ok(b.json.data.message_seq > a.json.data.message_seq);
  assert.ok(Math.abs(a.json.data.time - Date.now() / 1000) < 5);
  const info = await post(ctx.url, 'get_group_info', { group_id: 987654321 });
  assert.equal(info.json.data.group.group_id, 987654321);
  const member = await post(ctx.url, 'get_group_member_info', { group_id: 987654321, user_id: 55555 });
  assert.equal(member.json.data.member.user_id, 55555);
  assert.equal(member.json.data.member.group_id, 987654321);
  const msg = await post(ctx.url, 'get_message', { message_scene: 'friend', peer_id: 55555, message_seq: 77 });
  assert.equal(msg.json.data.message.message_scene, 'friend');
  assert.equal(msg.json.data.message.message_seq, 77);
  const list = await post(ctx.url, 'get_friend_list', {});
  const ids = list.json.data.friends.map((f) => f.user_id);
  assert.ok(ids.length >= 1 && new Set(ids).size === ids.length, 'distinct friends');
  for (const id of ids) assert.ok(Number.isInteger(id) && id >= 10001);
  const impl = await post(ctx.url, 'get_impl_info', {});
  assert.equal(impl.json.data.milky_version, '1.2');
});

test('message answers follow the scene asked for, and still pass the official schemas', async () => {
  for (const scene of ['friend', 'group', 'temp']) {
    const peer = scene === 'group' ? G : U;
    const one = await post(ctx.url, 'get_message', { message_scene: scene, peer_id: peer, message_seq: 5 });
    assert.equal(one.json.data.message.message_scene, scene);
    assert.equal(one.json.data.message.peer_id, peer);
    assert.ok(official.get('get_message').output.safeParse(one.json.data).success);
    const history = await post(ctx.url, 'get_history_messages', { message_scene: scene, peer_id: peer, limit: 5 });
    assert.ok(history.json.data.messages.length > 0);
    for (const m of history.json.data.messages) assert.equal(m.message_scene, scene);
    assert.ok(official.get('get_history_messages').output.safeParse(history.json.data).success);
  }
});
