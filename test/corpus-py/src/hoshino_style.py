# -*- coding: utf-8 -*-
# An aiocqhttp bot in the HoshinoBot style: decorators for events, call_action for the API.
import asyncio
import random

from aiocqhttp import CQHttp, Event

bot = CQHttp(api_root="http://127.0.0.1:5700", access_token="secret")

WELCOME = "欢迎新人 [CQ:at,qq={uid}] ！"
ADMIN_ACTIONS = {
    "ban": "set_group_ban",
    "kick": "set_group_kick",
    "whole_ban": "set_group_whole_ban",
}


@bot.on_message("group")
async def on_group(event: Event):
    text = event.message.strip() if isinstance(event.message, str) else str(event.message)
    if text == "ping":
        await bot.send_group_msg(group_id=event.group_id, message="pong")
    elif text.startswith("赞我"):
        await bot.call_action("send_like", user_id=event.user_id, times=10)
    elif text == "戳我":
        await bot.call_action("send_poke", user_id=event.user_id, group_id=event.group_id)
    elif text in ADMIN_ACTIONS:
        await bot.call_action(ADMIN_ACTIONS[text], group_id=event.group_id, user_id=event.user_id)
    elif text == "状态":
        status = await bot.get_status()
        await bot.send(event, f"online={status['online']}")
    return None


@bot.on_notice("group_increase")
async def on_join(event: Event):
    await asyncio.sleep(random.random())
    await bot.send_group_msg(group_id=event.group_id, message=WELCOME.format(uid=event.user_id))


@bot.on_request("friend")
async def on_friend_request(event: Event):
    await bot.set_friend_add_request(flag=event.flag, approve=True, remark="")


@bot.on_request("group")
async def on_group_request(event: Event):
    if event.sub_type == "invite":
        await bot.call_action("set_group_add_request", flag=event.flag, sub_type="invite", approve=False, reason="不接受邀请")
    else:
        return {"approve": True}


@bot.on_meta_event("lifecycle.connect")
async def on_connect(event: Event):
    info = await bot.call_action("get_login_info")
    print("logged in as", info["nickname"])


class Plugin:
    def __init__(self, bot: CQHttp):
        self.bot = bot

    async def set_group_card(self, group_id: int, user_id: int, card: str):
        # a local method named after an action: its definition is not a use
        await self.bot.set_group_card(group_id=group_id, user_id=user_id, card=card)


if __name__ == "__main__":
    bot.run(host="127.0.0.1", port=8080)
