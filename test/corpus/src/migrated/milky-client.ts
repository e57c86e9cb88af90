// Half-migrated client: most calls already use Milky endpoints (POST /api/<endpoint>).
// Leftovers from the NapCat era are still here and must be reported.
import { request } from './request';

export type MilkyEndpoint =
  | 'send_group_message'
  | 'send_private_message'
  | 'recall_group_message'
  | 'recall_private_message'
  | 'get_message'
  | 'get_history_messages'
  | 'get_forwarded_messages'
  | 'get_group_announcements'
  | 'send_group_announcement'
  | 'delete_group_announcement'
  | 'get_group_info'
  | 'get_friend_list'
  | 'set_group_member_mute'
  | 'set_group_whole_mute'
  | 'kick_group_member'
  | 'quit_group'
  | 'accept_friend_request'
  | 'reject_friend_request'
  | 'accept_group_request'
  | 'accept_group_invitation'
  | 'get_friend_requests'
  | 'set_avatar'
  | 'set_bio';

export class MilkyClient {
  constructor(private base: string, private token: string) {}

  private post<T>(endpoint: MilkyEndpoint | string, body: object = {}): Promise<T> {
    return request<T>(`${this.base}/api/${endpoint}`, { method: 'POST', body: JSON.stringify(body), headers: { Authorization: `Bearer ${this.token}` } });
  }

  sendGroup(group_id: number, text: string) {
    return this.post('send_group_message', { group_id, message: [{ type: 'text', data: { text } }] });
  }

  recallGroup(group_id: number, message_seq: number) {
    return this.post('recall_group_message', { group_id, message_seq });
  }

  announcements(group_id: number) {
    return this.post('get_group_announcements', { group_id });
  }

  announce(group_id: number, content: string) {
    return this.post('send_group_announcement', { group_id, content });
  }

  invitations(accept: boolean, group_id: number, invitation_seq: number) {
    return this.post(accept ? 'accept_group_invitation' : 'reject_group_invitation', { group_id, invitation_seq });
  }

  friendRequests(limit = 20) {
    return this.post('get_friend_requests', { limit, is_filtered: false });
  }

  groupInfo(group_id: number) {
    return this.post('get_group_info', { group_id });
  }

  history(message_scene: 'group' | 'friend', peer_id: number) {
    return this.post('get_history_messages', { message_scene, peer_id, limit: 20 });
  }

  profile(user_id: number) {
    return this.post('get_user_profile', { user_id });
  }

  nudge(group_id: number, user_id: number) {
    return this.post('send_group_nudge', { group_id, user_id });
  }

  // ---- leftovers ----

  legacyMute(group_id: number, user_id: number, duration: number) {
    return this.post('set_group_ban', { group_id, user_id, duration });
  }

  legacyRecall(message_id: number) {
    return request(`${this.base}/delete_msg`, { method: 'POST', body: JSON.stringify({ message_id }) });
  }

  legacyEssence(group_id: number) {
    return request(this.base + '/get_essence_msg_list', { method: 'POST', body: JSON.stringify({ group_id }) });
  }

  legacyNotice(group_id: number, notice_id: string) {
    return this.post('del_group_announcement', { group_id, notice_id });
  }

  legacyNoticeList(group_id: number) {
    return this.post('get_group_announcement', { group_id });
  }

  legacyFolder(group_id: number, name: string) {
    return this.post('create_group_file_folder', { group_id, name, parent_id: '/' });
  }

  legacyStatus() {
    return this.post('get_status');
  }
}

export const MIGRATION_NOTES = {
  'send_group_msg': 'send_group_message',
  'delete_msg': 'recall_group_message | recall_private_message',
  get_group_announcements: 'was _get_group_notice',
};
