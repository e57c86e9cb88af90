// HTTP helpers against NapCat's OneBot 11 server.
const BASE = process.env.NAPCAT_URL ?? 'http://127.0.0.1:3000';

export async function callApi(action: string, params: Record<string, unknown>): Promise<unknown> {
  const res = await fetch(`${BASE}/${action}`, { method: 'POST', body: JSON.stringify(params) });
  return res.json();
}

export async function memberList(groupId: number) {
  const res = await fetch(`${BASE}/get_group_member_list?group_id=${groupId}`);
  return res.json();
}

export async function kick(groupId: number, userId: number) {
  return fetch(BASE + '/set_group_kick', { method: 'POST', body: JSON.stringify({ group_id: groupId, user_id: userId }) });
}
