// A small NapCat bot (node-napcat-ts style + raw OneBot calls) used as the default input of `npm start`.
import { WebSocket } from 'ws';
import { callApi } from './api';

const ws = new WebSocket('ws://127.0.0.1:3001');

export async function onGroupMessage(groupId: number, userId: number, messageId: number, text: string) {
  if (text === '/ping') {
    await callApi('send_group_msg', { group_id: groupId, message: 'pong' });
  }
  if (text.startsWith('/ban')) {
    await callApi('set_group_ban', { group_id: groupId, user_id: userId, duration: 600 });
    await callApi('delete_msg', { message_id: messageId, group_id: groupId });
  }
  if (text === '/essence') {
    await callApi('set_essence_msg', { message_id: messageId });
  }
  if (text === '/poke') {
    await callApi('send_poke', { group_id: groupId, user_id: userId });
  }
  if (text === '/status') {
    const status = await callApi('get_status', {});
    console.log('get_status returned', status); // a log line: never flagged
  }
}

export async function onFriendRequest(flag: string, accept: boolean) {
  await callApi('set_friend_add_request', { flag, approve: false });
  await callApi('set_friend_add_request', { flag, approve: accept });
}

export function sendOverWs(groupId: number, text: string) {
  ws.send(JSON.stringify({ action: 'send_group_msg', params: { group_id: groupId, message: text }, echo: 'send_group_msg' }));
}

export async function info(groupId: number) {
  return callApi('get_group_info', { group_id: groupId });
}
