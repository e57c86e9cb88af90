// node-napcat-ts style SDK calls: reported, never rewritten automatically.
import { NCWebsocket } from 'node-napcat-ts';

const napcat = new NCWebsocket({ baseUrl: 'ws://127.0.0.1:3001' });

export async function muteAll(groupId: number) {
  await napcat.set_group_whole_ban({ group_id: groupId, enable: true });
  await napcat.get_group_list();
}
