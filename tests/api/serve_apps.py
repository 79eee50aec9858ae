"""Small ASGI app factories for the tests of app/serving.py, in place of the real app (no spaCy pipeline):
the server processes import them by name (`serve_apps:gated`), so they live in a module of their own.

- `gated`: a start-up that waits for the test: it writes `loading-<pid>` into SERVE_TEST_DIR, then
  waits until a file `go` is there; afterwards every request is answered with the process's pid.
- `crashing`: a start-up that fails, as an app whose database or model is missing does.
"""
from __future__ import annotations

import asyncio
import os
from pathlib import Path


def gated():
    folder = Path(os.environ["SERVE_TEST_DIR"])

    async def app(scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    (folder / f"loading-{os.getpid()}").touch()
                    while not (folder / "go").exists():
                        await asyncio.sleep(0.05)
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        elif scope["type"] == "http":
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(b"content-type", b"text/plain")]})
            await send({"type": "http.response.body", "body": str(os.getpid()).encode()})

    return app


def crashing():
    raise RuntimeError("the model is missing")
