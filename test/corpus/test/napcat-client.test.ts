import { describe, it, expect, vi, beforeEach } from 'vitest';
import { NapCatClient } from '../src/napcat/client';

const callApi = vi.fn();
let client: NapCatClient;

beforeEach(() => {
  callApi.mockReset();
  client = new NapCatClient({ callApi });
});

describe('NapCatClient group messaging', () => {
  it('send_group_msg sends text', async () => {
    callApi.mockResolvedValue({ message_id: 1 });
    await client.sendGroupText(123, 'hi');
    expect(callApi).toHaveBeenCalledWith('send_group_msg', { group_id: 123, message: 'hi' });
  });

  it('retries send_group_msg once on retcode 1200', async () => {
    callApi.mockRejectedValueOnce(Object.assign(new Error('timeout'), { retcode: 1200 })).mockResolvedValue({ message_id: 2 });
    await client.sendGroupText(123, 'again');
    expect(callApi).toHaveBeenNthCalledWith(2, 'send_group_msg', expect.objectContaining({ group_id: 123 }));
  });

  it('recall uses delete_msg with the short id', async () => {
    await client.recall(987);
    expect(callApi.mock.calls[0][0]).toBe('delete_msg');
    expect(callApi.mock.calls[0][1]).toEqual({ message_id: 987 });
  });

  it.each([
    ['get_group_list', []],
    ['get_friend_list', []],
    ['get_login_info', { user_id: 1, nickname: 'bot' }],
  ])('proxies %s', async (action, data) => {
    callApi.mockResolvedValue(data);
    await expect(client.raw(action)).resolves.toEqual(data);
  });
});

describe('NapCatClient requests', () => {
  it('approves friend requests via set_friend_add_request', async () => {
    await client.approveFriend('flag-1');
    expect(callApi).toHaveBeenCalledWith('set_friend_add_request', { flag: 'flag-1', approve: true });
  });

  it('rejects group invites', async () => {
    await client.rejectInvite('flag-2', '不接受邀请');
    expect(callApi).toHaveBeenCalledWith('set_group_add_request', { flag: 'flag-2', sub_type: 'invite', approve: false, reason: '不接受邀请' });
  });

  it('does not call set_group_anonymous_ban (unsupported by NapCat)', async () => {
    await client.banAnonymous(1, 'x');
    expect(callApi).not.toHaveBeenCalledWith('set_group_anonymous_ban', expect.anything());
  });
});

describe('echo correlation', () => {
  it('matches responses by echo', async () => {
    const frames: Array<{ action: string; echo: string }> = [];
    const ws = { send: (s: string) => frames.push(JSON.parse(s)) };
    const c = new NapCatClient({ ws });
    void c.raw('get_status');
    expect(frames[0]).toMatchObject({ action: 'get_status', echo: expect.stringMatching(/^get_status-\d+$/) });
    c.receive({ status: 'ok', retcode: 0, data: { online: true }, echo: 'get_status-1' });
  });
});

describe('milky migration', () => {
  it('already migrated names are passed through', async () => {
    await client.raw('send_group_message', { group_id: 1, message: [] });
    expect(callApi).toHaveBeenCalledWith('send_group_message', { group_id: 1, message: [] });
  });
});

// snapshot of the names the client exposes
export const EXPOSED = ['send_group_msg', 'send_private_msg', 'delete_msg', 'get_msg', 'set_group_ban', 'get_group_member_info'];
