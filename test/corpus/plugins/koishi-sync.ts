import { Bot, Context, Logger } from 'koishi';

const logger = new Logger('qq-sync');

/** Periodically mirrors group / friend lists into the database. */
export function apply(ctx: Context) {
  ctx.setInterval(() => ctx.bots.filter((b) => b.platform === 'onebot').forEach((b) => void sync(ctx, b)), 10 * 60_000);

  ctx.command('sync', '同步群与好友列表', { authority: 4 }).action(async ({ session }) => {
    await sync(ctx, session!.bot);
    return '✅ 同步完成';
  });

  ctx.command('forward <id:string>').action(async ({ session }, id) => {
    const forward = await session!.bot.internal.getForwardMsg(id);
    const original = await session!.bot.internal.getMsg(Number(id));
    return `${forward.messages.length} 条转发消息，原消息 ${original.message_id}`;
  });

  ctx.command('dm <user:user> <text:text>', '', { authority: 3 }).action(async ({ session }, user, text) => {
    const uid = user.split(':')[1];
    // universal first; fall back to the OneBot action
    await session!.bot.sendPrivateMessage(uid, text).catch(() => session!.bot.internal.sendPrivateMsg(uid, text));
    await session!.bot.internal.sendMsg({ message_type: 'private', user_id: uid, message: text });
  });

  ctx.command('admin <user:user> <on:boolean>', '', { authority: 4 }).action(async ({ session }, user, on) => {
    await session!.bot.internal.setGroupAdmin(session!.guildId, user.split(':')[1], on);
  });

  ctx.command('kickout <user:user>', '', { authority: 3 }).action(async ({ session }, user) => {
    const uid = user.split(':')[1];
    await session!.bot.kickGuildMember(session!.guildId, uid);
    await session!.bot.internal.setGroupKick(session!.guildId, uid, false);
  });

  ctx.command('rename-group <name:text>', '', { authority: 3 }).action(async ({ session }, name) => {
    await session!.bot.internal.setGroupName(session!.guildId, name);
  });

  ctx.command('quit', '', { authority: 4 }).action(async ({ session }) => {
    await session!.bot.internal.setGroupLeave(session!.guildId, false);
  });

  ctx.command('caps', '', { authority: 4 }).action(async ({ session }) => {
    const internal = session!.bot.internal;
    const [img, rec, cookies] = await Promise.all([internal.canSendImage(), internal.canSendRecord(), internal.getCookies('qun.qq.com')]);
    await internal.cleanCache();
    await internal.reloadEventFilter().catch(() => null);
    await internal.setGroupAnonymous(session!.guildId, false).catch(() => null);
    return `image=${img.yes} record=${rec.yes} cookies=${cookies.cookies.length}`;
  });
}

async function sync(ctx: Context, bot: Bot) {
  const self = await bot.internal.getLoginInfo();
  const groups = await bot.internal.getGroupList();
  const friends = await bot.internal.getFriendList();
  logger.info('sync %s: %d groups, %d friends (getGroupList/getFriendList)', self.nickname, groups.length, friends.length);

  // Satori universal API — not OneBot actions
  const login = await bot.getLogin();
  const guildId = String(groups[0]?.group_id ?? '');
  const guild = await bot.getGuild(guildId);
  const members = await bot.getGuildMemberList(guildId);
  const user = await bot.getUser(String(self.user_id));
  await bot.muteGuildMember(guildId, user.id, 0);
  await bot.deleteMessage('private:10001', '1');
  logger.debug('login=%s guild=%s members=%d', login.user?.name, guild.name, members.data.length);

  for (const g of groups) {
    await ctx.database.upsert('qq_group', [{ id: g.group_id, name: g.group_name }]);
  }
}
