'use strict';
const axios = require('axios');

const BASE = process.env.NAPCAT_HTTP || 'http://127.0.0.1:3000';
const TOKEN = process.env.NAPCAT_TOKEN || '';
const MILKY_BASE = process.env.MILKY_HTTP || 'http://127.0.0.1:3010';

const http = axios.create({
  baseURL: BASE,
  timeout: 8000,
  headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
});

/** POST /send_group_msg — returns the NapCat short message id. */
async function sendGroup(groupId, message) {
  const { data } = await axios.post(`${BASE}/send_group_msg`, { group_id: groupId, message });
  return data.data.message_id;
}

async function sendPrivate(userId, message) {
  return http.post('/send_private_msg', { user_id: userId, message });
}

async function send(messageType, id, message) {
  const body = messageType === 'group' ? { message_type: 'group', group_id: id, message } : { message_type: 'private', user_id: id, message };
  return http.post("/send_msg", body);
}

async function listGroups() {
  const res = await fetch(BASE + '/get_group_list?no_cache=true', { method: 'POST' });
  if (!res.ok) throw new Error(`get_group_list: HTTP ${res.status}`);
  return (await res.json()).data;
}

async function members(groupId) {
  const res = await fetch(`${BASE}/get_group_member_list?group_id=${groupId}`);
  return (await res.json()).data;
}

async function memberInfo(groupId, userId) {
  return http.get('get_group_member_info', { params: { group_id: groupId, user_id: userId, no_cache: true } });
}

async function stranger(userId) {
  const url = new URL('/get_stranger_info', BASE);
  url.searchParams.set('user_id', String(userId));
  return fetch(url, { headers: { Authorization: `Bearer ${TOKEN}` } });
}

async function cookies() {
  return axios.get('http://127.0.0.1:3000/get_cookies?domain=qun.qq.com');
}

async function csrf() {
  return axios.post(`${BASE}/get_csrf_token`, {});
}

async function friends() {
  return axios.post(`${BASE}/get_friend_list`, { no_cache: false });
}

async function whoami() {
  return axios.get(`${BASE}/get_login_info?access_token=${TOKEN}`);
}

async function react(messageId, emojiId) {
  return fetch(BASE + '/set_msg_emoji_like', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ message_id: messageId, emoji_id: emojiId }),
  });
}

async function clearCache() {
  return fetch(new Request(BASE + '/clean_cache', { method: 'POST' }));
}

async function canSend() {
  const [img, rec] = await Promise.all([http.post('can_send_image'), http.post('can_send_record')]);
  return { image: img.data.data.yes, record: rec.data.data.yes };
}

async function essence(groupId) {
  return http.post('/get_essence_msg_list', { group_id: groupId });
}

async function forwardMsg(id) {
  return http.post(`/get_forward_msg`, { message_id: id });
}

async function getMsg(id) {
  return axios({ method: 'post', url: `${BASE}/get_msg`, data: { message_id: id } });
}

// ---- things below must stay quiet ----

async function call(action, params = {}) {
  // generic: POST `${BASE}/${action}`
  return axios.post(`${BASE}/${action}`, params);
}

async function sendScene(scene, peer, message) {
  return axios.post(`${BASE}/send_${scene}_msg`, { [`${scene}_id`]: peer, message });
}

async function downloadStatus(id) {
  return axios.get(`${BASE}/download_file/${id}/status`);
}

async function milkySend(groupId, segments) {
  return axios.post(`${MILKY_BASE}/api/send_group_message`, { group_id: groupId, message: segments });
}

async function milkyRecall(groupId, seq) {
  return axios.post(MILKY_BASE + '/api/recall_group_message', { group_id: groupId, message_seq: seq });
}

function logRequest(action, ms) {
  console.log(`[http] POST /${action} took ${ms}ms`);
  console.log('[http] get_group_list is cached for 60s');
}

module.exports = {
  sendGroup, sendPrivate, send, listGroups, members, memberInfo, stranger, cookies, csrf, friends, whoami,
  react, clearCache, canSend, essence, forwardMsg, getMsg, call, sendScene, downloadStatus, milkySend, milkyRecall, logRequest,
};
