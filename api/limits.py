"""Request body caps, enforced before and while the body is read.

A declared Content-Length over the cap is refused before any byte is read;
a body without one (chunked) is counted as it streams and cut off at the cap.
"""
from __future__ import annotations

import json
from collections.abc import Callable

from .errors import too_large


class _TooLarge(Exception):
    pass


class BodyLimit:
    def __init__(self, app, limit_for: Callable[[str], int]):
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        limit = self.limit_for(scope["path"])
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return await self._refuse(send, limit)
        state = {"received": 0, "exceeded": False, "refused": False}

        async def counted_receive():
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > limit:
                    state["exceeded"] = True
                    raise _TooLarge
            return message

        async def guarded_send(message):
            # Once the cap is hit, whatever the app answers (its body parser turns our
            # exception into a 400) is replaced by the 413.
            if state["exceeded"]:
                if not state["refused"]:
                    state["refused"] = True
                    await self._refuse(send, limit)
                return
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except _TooLarge:
            if not state["refused"]:
                state["refused"] = True
                await self._refuse(send, limit)

    @staticmethod
    async def _refuse(send, limit: int) -> None:
        body = json.dumps(too_large(limit).body(), ensure_ascii=False).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
