import { NCWebsocket, Structs, type AllHandlers } from 'node-napcat-ts';

const napcat = new NCWebsocket(
  { baseUrl: process.env.NAPCAT_WS ?? 'ws://127.0.0.1:3001', accessToken: process.env.NAPCAT_TOKEN, reconnection: { enable: true, attempts: 10, delay: 5000 } },
  false,
);

const OWNER = Number(process.env.OWNER_QQ ?? 10001);

napcat.on('message.group', async (ctx: AllHandlers['message.group']) => {
  const text = ctx.raw_message.trim();

  if (text === '/ping') {
    await napcat.send_group_msg({ group_id: ctx.group_id, message: [Structs.reply(ctx.message_id), Structs.text('pong 🏓')] });
    return;
  }

  if (text === '/info') {
    const info = await napcat.get_group_info({ group_id: ctx.group_id });
    const members = await napcat.get_group_member_list({ group_id: ctx.group_id, no_cache: false });
    await napcat.send_msg({ message_type: 'group', group_id: ctx.group_id, message: `${info.group_name}：${members.length} 人` });
    return;
  }

  if (text.startsWith('/recall') && ctx.sender.user_id === OWNER) {
    const reply = ctx.message.find((s) => s.type === 'reply');
    if (reply) await napcat.delete_msg({ message_id: Number(reply.data.id) });
    return;
  }

  if (text === '/essence') {
    const list = await napcat.get_essence_msg_list({ group_id: ctx.group_id });
    for (const e of list.slice(0, 3)) {
      const msg = await napcat.get_msg({ message_id: e.message_id });
      console.log('essence', msg.raw_message);
    }
    return;
  }

  if (text === '/pin') {
    await napcat.set_essence_msg({ message_id: ctx.message_id });
  } else if (text === '/unpin') {
    await napcat.delete_essence_msg({ message_id: ctx.message_id });
  }

  if (text === '/poke') {
    await napcat.group_poke({ group_id: ctx.group_id, user_id: ctx.user_id });
    await napcat.send_poke({ group_id: ctx.group_id, user_id: ctx.user_id });
  }

  if (text === '👍🏻') await napcat.send_like({ user_id: ctx.user_id, times: 1 });

  if (text === '/like') {
    await napcat.set_msg_emoji_like({ message_id: ctx.message_id, emoji_id: '76' });
    await napcat.send_like({ user_id: ctx.user_id, times: 10 });
  }

  if (text === '/history') {
    const { messages } = await napcat.get_group_msg_history({ group_id: ctx.group_id, count: 50 });
    await napcat.mark_group_msg_as_read({ group_id: ctx.group_id });
    console.log(`got ${messages.length} messages`);
  }

  if (text === '/honor') {
    const honor = await napcat.get_group_honor_info({ group_id: ctx.group_id, type: 'all' });
    console.log(honor.current_talkative);
  }

  if (text === '/shut') {
    const shut = await napcat.get_group_shut_list({ group_id: ctx.group_id });
    await napcat.set_group_whole_ban({ group_id: ctx.group_id, enable: shut.length > 10 });
  }

  if (text === '/notice') {
    await napcat._send_group_notice({ group_id: ctx.group_id, content: '今晚 8 点维护 🔧' });
    const notices = await napcat._get_group_notice({ group_id: ctx.group_id });
    if (notices.length > 5) await napcat._del_group_notice({ group_id: ctx.group_id, notice_id: notices[0].notice_id });
  }

  if (text === '/ocr') {
    const image = ctx.message.find((s) => s.type === 'image');
    if (image) {
      const { texts } = await napcat.ocr_image({ image: image.data.file });
      await napcat.send_group_msg({ group_id: ctx.group_id, message: texts.map((t) => t.text).join('\n') });
    }
  }

  if (text === '/ai') {
    const chars = await napcat.get_ai_characters({ group_id: ctx.group_id, chat_type: 1 });
    await napcat.send_group_ai_record({ group_id: ctx.group_id, character: chars[0].characters[0].character_id, text: '你好' });
  }
});

napcat.on('message.private', async (ctx) => {
  await napcat.mark_private_msg_as_read({ user_id: ctx.user_id });
  const profile = await napcat.get_stranger_info({ user_id: ctx.user_id });
  await napcat.send_private_msg({ user_id: ctx.user_id, message: `hi ${profile.nickname}` });
  await napcat.friend_poke({ user_id: ctx.user_id });
  const { messages } = await napcat.get_friend_msg_history({ user_id: ctx.user_id, count: 5 });
  console.log(messages.length);
});

napcat.on('request.friend', async (ctx) => {
  await napcat.set_friend_add_request({ flag: ctx.flag, approve: true, remark: '' });
});

napcat.on('request.group.add', async (ctx) => {
  const ok = /^\d{6}$/.test(ctx.comment);
  await napcat.set_group_add_request({ flag: ctx.flag, approve: ok, reason: ok ? '' : '答案错误' });
});

napcat.on('notice.notify.poke', async (ctx) => {
  if ('group_id' in ctx) await napcat.set_group_ban({ group_id: ctx.group_id, user_id: ctx.user_id, duration: 60 });
});

async function boot() {
  await napcat.connect();
  const me = await napcat.get_login_info();
  const status = await napcat.get_status();
  const version = await napcat.get_version_info();
  await napcat.set_online_status({ status: 10, ext_status: 0, battery_status: 0 });
  await napcat.set_self_longnick({ longNick: `v${version.app_version} 🤖` });
  await napcat.set_qq_avatar({ file: 'file:///data/avatar.png' });
  await napcat.set_input_status({ user_id: OWNER, event_type: 1 });
  const recent = await napcat.get_recent_contact({ count: 10 });
  const rkey = await napcat.nc_get_rkey();
  const range = await napcat.get_robot_uin_range();
  console.log(me.nickname, status.online, recent.length, rkey.length, range.length);
}

// dynamic dispatch — names only known at run time
export async function callByName(action: string, params: Record<string, unknown>) {
  return (napcat as any)[action](params);
}

void boot();
