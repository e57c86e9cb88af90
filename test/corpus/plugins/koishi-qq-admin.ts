import { Context, Schema, Session } from 'koishi';
import {} from '@koishijs/plugin-adapter-onebot';

export const name = 'qq-admin';
export const inject = ['database'];

export interface Config {
  defaultMuteMinutes: number;
  welcome: string;
}

export const Config: Schema<Config> = Schema.object({
  defaultMuteMinutes: Schema.natural().default(10).description('默认禁言分钟数（调用 setGroupBan）'),
  welcome: Schema.string().default('欢迎 {name} 入群 🎉'),
});

function isOneBot(session: Session): boolean {
  return session.platform === 'onebot';
}

export function apply(ctx: Context, config: Config) {
  ctx.command('mute <user:user> [minutes:number]', '禁言成员', { authority: 3 })
    .action(async ({ session }, user, minutes = config.defaultMuteMinutes) => {
      if (!session || !isOneBot(session)) return '仅支持 OneBot 平台';
      const [, userId] = user.split(':');
      await session.bot.internal.setGroupBan(session.guildId, userId, minutes * 60);
      return session.text('.muted', [userId, minutes]);
    });

  ctx.command('card <user:user> <card:text>', '修改群名片', { authority: 3 })
    .action(async ({ session }, user, card) => {
      const [, userId] = user.split(':');
      await session!.bot.internal.setGroupCard(session!.guildId, userId, card);
    });

  ctx.command('title <user:user> <title:text>', '设置头衔', { authority: 4 })
    .action(async ({ session }, user, title) => {
      const { internal } = session!.bot;
      await internal.setGroupSpecialTitle(session!.guildId, user.split(':')[1], title, -1);
    });

  ctx.command('recall', '撤回被回复的消息', { authority: 2 })
    .action(async ({ session }) => {
      const quote = session!.quote;
      if (!quote) return '请回复要撤回的消息';
      // Satori universal API first, then the raw OneBot action as a fallback
      try {
        await session!.bot.deleteMessage(session!.channelId, quote.id);
      } catch {
        await session!.bot.internal.deleteMsg(quote.id);
      }
    });

  ctx.command('whoami')
    .action(async ({ session }) => {
      const info = await session!.bot.internal.getStrangerInfo(session!.userId);
      const member = await session!.bot.internal.getGroupMemberInfo(session!.guildId, session!.userId);
      return `${info.nickname} / ${member.card || member.nickname}`;
    });

  ctx.command('groupinfo')
    .action(async ({ session }) => {
      const bot = session!.bot;
      const [info, ex, members] = await Promise.all([
        bot.internal.getGroupInfo(session!.guildId),
        bot.internal.getGroupInfoEx(session!.guildId),
        bot.internal.getGroupMemberList(session!.guildId),
      ]);
      // universal equivalents, not OneBot actions:
      const guild = await bot.getGuild(session!.guildId);
      const friends = await bot.getFriendList();
      return `${info.group_name} (${guild.name}) ${members.length} members, ${friends.data.length} friends, ex=${Object.keys(ex).length}`;
    });

  ctx.command('like [times:number]')
    .action(async ({ session }, times = 10) => {
      await session!.bot.internal.sendLike(session!.userId, times);
    });

  ctx.command('lockdown <on:boolean>', '全员禁言', { authority: 3 })
    .action(async ({ session }, on) => {
      await session!.bot.internal.setGroupWholeBan(session!.guildId, on);
      // anonymous ban exists in OneBot 11 but not in NapCat:
      await session!.bot.internal.setGroupAnonymousBan(session!.guildId, '', 60).catch(() => undefined);
    });

  ctx.command('napcat-status', '', { authority: 4 })
    .action(async ({ session }) => {
      const s = await session!.bot.internal.getStatus();
      const v = await session!.bot.internal.getVersionInfo();
      const token = await session!.bot.internal.getCsrfToken();
      return `online=${s.online} ${v.app_name}@${v.app_version} csrf=${token.token ? 'ok' : 'missing'}`;
    });

  ctx.on('guild-member-request', async (session) => {
    const answer = session.content ?? '';
    const ok = answer.includes('koishi');
    await session.bot.internal.setGroupAddRequest(session.messageId, 'add', ok, ok ? '' : '答案不对');
  });

  ctx.on('friend-request', async (session) => {
    await session.bot.internal.setFriendAddRequest(session.messageId, true, '');
    // Satori universal API (not an OneBot action):
    await session.bot.handleFriendRequest(session.messageId, true);
  });

  ctx.on('guild-member-added', async (session) => {
    await session.bot.sendMessage(session.channelId, config.welcome.replace('{name}', session.username ?? ''));
    const rules = '📜 请先阅读群公告'; await session.bot.internal.sendGroupMsg(session.guildId, rules);
  });

  ctx.on('message-deleted', async (session) => {
    const msg = await session.bot.getMessage(session.channelId, session.messageId);
    ctx.logger.info('deleted: %s', msg.content);
  });

  ctx.on('guild-member-deleted', async (session) => {
    await session.bot.kickGuildMember(session.guildId, session.userId);
  });

  ctx.i18n.define('zh-CN', {
    commands: {
      mute: { messages: { muted: '已禁言 {0} {1} 分钟' } },
    },
  });
}
