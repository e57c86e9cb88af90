// Assorted NapCat-only extensions used by the fun plugins.
// Most of these have no Milky counterpart (get_status, get_version_info, ocr_image, ...).
const { request } = require('../napcat/request');
const express = require('express');

const GET_AI_RECORD_VOICE = 'lucy-voice-xueling';

async function ocr(image) {
  const { texts } = await request('ocr_image', { image });
  return texts.map((t) => t.text).join('\n');
}

async function aiVoice(groupId, text) {
  const characters = await request('get_ai_characters', { group_id: groupId, chat_type: 1 });
  const voice = characters[0]?.characters[0]?.character_id ?? GET_AI_RECORD_VOICE;
  const url = await request('get_ai_record', { group_id: groupId, character: voice, text });
  await request('send_group_ai_record', { group_id: groupId, character: voice, text });
  return url;
}

async function profileBits(userId) {
  const [likes, status] = await Promise.all([
    request('get_profile_like', { user_id: userId }),
    request('nc_get_user_status', { user_id: userId }),
  ]);
  return { likes, status };
}

async function faces() {
  const urls = await request('fetch_custom_face', { count: 20 });
  const likes = await request('fetch_emoji_like', { message_id: 1, emojiId: '76', emojiType: '1' });
  return { urls, likes };
}

async function collections() {
  await request('create_collection', { rawData: 'hello', brief: 'hi' });
  return request('get_collection_list', { category: '0', count: '10' });
}

async function forwardSingle(messageId, target) {
  if (target.group_id) return request('forward_group_single_msg', { message_id: messageId, group_id: target.group_id });
  return request('forward_friend_single_msg', { message_id: messageId, user_id: target.user_id });
}

async function markAllRead() {
  await request('_mark_all_as_read');
  await request('mark_msg_as_read', { message_id: 1 });
}

async function ark(userId, groupId) {
  const peer = await request('ArkSharePeer', { user_id: String(userId) });
  const group = await request('ArkShareGroup', { group_id: String(groupId) });
  return { peer, group };
}

async function misc() {
  const remain = await request('get_group_at_all_remain', { group_id: 123456 });
  const safe = await request('check_url_safely', { url: 'https://example.com' });
  const credentials = await request('get_credentials', { domain: 'qun.qq.com' });
  const record = await request('get_record', { file: 'abc.amr', out_format: 'mp3' });
  const image = await request('get_image', { file: 'abc.jpg' });
  const rkey = await request('nc_get_rkey');
  const packet = await request('nc_get_packet_status');
  await request('set_input_status', { user_id: 10002, event_type: 1 });
  await request('set_online_status', { status: 10, ext_status: 1028, battery_status: 100 });
  await request('set_self_longnick', { longNick: '今天也要元气满满 ✨' });
  await request('set_qq_avatar', { file: 'base64://iVBORw0KGgo=' });
  return { remain, safe, credentials, record, image, rkey, packet };
}

// A reverse proxy exposing a few actions to the dashboard.
const app = express();
app.use(express.json());
app.post('/send_group_msg', async (req, res) => res.json(await request('send_group_msg', req.body)));
app.post('/get_group_honor_info', async (req, res) => res.json(await request('get_group_honor_info', req.body)));
app.get('/healthz', async (_req, res) => res.json(await request('get_status')));
app.get('/download_file/:id', (req, res) => res.sendFile(`/srv/files/${req.params.id}`));
app.post('/:action', async (req, res) => res.json(await request(req.params.action, req.body)));

module.exports = { ocr, aiVoice, profileBits, faces, collections, forwardSingle, markAllRead, ark, misc, app };
