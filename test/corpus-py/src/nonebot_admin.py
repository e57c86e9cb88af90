"""群管插件: 禁言、踢人、撤回 (NoneBot2 + OneBot V11).

Calls set_group_ban / delete_msg through the adapter; see README for send_group_msg notes.
"""
from typing import Optional

from nonebot import on_command, get_bot, logger
from nonebot.adapters.onebot.v11 import Bot, GroupMessageEvent, Message, MessageSegment
from nonebot.adapters.onebot.v11.exception import ActionFailed
from nonebot.params import CommandArg
from nonebot.permission import SUPERUSER

ban = on_command("禁言", aliases={"ban"}, permission=SUPERUSER, priority=5)
kick = on_command("踢", priority=5)
recall = on_command("撤回", priority=5)
card = on_command("改名片")


def parse_duration(text: str) -> int:
    # "10m" → 600; used by set_group_ban below
    if text.endswith("m"):
        return int(text[:-1]) * 60
    return int(text or 0)


@ban.handle()
async def handle_ban(bot: Bot, event: GroupMessageEvent, args: Message = CommandArg()):
    target: Optional[int] = None
    for seg in args:
        if seg.type == "at":
            target = int(seg.data["qq"])
    if target is None:
        await ban.finish("请 @ 要禁言的成员")
    duration = parse_duration(args.extract_plain_text().strip())
    try:
        await bot.set_group_ban(group_id=event.group_id, user_id=target, duration=duration)
    except ActionFailed as e:
        logger.warning(f"set_group_ban failed: {e}")
        await ban.finish("禁言失败")
    await ban.finish(MessageSegment.at(target) + f" 已被禁言 {duration} 秒")


@kick.handle()
async def handle_kick(bot: Bot, event: GroupMessageEvent, args: Message = CommandArg()):
    info = await bot.get_group_member_info(group_id=event.group_id, user_id=event.user_id)
    if info["role"] not in ("owner", "admin"):
        await kick.finish("只有管理员可以踢人")
    for seg in args:
        if seg.type == "at":
            await bot.call_api("set_group_kick", group_id=event.group_id, user_id=int(seg.data["qq"]), reject_add_request=False)


@recall.handle()
async def handle_recall(bot: Bot, event: GroupMessageEvent):
    if event.reply:
        await bot.call_api("delete_msg", message_id=event.reply.message_id, group_id=event.group_id)
    await bot.delete_msg(message_id=event.message_id)


@card.handle()
async def handle_card(event: GroupMessageEvent, args: Message = CommandArg()):
    b = get_bot()
    await b.call_api("set_group_card", group_id=event.group_id, user_id=event.user_id, card=args.extract_plain_text())


async def broadcast(text: str) -> None:
    """Send text to every group (uses get_group_list then send_group_msg)."""
    bot: Bot = get_bot()
    groups = await bot.get_group_list()
    for g in groups:
        await bot.send_group_msg(group_id=g["group_id"], message=text)
    logger.info("broadcast done via send_group_msg")
