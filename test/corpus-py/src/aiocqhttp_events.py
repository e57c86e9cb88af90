# aiocqhttp event decorators beside a Flask app and a pyrogram-style client (never flagged).
from aiocqhttp import CQHttp
from flask import Flask

app = CQHttp(api_root="http://127.0.0.1:5700")
web = Flask(__name__)


@app.on_message("private")
async def private(event):
    await app.send(event, "hi")


@app.on_notice("group_decrease.kick", "group_recall")
async def notices(event):
    return None


@app.on_notice
async def every_notice(event):
    return None


@app.on_meta_event("heartbeat")
async def beat(event):
    return None


@app.on_request("group.invite")
async def invited(event):
    return {"approve": False}


@web.route("/on_message")
def route():
    return "ok"


@client.on_message(filters.private)
async def other(c, m):
    return None


@client.on_notice("group_increase")
async def not_a_cqhttp(event):
    return None
