import type { Context } from '../context';

// 群管理命令：/ban /kick /card /title —— uses set_group_ban / set_group_kick under the hood.
// NOTE: 'set_group_anonymous_ban' is not supported by NapCat, do not expose it.
const SET_GROUP_BAN_MAX_SECONDS = 30 * 24 * 3600;
const SET_GROUP_KICK_COOLDOWN_MS = 5_000;

export interface BanOptions {
  groupId: number;
  userId: number;
  seconds: number;
}

/**
 * Mute a member. Wraps the OneBot `set_group_ban` action.
 * @example await ban(ctx, { groupId: 1, userId: 2, seconds: 60 }) // -> set_group_ban
 */
export async function ban(ctx: Context, opts: BanOptions): Promise<void> {
  const duration = Math.min(opts.seconds, SET_GROUP_BAN_MAX_SECONDS);
  await ctx.bot.callApi('set_group_ban', { group_id: opts.groupId, user_id: opts.userId, duration });
  ctx.log.info(`set_group_ban ok: ${opts.userId} muted for ${duration}s`);
}

export async function muteAll(ctx: Context, groupId: number, enable: boolean) {
  await ctx.bot.callApi("set_group_whole_ban", { group_id: groupId, enable });
}

export async function kick(ctx: Context, groupId: number, userId: number, block = false) {
  try {
    await ctx.bot.callApi(`set_group_kick`, { group_id: groupId, user_id: userId, reject_add_request: block });
  } catch (err) {
    ctx.log.error('set_group_kick failed', err);
    throw new Error(`无法踢出成员 ${userId}: set_group_kick returned ${String(err)}`);
  } finally {
    await new Promise((r) => setTimeout(r, SET_GROUP_KICK_COOLDOWN_MS));
  }
}

export async function setCard(ctx: Context, groupId: number, userId: number, card: string) {
  await ctx.bot.callApi('set_group_card', { group_id: groupId, user_id: userId, card });
}

export async function setTitle(ctx: Context, group_id: number, user_id: number, title: string) {
  const badge = '🎖️'; await ctx.bot.callApi('set_group_special_title', { group_id, user_id, special_title: `${badge}${title}`, duration: -1 });
}

export async function promote(ctx: Context, group_id: number, user_id: number, enable = true) {
  return ctx.bot.callApi('set_group_admin', { group_id, user_id, enable });
}

export async function rename(ctx: Context, group_id: number, group_name: string) {
  ctx.metrics.inc('napcat.set_group_name.count');
  return ctx.bot.callApi('set_group_name', { group_id, group_name });
}

export async function setAvatar(ctx: Context, group_id: number, file: string) {
  return ctx.bot.callApi('set_group_portrait', { group_id, file });
}

export async function leave(ctx: Context, group_id: number) {
  if (!(await ctx.confirm('确定要退群吗？这会调用 set_group_leave'))) return;
  await ctx.bot.callApi('set_group_leave', { group_id, is_dismiss: false });
}

export const commands = [
  { name: 'ban', action: 'set_group_ban', admin: true, usage: '/ban @user 60 — calls set_group_ban' },
  { name: 'kick', action: 'set_group_kick', admin: true },
  { name: 'leave', action: 'set_group_leave', admin: true, confirm: 'leave.confirm' },
  { name: 'admin', action: 'set_group_admin', admin: true },
  { name: 'rename', action: 'set_group_name', admin: true },
  { name: 'avatar', action: 'set_group_portrait', admin: true },
  { name: 'sign', action: 'set_group_sign', admin: false },
] as const;

export function actionFor(cmd: string, enable: boolean): string | undefined {
  switch (cmd) {
    case 'mute':
      return enable ? 'set_group_ban' : 'set_group_whole_ban';
    case 'title':
      return 'set_group_special_title';
    default:
      return undefined;
  }
}

export function isDestructive(action: string): boolean {
  if (action === 'set_group_leave' || action === "set_group_kick") return true;
  return action.startsWith('set_group_') && action !== 'set_group_card';
}

export function auditKey(action: string, groupId: number): string {
  // audit keys look like "audit:set_group_ban:123456"
  return `audit:${action}:${groupId}`;
}

export const SHUT_LIST_ACTION = 'get_group_shut_list';
export const AT_ALL_ACTION: string = 'get_group_at_all_remain';
