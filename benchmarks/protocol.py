"""A learner without a browser: the Voilà page, its kernel websocket and the quiz widgets' messages.

What a learner's browser does, at the level of the Jupyter protocols:

1. GET the Voilà page; it names its kernel (`kernelId` in `jupyter-config-data`) and holds one
   widget view per displayed widget (`application/vnd.jupyter.widget-view+json` model ids).
2. GET the page's static files (recorded once from a real page; see `benchmarks.classload`).
3. Open the kernel websocket `<base>api/kernels/<id>/channels`, open the widget control comm
   (`jupyter.widget.control`) and ask for every widget's state (`request_states`): the quiz can
   be drawn once the first question's state has arrived ("first quiz").
4. For each question: the Check button's messages, an `update` of `selection` and the custom
   message `{"event": "check", "selection": [...]}`, then wait for the kernel's `update` that
   carries `feedback` ("click to feedback").

Messages use the JSON websocket protocol that every Jupyter server accepts.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

CONFIG_DATA = re.compile(
    r'<script id="jupyter-config-data" type="application/json">\s*(\{.*?\})\s*</script>', re.S
)
VIEW = re.compile(r'"model_id":\s*"([0-9a-f]{32})"')
CONTROL_TARGET = "jupyter.widget.control"
CONTROL_VERSION = "1.0.0"


@dataclass
class PageInfo:
    base_url: str  # e.g. "/" or "/user/amira/"
    kernel_id: str
    model_ids: list[str]
    static_base: str = ""


def parse_page(html: str) -> PageInfo:
    """The kernel and the widget views a Voilà page names (ValueError if it is not one)."""
    found = CONFIG_DATA.search(html)
    if not found:
        raise ValueError("not a Voilà page: no jupyter-config-data")
    config = json.loads(found.group(1))
    if not config.get("kernelId"):
        raise ValueError("the Voilà page names no kernel")
    ids = list(dict.fromkeys(VIEW.findall(html)))
    return PageInfo(config.get("baseUrl", "/"), config["kernelId"], ids)


def choose(spec: dict[str, Any], k: int = 0) -> list[int]:
    """A complete answer for a question's `spec` (as the page shows it), varying with `k`."""
    kind = spec.get("type")
    if kind == "multiple":
        n = len(spec["options"])
        return sorted({k % n, (k + 1) % n})
    if "options" in spec:  # single choice, true/false
        return [k % len(spec["options"])]
    items = spec.get("items", [])
    if "choices" in spec:  # matching, sorting: one choice per item
        return [(j + k) % len(spec["choices"]) for j in range(len(items))]
    n = len(items)  # ordering: a rotation of the shown order
    return [(j + k) % n for j in range(n)] if n else []


def _now() -> str:
    return datetime.now(UTC).isoformat()


