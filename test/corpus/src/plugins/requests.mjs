// Handles friend / group join requests and group invitations.
import { request } from '../napcat/request.mjs';
import { db } from '../db.mjs';

const AUTO_APPROVE_FRIENDS = process.env.AUTO_APPROVE_FRIENDS === '1';
const SET_GROUP_ADD_REQUEST_REASON = '请联系管理员';

export async function onFriendRequest(event) {
  const known = await db.rpc('is_known_user', { uid: event.user_id, source: 'set_friend_add_request' });
  if (AUTO_APPROVE_FRIENDS || known) {
    await request('set_friend_add_request', { flag: event.flag, approve: true, remark: event.comment?.slice(0, 10) ?? '' });
  } else {
    await request('set_friend_add_request', { flag: event.flag, approve: false });
  }
}

export async function onGroupRequest(event) {
  if (event.sub_type === 'invite') {
    // invitations: the bot was invited into a group
    await request('set_group_add_request', { flag: event.flag, sub_type: 'invite', approve: true });
    return;
  }
  const allowed = await isAnswerCorrect(event.comment);
  await request('set_group_add_request', {
    flag: event.flag,
    sub_type: 'add',
    approve: allowed,
    reason: allowed ? '' : SET_GROUP_ADD_REQUEST_REASON,
  });
}

export async function pending() {
  const { invited_requests = [], join_requests = [] } = await request('get_group_system_msg');
  const ignored = await request('get_group_ignore_add_request');
  const friends = await request('get_friend_requests', { limit: 50 });
  return { invited_requests, join_requests, ignored, friends };
}

export async function whoIs(userId, friend) {
  // get_stranger_info covers both Milky get_friend_info and get_user_profile
  const info = await request('get_stranger_info', { user_id: userId, no_cache: !friend });
  const likes = await request('get_profile_like', { user_id: userId });
  const friendsByCategory = friend ? await request('get_friends_with_category') : [];
  return { info, likes, friendsByCategory };
}

async function isAnswerCorrect(comment = '') {
  const answer = comment.split('答案：').pop()?.trim();
  return answer === '42';
}

export const REQUEST_ACTIONS = Object.freeze({
  friend: 'set_friend_add_request',
  group: 'set_group_add_request',
  acceptInvite: 'accept_group_invitation',
  rejectInvite: 'reject_group_invitation',
  milkyAcceptFriend: 'accept_friend_request',
  milkyRejectGroup: 'reject_group_request',
});

export function actionForEvent(event) {
  return event.request_type === 'friend' ? 'set_friend_add_request' : 'set_group_add_request';
}

export default async function handle(event, { action = 'set_group_add_request', approve = false } = {}) {
  return request(action, { flag: event.flag, approve });
}
