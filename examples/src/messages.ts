// Messages the way OneBot 11 sends them: CQ codes, segment objects and run-time strings. Milky 1.2
// takes segment arrays only; `npm start` shows a `segment` finding per segment that changes.
import { callApi } from './api';

export async function greet(groupId: number, userId: string, caption: string) {
  // A CQ string: `at` → mention, `face` → face (id → face_id), escapes decoded.
  await callApi('send_group_msg', { group_id: groupId, message: '[CQ:at,qq=10001] 欢迎 &#91;新人&#93;[CQ:face,id=76]' });
  // A template: the user id becomes Number(userId).
  await callApi('send_group_msg', { group_id: groupId, message: `[CQ:at,qq=${userId}] ${caption}` });
  // OneBot segment objects, and @all.
  await callApi('send_group_msg', { group_id: groupId, message: [{ type: 'at', data: { qq: 'all' } }, { type: 'image', data: { file: 'https://example.com/a.png' } }] });
  // Plain text sent as is.
  await callApi('send_private_msg', { user_id: 10002, message: '[not a code]', auto_escape: true });
}

export async function relay(groupId: number, text: string, messageId: number) {
  // Known only at run time: the fix wraps it in cqToMilkySegments(…) and adds that helper here.
  await callApi('send_group_msg', { group_id: groupId, message: text });
  // Not mechanical: a reply needs the message_seq, and Milky has no dice.
  await callApi('send_group_msg', { group_id: groupId, message: `[CQ:reply,id=${messageId}][CQ:dice]` });
}

export async function alreadyMilky(groupId: number) {
  // Milky code with a CQ string is a bug too: Milky has no string message.
  await callApi('send_group_message', { group_id: groupId, message: '[CQ:at,qq=10001] hi' });
}
