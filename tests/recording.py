"""A Bot API request object that answers from memory and records every call (no sockets)."""

from __future__ import annotations

import json
import time
from typing import Any

from telegram.request import BaseRequest, RequestData

BOT_USER = {
    "id": 123456789,
    "is_bot": True,
    "first_name": "Clinic FAQ",
    "username": "clinic_faq_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}


class RecordingRequest(BaseRequest):
    """Answers every Bot API method the bot uses; `calls` holds (method, parameters)."""

    def __init__(self, fail: dict[str, int] | None = None) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self._next_id = 100
        self._fail = dict(fail or {})  # method -> how many calls to fail with a 400

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[-1]
        parameters = request_data.parameters if request_data else {}
        if self._fail.get(endpoint, 0) > 0:
            self._fail[endpoint] -= 1
            body = {"ok": False, "error_code": 400, "description": "Bad Request: test failure"}
            return 400, json.dumps(body).encode()
        self.calls.append((endpoint, parameters))
        return 200, json.dumps({"ok": True, "result": self._result(endpoint, parameters)}).encode()

    def _result(self, endpoint: str, parameters: dict[str, Any]) -> Any:
        if endpoint == "getMe":
            return BOT_USER
        if endpoint == "getUpdates":
            return []
        if endpoint in ("sendMessage", "editMessageText"):
            self._next_id += 1
            return {
                "message_id": parameters.get("message_id", self._next_id),
                "date": int(time.time()),
                "chat": {"id": parameters.get("chat_id", 1), "type": "private"},
                "from": BOT_USER,
                "text": parameters.get("text", ""),
            }
        return True

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        """The parameters of every call of one method, in order."""
        return [parameters for name, parameters in self.calls if name == method]
