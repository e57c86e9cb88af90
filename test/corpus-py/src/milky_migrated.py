"""Already on Milky (nonebot-adapter-milky): nothing is reported (same-name names are quiet in Milky code).

It used to call send_group_msg and delete_msg; see the changelog.
"""
import httpx
from nonebot import on_command, logger
from nonebot.adapters.milky import Bot
from nonebot.adapters.milky.event import GroupMessageEvent
from nonebot.adapters.milky.message import MessageSegment

MILKY = "http://127.0.0.1:3010"
hello = on_command("hello")

# Old NapCat names, kept for the log only: send_group_msg -> send_group_message
RENAMED = "send_group_msg -> send_group_message"


@hello.handle()
async def _(bot: Bot, event: GroupMessageEvent):
    await bot.send_group_message(group_id=event.data.peer_id, message=MessageSegment.mention(event.data.sender_id) + " hi")
    await bot.recall_group_message(group_id=event.data.peer_id, message_seq=event.data.message_seq)
    logger.info(f"replied in {event.data.peer_id} (was send_group_msg)")


async def raw_status() -> dict:
    async with httpx.AsyncClient(base_url=MILKY) as client:
        r = await client.post("/api/get_login_info", json={})
        await client.post(f"{MILKY}/api/send_private_message", json={"user_id": 1, "message": [{"type": "text", "data": {"text": "x"}}]})
        return r.json()


def send_group_msg(text: str) -> None:
    """A local helper that keeps the old name."""
    print(text)