@dataclass
class KernelSocket:
    """One learner's kernel websocket (what the page's widget manager holds)."""

    ws: Any
    session: str = field(default_factory=lambda: uuid.uuid4().hex)
    received: int = 0

    @classmethod
    async def open(
        cls, ws_url: str, headers: dict[str, str] | None = None, timeout: float = 120
    ) -> KernelSocket:
        from websockets.asyncio.client import connect

        session = uuid.uuid4().hex
        sep = "&" if "?" in ws_url else "?"
        ws = await connect(
            f"{ws_url}{sep}session_id={session}",
            additional_headers=headers or {},
            open_timeout=timeout,
            max_size=None,
            compression=None,
        )
        return cls(ws, session)

    async def close(self) -> None:
        await self.ws.close()

    async def send(
        self, msg_type: str, content: dict[str, Any], metadata: dict[str, Any] | None = None
    ) -> str:
        msg_id = uuid.uuid4().hex
        msg = {
            "header": {
                "msg_id": msg_id,
                "username": "learner",
                "session": self.session,
                "msg_type": msg_type,
                "version": "5.3",
                "date": _now(),
            },
            "parent_header": {},
            "metadata": metadata or {},
            "content": content,
            "channel": "shell",
            "buffers": [],
        }
        await self.ws.send(json.dumps(msg))
        return msg_id

    async def wait_for(self, match, timeout: float) -> dict[str, Any]:
        """The first message for which `match(msg)` is true (others are read and dropped)."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no matching kernel message")
            raw = await asyncio.wait_for(self.ws.recv(), left)
            self.received += 1
            if isinstance(raw, bytes):
                continue  # binary (v1) frames are not asked for
            msg = json.loads(raw)
            if match(msg):
                return msg

    async def widget_states(self, timeout: float = 120) -> dict[str, dict[str, Any]]:
        """Every widget's state, through the control comm (as ipywidgets 8 front ends ask)."""
        comm_id = uuid.uuid4().hex
        await self.send(
            "comm_open",
            {"comm_id": comm_id, "target_name": CONTROL_TARGET, "data": {}},
            {"version": CONTROL_VERSION},
        )
        await self.send("comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}})
        msg = await self.wait_for(
            lambda m: (
                m.get("msg_type", m["header"]["msg_type"]) == "comm_msg"
                and m["content"].get("comm_id") == comm_id
                and m["content"]["data"].get("method") == "update_states"
            ),
            timeout,
        )
        return {k: v.get("state", v) for k, v in msg["content"]["data"]["states"].items()}

    async def check(
        self, model_id: str, selection: list[int], timeout: float = 60
    ) -> tuple[float, dict[str, Any]]:
        """Press Check on a question: (seconds until its feedback arrived, the feedback)."""
        t0 = time.perf_counter()
        await self.send(
            "comm_msg",
            {
                "comm_id": model_id,
                "data": {"method": "update", "state": {"selection": selection}, "buffer_paths": []},
            },
        )
        await self.send(
            "comm_msg",
            {
                "comm_id": model_id,
                "data": {
                    "method": "custom",
                    "content": {"event": "check", "selection": selection},
                },
            },
        )

        def is_feedback(m: dict[str, Any]) -> bool:
            c = m.get("content", {})
            data = c.get("data") or {}
            state = data.get("state") or {}
            return (
                c.get("comm_id") == model_id
                and data.get("method") == "update"
                and bool(state.get("feedback"))
            )

        msg = await self.wait_for(is_feedback, timeout)
        return time.perf_counter() - t0, msg["content"]["data"]["state"]["feedback"]


def questions(states: dict[str, dict[str, Any]], shown: list[str]) -> list[tuple[str, dict]]:
    """The question widgets, in page order: the shown views and their children, depth first."""
    out: list[tuple[str, dict]] = []
    seen: set[str] = set()

    def walk(model_id: str) -> None:
        if model_id in seen or model_id not in states:
            return
        seen.add(model_id)
        state = states[model_id]
        if state.get("kind") == "question" and state.get("spec"):
            out.append((model_id, state))
        for child in state.get("children") or []:
            if isinstance(child, str):
                walk(child.removeprefix("IPY_MODEL_"))

    for model_id in shown:
        walk(model_id)
    return out


def cookie_header(jar: Any, path: str) -> str:
    """The Cookie header a browser would send for `path` (the most specific path first)."""
    chosen: dict[str, tuple[int, str]] = {}
    for cookie in jar:
        if path.startswith(cookie.path or "/"):
            depth = len(cookie.path or "/")
            if cookie.name not in chosen or depth > chosen[cookie.name][0]:
                chosen[cookie.name] = (depth, cookie.value)
    return "; ".join(f"{name}={value}" for name, (_d, value) in chosen.items())


async def execute(ks: KernelSocket, code: str, timeout: float = 60) -> tuple[str, str]:
    """Run code in the kernel: (what it printed, the error name or "")."""
    msg_id = await ks.send(
        "execute_request",
        {
            "code": code,
            "silent": False,
            "store_history": False,
            "user_expressions": {},
            "allow_stdin": False,
            "stop_on_error": True,
        },
    )
    printed: list[str] = []
    error = ""
    seen: set[str] = set()

    def done(m: dict[str, Any]) -> bool:
        # The reply comes on the shell channel and the printed output on iopub: the reply can
        # arrive first. Everything a request printed is in only once iopub says "idle" for it.
        nonlocal error
        if m.get("parent_header", {}).get("msg_id") != msg_id:
            return False
        kind = m["header"]["msg_type"]
        if kind == "stream":
            printed.append(m["content"].get("text", ""))
        elif kind == "error":
            error = m["content"].get("ename", "error")
        elif kind == "execute_reply":
            seen.add("reply")
        elif kind == "status" and m["content"].get("execution_state") == "idle":
            seen.add("idle")
        return seen == {"reply", "idle"}

    await ks.wait_for(done, timeout)
    return "".join(printed), error


def run_apart(coroutine):
    """Run a coroutine to its end in a thread of its own: usable where an event loop is already
    running in this thread (Playwright's synchronous API keeps one, e.g. in the browser tests)."""
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
