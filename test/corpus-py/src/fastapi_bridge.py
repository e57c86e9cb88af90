"""FastAPI bridge: exposes a few endpoints of its own and forwards to NapCat over HTTP."""
import os

import httpx
from fastapi import APIRouter, FastAPI
from pydantic import BaseModel

ONEBOT = os.environ.get("ONEBOT_HTTP", "http://127.0.0.1:3000")
app = FastAPI()
router = APIRouter(prefix="/bridge")


class SendBody(BaseModel):
    group_id: int
    text: str


@router.post("/send_group_msg")
async def send_group(body: SendBody):
    """Our own route named like the action: not a call of it."""
    async with httpx.AsyncClient() as client:
        r = await client.post(f"{ONEBOT}/send_group_msg", json={"group_id": body.group_id, "message": body.text})
    return r.json()


@router.get("/get_status")
async def status():
    async with httpx.AsyncClient(base_url=ONEBOT) as client:
        r = await client.get("/get_status")
        v = await client.post("/get_version_info")
    return {"onebot": r.json(), "version": v.json()}


@app.get("/health")
async def health():
    return {"ok": True, "note": "use /bridge/get_status for NapCat"}


@router.post("/ban/{group_id}/{user_id}")
async def ban(group_id: int, user_id: int, minutes: int = 10):
    async with httpx.AsyncClient() as client:
        await client.post(ONEBOT + "/set_group_ban", json={"group_id": group_id, "user_id": user_id, "duration": minutes * 60})
    return {"ok": True}


app.include_router(router)
