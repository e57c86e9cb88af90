import WebSocket from 'ws';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

export interface OB11Response<T = unknown> {
  status: 'ok' | 'failed';
  retcode: number;
  data: T;
  message?: string;
  echo?: string;
}

const GET_STATUS_INTERVAL_MS = 30_000;

/** Forward-WebSocket client for NapCat (OneBot 11). Every call is `{action, params, echo}`. */
export class NapCatWs {
  private seq = 0;
  private pending = new Map<string, Pending>();

  constructor(private ws: WebSocket, private timeoutMs = 10_000) {
    ws.on('message', (raw) => this.onMessage(raw.toString()));
    setInterval(() => this.heartbeat(), GET_STATUS_INTERVAL_MS);
  }

  private onMessage(text: string) {
    const data = JSON.parse(text) as OB11Response;
    if (!data.echo) return;
    const p = this.pending.get(data.echo);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(data.echo);
    if (data.status === 'ok') p.resolve(data.data);
    else p.reject(new Error(`[napcat] ${data.echo} failed: ${data.message ?? data.retcode}`));
  }

  call<T = unknown>(action: string, params: object = {}): Promise<T> {
    const echo = `${action}-${++this.seq}`;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timeout waiting for ${action}`)), this.timeoutMs);
      this.pending.set(echo, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.ws.send(JSON.stringify({ action, params, echo }));
    });
  }

  sendGroupText(groupId: number, text: string) {
    this.ws.send(JSON.stringify({ action: 'send_group_msg', params: { group_id: groupId, message: [{ type: 'text', data: { text } }] }, echo: 'send_group_msg' }));
  }

  sendPrivateText(userId: number, text: string) {
    const frame = { action: "send_private_msg", params: { user_id: userId, message: text, auto_escape: true }, echo: `send_private_msg-${this.seq++}` };
    this.ws.send(JSON.stringify(frame));
  }

  heartbeat() {
    this.ws.send(JSON.stringify({ action: 'get_status', echo: 'get_status' }));
  }

  ping() {
    this.ws.send('{"action":"get_version_info","echo":"get_version_info"}');
  }

  fetchGroup(id: number) {
    this.ws.send(`{"action":"get_group_info","params":{"group_id":${id}},"echo":"group-${id}"}`);
  }

  recall(messageId: number) {
    this.ws.send(JSON.stringify({ action: "delete_msg", params: { message_id: messageId }, echo: `delete_msg-${messageId}` }));
  }

  nudge(groupId: number, userId: number) {
    this.ws.send(JSON.stringify({ action: 'send_poke', params: { group_id: groupId, user_id: userId }, echo: 'poke' }));
  }

  react(messageId: number, emojiId: string) {
    return this.call('set_msg_emoji_like', { message_id: messageId, emoji_id: emojiId, set: true });
  }

  /** Quick operation on an event (upstream spells it with a leading dot). */
  quick(context: object, operation: object) {
    return this.call('.handle_quick_operation', { context, operation });
  }

  login() {
    return this.call<{ user_id: number; nickname: string }>('get_login_info');
  }

  history(groupId: number, count = 20) {
    return this.call('get_group_msg_history', { group_id: groupId, count, reverseOrder: false });
  }

  sendTo(scene: 'group' | 'private', peer: number, message: string) {
    // the action is only known at run time: no static name here
    return this.call(`send_${scene}_msg`, scene === 'group' ? { group_id: peer, message } : { user_id: peer, message });
  }

  listGroups() {
    return this.call('get_group_' + 'list', { no_cache: false });
  }

  raw(frame: string) {
    this.ws.send(frame);
  }
}

export function readMarker(ws: NapCatWs, groupId: number) {
  ws.raw(`{"action":"mark_group_msg_as_read","params":{"group_id":${groupId}}}`);
  ws.raw('{"action":"_mark_all_as_read"}');
}

export const PRESET_FRAMES: Record<string, string> = {
  status: '{"action":"get_status","params":{},"echo":"preset-status"}',
  cookies: '{"action":"get_cookies","params":{"domain":"qun.qq.com"},"echo":"get_cookies"}',
  migrated: '{"action":"send_group_message","params":{"group_id":1,"message":[]}}',
};
