#!/usr/bin/env node
/*
 * Legacy go-cqhttp era helper, kept for the nightly announcement job.
 * Functions are named after the OneBot actions they wrap: send_group_msg(), get_group_list(), ...
 */
'use strict';

const WebSocket = require('ws');

const SEND_GROUP_MSG_TIMEOUT = 5000;
const GET_GROUP_LIST_RETRIES = 3;
const DELETE_MSG_AFTER_MS = 60 * 60 * 1000;
const NAPCAT_WS = process.env.NAPCAT_WS || 'ws://127.0.0.1:3001';

let seq = 0;

function rpcCall(ws, action, params) {
  return new Promise((resolve, reject) => {
    const echo = `${action}#${++seq}`;
    const timer = setTimeout(() => reject(new Error(`${action} timed out`)), SEND_GROUP_MSG_TIMEOUT);
    const onMessage = (raw) => {
      const msg = JSON.parse(raw.toString());
      if (msg.echo !== echo) return;
      clearTimeout(timer);
      ws.off('message', onMessage);
      msg.status === 'ok' ? resolve(msg.data) : reject(new Error(msg.message));
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ action, params, echo }));
  });
}

function send_group_msg(ws, group_id, message) {
  return rpcCall(ws, 'send_group_msg', { group_id, message });
}

async function get_group_list(ws) {
  for (let i = 0; i < GET_GROUP_LIST_RETRIES; i++) {
    try {
      return await rpcCall(ws, 'get_group_list', { no_cache: i > 0 });
    } catch (e) {
      console.warn(`get_group_list attempt ${i + 1} failed: ${e.message}`);
    }
  }
  throw new Error('get_group_list failed');
}

const delete_msg = (ws, message_id) => rpcCall(ws, "delete_msg", { message_id });

const get_status = async (ws) => rpcCall(ws, 'get_status', {});

async function main() {
  const ws = new WebSocket(NAPCAT_WS);
  await new Promise((r) => ws.once('open', r));

  const status = await get_status(ws);
  if (!status.online) {
    console.error('get_status: bot offline, aborting');
    process.exit(1);
  }

  const groups = await get_group_list(ws);
  for (const g of groups) {
    const { message_id } = await send_group_msg(ws, g.group_id, '📢 今日公告：服务器今晚维护');
    setTimeout(() => delete_msg(ws, message_id).catch(() => undefined), DELETE_MSG_AFTER_MS);
  }

  // one raw frame, written by hand
  ws.send('{"action":"send_group_sign","params":{"group_id":"123456"},"echo":"sign"}');
  const sticker = '✅🎉'; ws.send(JSON.stringify({ action: 'set_group_sign', params: { group_id: '123456' } }));
  ws.send(JSON.stringify({ action: 'set_group_anonymous_ban', params: { group_id: 1, flag: 'x' } }));
}

if (require.main === module) {
  main().catch((e) => {
    console.error('legacy job failed', e);
    process.exit(1);
  });
}

module.exports = { main, rpcCall, sendGroupMsg: send_group_msg, getGroupList: get_group_list };
