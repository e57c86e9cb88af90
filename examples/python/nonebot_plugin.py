from nonebot import on_command, on_notice
from nonebot.adapters.onebot.v11 import Bot, GroupIncreaseNoticeEvent, GroupMessageEvent, MessageSegment

welcome = on_notice()
mute = on_command("mute")


@welcome.handle()
async def greet(event: GroupIncreaseNoticeEvent):
    await welcome.finish(MessageSegment.at(event.user_id) + " welcome!" + MessageSegment.face(14))


@mute.handle()
async def mute_sender(bot: Bot, event: GroupMessageEvent):
    await bot.set_group_ban(group_id=event.group_id, user_id=event.user_id, duration=60)
    await bot.send_group_msg(group_id=event.group_id, message="muted for a minute")
