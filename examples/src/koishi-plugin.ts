// A Koishi plugin that reaches NapCat through the OneBot adapter's internal API.
import type { Context } from 'koishi';

export function apply(ctx: Context) {
  ctx.command('card <name:string>').action(async ({ session }, name) => {
    await session!.bot.internal.setGroupCard(session!.guildId, session!.userId, name);
    await session!.bot.deleteMessage(session!.channelId!, session!.messageId!); // universal API: not NapCat
  });
}
