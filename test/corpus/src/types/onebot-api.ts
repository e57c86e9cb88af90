/* eslint-disable @typescript-eslint/naming-convention */
// Typed OneBot 11 / NapCat action map. Keys are action names (e.g. send_group_msg).

export type MessageSegment = { type: string; data: Record<string, unknown> };
export type Message = string | MessageSegment | MessageSegment[];

export interface SendGroupMsgParams { group_id: number | string; message: Message; auto_escape?: boolean }
export interface SendPrivateMsgParams { user_id: number | string; message: Message; auto_escape?: boolean }
export interface StrangerInfo { user_id: number; nickname: string; sex: 'male' | 'female' | 'unknown'; age: number }

export interface ActionMap {
  send_private_msg: { params: SendPrivateMsgParams; result: { message_id: number } };
  send_group_msg: { params: SendGroupMsgParams; result: { message_id: number } };
  send_msg: { params: (SendGroupMsgParams & { message_type?: 'group' }) | (SendPrivateMsgParams & { message_type?: 'private' }); result: { message_id: number } };
  delete_msg: { params: { message_id: number }; result: null };
  get_msg: { params: { message_id: number }; result: { time: number; message: MessageSegment[]; raw_message: string } };
  get_forward_msg: { params: { message_id?: string; id?: string }; result: { messages: unknown[] } };
  send_like: { params: { user_id: number; times?: number }; result: null };
  set_group_kick: { params: { group_id: number; user_id: number; reject_add_request?: boolean }; result: null };
  set_group_ban: { params: { group_id: number; user_id: number; duration?: number }; result: null };
  set_group_whole_ban: { params: { group_id: number; enable?: boolean }; result: null };
  set_group_admin: { params: { group_id: number; user_id: number; enable?: boolean }; result: null };
  set_group_card: { params: { group_id: number; user_id: number; card?: string }; result: null };
  set_group_name: { params: { group_id: number; group_name: string }; result: null };
  set_group_leave: { params: { group_id: number; is_dismiss?: boolean }; result: null };
  set_group_special_title: { params: { group_id: number; user_id: number; special_title?: string }; result: null };
  set_friend_add_request: { params: { flag: string; approve?: boolean; remark?: string }; result: null };
  set_group_add_request: { params: { flag: string; sub_type?: 'add' | 'invite'; approve?: boolean; reason?: string }; result: null };
  get_login_info: { params: Record<string, never>; result: { user_id: number; nickname: string } };
  get_friend_list: { params: { no_cache?: boolean }; result: Array<{ user_id: number; nickname: string; remark: string }> };
  get_group_info: { params: { group_id: number; no_cache?: boolean }; result: { group_id: number; group_name: string; member_count: number } };
  get_group_list: { params: { no_cache?: boolean }; result: Array<{ group_id: number; group_name: string }> };
  get_group_member_info: { params: { group_id: number; user_id: number; no_cache?: boolean }; result: { card: string; role: string } };
  get_group_member_list: { params: { group_id: number; no_cache?: boolean }; result: Array<{ user_id: number; role: string }> };
  'get_group_honor_info': { params: { group_id: number; type: string }; result: unknown };
  "get_cookies": { params: { domain?: string }; result: { cookies: string } };
  get_csrf_token: { params: Record<string, never>; result: { token: number } };
  get_credentials: { params: { domain?: string }; result: { cookies: string; csrf_token: number } };
  get_record: { params: { file: string; out_format: string }; result: { file: string } };
  get_image: { params: { file: string }; result: { file: string } };
  can_send_image: { params: Record<string, never>; result: { yes: boolean } };
  can_send_record: { params: Record<string, never>; result: { yes: boolean } };
  get_status: { params: Record<string, never>; result: { online: boolean; good: boolean } };
  get_version_info: { params: Record<string, never>; result: { app_name: string; app_version: string; protocol_version: string } };
  clean_cache: { params: Record<string, never>; result: null };
}

/** Same map, as method signatures (for a Proxy-based client). */
export interface NapCatExtApi {
  get_stranger_info(params: { user_id: number; no_cache?: boolean }): Promise<StrangerInfo>;
  set_qq_avatar(params: { file: string }): Promise<null>;
  get_group_system_msg(params?: { count?: number }): Promise<{ invited_requests: unknown[]; join_requests: unknown[] }>;
  get_file(params: { file_id: string }): Promise<{ file: string; url: string }>;
  download_file(params: { url?: string; base64?: string; name?: string }): Promise<{ file: string }>;
  check_url_safely(params: { url: string }): Promise<{ level: number }>;
  get_mini_app_ark(params: { type: 'bili' | 'weibo'; title: string; desc: string; picUrl: string; jumpUrl: string }): Promise<unknown>;
}

export type ActionName = keyof ActionMap;
export type Params<A extends ActionName> = ActionMap[A]['params'];
export type Result<A extends ActionName> = ActionMap[A]['result'];

export type GroupInfo = ActionMap['get_group_info']['result'];
export type MemberList = Result<'get_group_member_list'>;

export type GroupAdminAction = 'set_group_ban' | 'set_group_kick' | 'set_group_admin' | 'set_group_whole_ban';
export type MessageAction =
  | 'get_msg'
  | 'get_forward_msg'
  | 'mark_msg_as_read'
  | 'send_group_message' // Milky name, already migrated
  | 'recall_private_message';

export enum NapCatAction {
  SendGroupMsg = 'send_group_msg',
  SendPrivateMsg = "send_private_msg",
  DeleteMsg = 'delete_msg',
  GetGroupFileUrl = 'get_group_file_url',
  SET_GROUP_SIGN = 'set_group_sign',
  SEND_GROUP_SIGN = 'send_group_sign',
  SharePeer = 'ArkSharePeer',
  ShareGroup = 'ArkShareGroup',
  GetFriendsWithCategory = 'get_friends_with_category',
  GetProfileLike = 'get_profile_like',
  FetchEmojiLike = 'fetch_emoji_like',
}

export const enum MilkyAction {
  SendGroupMessage = 'send_group_message',
  RecallGroupMessage = 'recall_group_message',
  GetGroupAnnouncements = 'get_group_announcements',
  SetGroupMemberMute = 'set_group_member_mute',
}

// OneBot 11 actions NapCat does not implement
export type UnsupportedAction = 'set_group_anonymous_ban' | 'set_group_anonymous' | 'reload_event_filter';

// Redux-style action types in the web panel reuse the SCREAMING form; those are not API names.
export const UI_ACTIONS = { SEND_GROUP_MSG: 'SEND_GROUP_MSG', DELETE_MSG: 'DELETE_MSG' } as const;

export type Handler<A extends ActionName> = (params: Params<A>) => Promise<Result<A>>;
export type HandlerTable = { [A in ActionName]?: Handler<A> };

export type QuickOperation = { handle_quick_operation: { context: object; operation: object } };
