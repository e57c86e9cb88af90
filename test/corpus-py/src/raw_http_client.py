#!/usr/bin/env python3
"""A small OneBot 11 HTTP client with a Flask webhook.

Usage: python raw_http_client.py --base http://127.0.0.1:3000
The client posts to /send_group_msg and friends; the webhook answers /get_status itself.
"""
import argparse
import json
import logging

import requests
from flask import Flask, jsonify, request, url_for

log = logging.getLogger("onebot")
app = Flask(__name__)

RETRYABLE = {"get_status", "get_group_list"}


class OneBotClient:
    def __init__(self, base: str, token: str = ""):
        self.base = base.rstrip("/")
        self.session = requests.Session()
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def _post(self, path: str, payload: dict) -> dict:
        r = self.session.post(self.base + path, json=payload, timeout=10)
        r.raise_for_status()
        data = r.json()
        if data.get("status") != "ok":
            log.error("call %s failed: %s", path, data)
        return data.get("data")

    def send_group_msg(self, group_id: int, message: str) -> int:
        return self._post("/send_group_msg", {"group_id": group_id, "message": message})["message_id"]

    def send_private_msg(self, user_id: int, message: str) -> int:
        r = requests.post(f"{self.base}/send_private_msg", json={"user_id": user_id, "message": message})
        return r.json()["data"]["message_id"]

    def recall(self, message_id: int) -> None:
        requests.post(self.base + "/delete_msg", data=json.dumps({"message_id": message_id}), headers={"Content-Type": "application/json"})

    def group_members(self, group_id: int):
        return requests.get(f"{self.base}/get_group_member_list?group_id={group_id}").json()["data"]

    def mute_all(self, group_id: int, enable: bool = True) -> None:
        self._post("/set_group_whole_ban", {"group_id": group_id, "enable": enable})

    def status(self) -> dict:
        return requests.get("%s/get_status" % self.base).json()

    def call(self, action: str, **params):
        if action in RETRYABLE:
            log.debug("retryable action %s", action)
        return self._post(f"/{action}", params)


@app.route("/get_status")
def own_status():
    return jsonify(ok=True, self_url=url_for("own_status"))


@app.post("/send_group_msg")
def webhook_send():
    body = request.get_json(force=True)
    log.info("webhook send_group_msg from %s", request.remote_addr)
    return jsonify(client.call("send_group_msg", **body))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:3000")
    args = parser.parse_args()
    client = OneBotClient(args.base)
    client.call("get_version_info")
    app.run(port=8081)
