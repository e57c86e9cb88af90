"""Forward-WebSocket OneBot client (websockets), with an echo table for replies."""
import asyncio
import itertools
import json
from dataclasses import dataclass, field

import websockets

_counter = itertools.count()


@dataclass
class Pending:
    action: str
    future: asyncio.Future = field(default_factory=lambda: asyncio.get_event_loop().create_future())


class WsBot:
    def __init__(self, url: str):
        self.url = url
        self.pending: dict[str, Pending] = {}
        self.ws = None

    async def call(self, action: str, params: dict) -> dict:
        echo = f"{action}:{next(_counter)}"
        self.pending[echo] = Pending(action)
        await self.ws.send(json.dumps({"action": action, "params": params, "echo": echo}))
        return await self.pending[echo].future

    async def hello(self):
        frame = {
            "action": "get_login_info",
            "params": {},
            "echo": "hello",
        }
        await self.ws.send(json.dumps(frame))

    async def reply_private(self, user_id: int, text: str):
        await self.ws.send(json.dumps({"action": "send_private_msg", "params": {"user_id": user_id, "message": text}, "echo": "send_private_msg"}))

    async def forward(self, group_id: int, nodes: list):
        return await self.call("send_group_forward_msg", {"group_id": group_id, "messages": nodes})

    async def history(self, group_id: int):
        return await self.call("get_group_msg_history", {"group_id": group_id, "count": 20})

    async def dispatch(self, data: dict):
        if "echo" in data and data["echo"] in self.pending:
            self.pending.pop(data["echo"]).future.set_result(data)
            return
        match data.get("post_type"):
            case "message":
                if data.get("message_type") == "group" and data.get("raw_message") == "/essence":
                    await self.call("set_essence_msg", {"message_id": data["message_id"]})
            case "notice":
                if data.get("notice_type") == "group_recall":
                    print("recalled:", data["message_id"])
            case _:
                pass

    async def run(self):
        async with websockets.connect(self.url) as ws:
            self.ws = ws
            await self.hello()
            async for raw in ws:
                await self.dispatch(json.loads(raw))


if __name__ == "__main__":
    asyncio.run(WsBot("ws://127.0.0.1:3001").run())
