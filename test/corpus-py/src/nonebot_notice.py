"""入群欢迎、退群提醒、戳一戳 (NoneBot2 + OneBot V11).

The same plugin also answers on the QQ official adapter; its names are not OneBot's.
Docs mention nonebot.adapters.onebot.v11 and PrivateMessageEvent in text only.
"""
from nonebot import on_notice, on_command
from nonebot.adapters.onebot.v11 import (
    Bot,
    GroupIncreaseNoticeEvent,
    GroupDecreaseNoticeEvent,
    PokeNotifyEvent,
    MessageSegment,
)
from nonebot.adapters.onebot.v11.permission import GROUP_ADMIN
from nonebot.adapters.qq import MessageSegment as QQSegment

# from nonebot.adapters.onebot.v11 import PrivateMessageEvent  (old code, kept as a note)
welcome = on_notice(priority=5)
poke = on_notice(priority=5)
setup = on_command("欢迎语", permission=GROUP_ADMIN)


@welcome.handle()
async def on_join(bot: Bot, event: GroupIncreaseNoticeEvent):
    await welcome.finish(MessageSegment.at(event.user_id) + " 欢迎入群！" + MessageSegment.face(144))


@welcome.handle()
async def on_leave(bot: Bot, event: GroupDecreaseNoticeEvent):
    if isinstance(event, GroupDecreaseNoticeEvent) and event.sub_type == "kick":
        await bot.send_group_msg(group_id=event.group_id, message=f"{event.user_id} 被移出了群")


@poke.handle()
async def on_poke(bot: Bot, event: PokeNotifyEvent):
    if event.target_id == event.self_id:
        await poke.finish(MessageSegment.image("https://example.com/poke.gif"))


def qq_reply(text: str):
    # The QQ adapter's own MessageSegment: not OneBot.
    return QQSegment.text(text) + QQSegment.mention_user("1")
