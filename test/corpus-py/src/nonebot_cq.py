# A NoneBot2 plugin on the OneBot v11 adapter that writes its messages as CQ codes.
"""Greets new members with [CQ:at,qq=10001] and a face; the docstring itself is never a message."""
import logging

from flask import Flask
from nonebot import on_command, on_notice
from nonebot.adapters.onebot.v11 import Bot, GroupIncreaseNoticeEvent, Message, MessageEvent

logger = logging.getLogger(__name__)
web = Flask(__name__)

hello = on_command("hello")
welcome = on_notice()


@hello.handle()
async def _(bot: Bot, event: MessageEvent):
    # [CQ:at,qq=10001] in a comment is not a message either
    logger.info("[CQ:at,qq=%s] said hello", event.user_id)
    print("[CQ:face,id=14] debug")
    await bot.send(event, "[CQ:reply,id=1][CQ:at,qq=10001] hello")
    await hello.send(Message("[CQ:face,id=14] hi"))
    await bot.call_api("send_group_msg", group_id=event.group_id, message="[CQ:at,qq=10001] pinged")
    await bot.call_api("send_group_msg", group_id=event.group_id, message=f"[CQ:at,qq={event.user_id}] welcome {event.user_id}")
    await hello.finish(f"[CQ:at,qq={event.user_id}] bye")


@welcome.handle()
async def _(bot: Bot, event: GroupIncreaseNoticeEvent):
    await bot.send_group_msg(group_id=event.group_id, message="[CQ:at,qq=10002] welcome")
    await welcome.finish("plain text is text under both adapters")


@web.route("/on_notice/[CQ:at]")
def hook():
    return "ok"
