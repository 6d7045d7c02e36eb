"""One simulated learner of the class load test: what a browser sends, without the browser.

`run_learner` arrives (the landing page; on the hub a login first), fetches the page's static files
with six connections, opens the kernel websocket, asks for the widgets' states and answers every
question with the Check button's messages (`benchmarks.protocol`), timing each step.
"""

from __future__ import annotations

import asyncio
import random
import re
import time
from dataclasses import dataclass, field

import httpx

from benchmarks.protocol import KernelSocket, choose, cookie_header, parse_page, questions

CONNECTIONS = 6  # a browser's connections per host


@dataclass
class Learner:
    name: str
    first: float | None = None  # seconds from arrival (or login) to the first quiz's state
    page: float | None = None  # seconds until the HTML page arrived
    assets: float | None = None  # seconds spent fetching static files
    feedback: list[float] = field(default_factory=list)  # click to feedback, ms
    answered: dict[str, dict[str, bool]] = field(default_factory=dict)
    bytes: int = 0
    retries: int = 0  # GETs sent again after the server closed a kept-alive connection
    error: str | None = None


async def fetch_assets(client, base: str, assets: list[str]) -> int:
    gate = asyncio.Semaphore(CONNECTIONS)

    async def one(path: str) -> int:
        async with gate:
            r = await client.get(base + path, headers={"Accept-Encoding": "gzip"})
            r.raise_for_status()
            return r.num_bytes_downloaded  # as sent (compressed when gzip is on)

    return sum(await asyncio.gather(*(one(a) for a in assets)))


async def run_learner(
    me: Learner,
    k: int,
    origin: str,
    arrive,  # async (client) -> httpx.Response: the landing page
    assets: list[str],
    *,
    claim_name: bool,
    think: float,
) -> Learner:
    limits = httpx.Limits(max_connections=CONNECTIONS)
    transport = BrowserLikeTransport(limits=limits)
    async with httpx.AsyncClient(follow_redirects=True, timeout=300, transport=transport) as client:
        t0 = time.perf_counter()
        phase = "arriving (login and landing page)"
        try:
            response = await arrive(client)
            response.raise_for_status()
            me.page = time.perf_counter() - t0
            me.bytes += response.num_bytes_downloaded
            try:
                page = parse_page(response.text)
            except ValueError as exc:
                title = re.search(r"<title>(.*?)</title>", response.text, re.S)
                raise ValueError(
                    f"{exc} (HTTP {response.status_code}, {response.url.path}, title "
                    f"{(title.group(1).strip() if title else '')[:80]!r}, "
                    f"{len(response.content)} bytes)"
                ) from None
            t1 = time.perf_counter()
            phase = "static files"
            me.bytes += await fetch_assets(client, origin + page.base_url, assets)
            me.assets = time.perf_counter() - t1
            phase = "kernel websocket"
            ws = origin.replace("http", "ws", 1)
            ks = await KernelSocket.open(
                f"{ws}{page.base_url}api/kernels/{page.kernel_id}/channels",
                {"Cookie": cookie_header(client.cookies.jar, page.base_url)},
            )
            try:
                phase = "widgets' states"
                states = await ks.widget_states()
                found = questions(states, page.model_ids)
                if not found:
                    raise RuntimeError("the page shows no question")
                me.first = time.perf_counter() - t0
                if claim_name:
                    await type_name(ks, states, me.name)
                rng = random.Random(k)
                phase = "checking answers"
                for i, (mid, state) in enumerate(found):
                    await asyncio.sleep(think * rng.random())
                    seconds, feedback = await ks.check(mid, choose(state["spec"], k + i))
                    me.feedback.append(seconds * 1000)
                    spec = state["spec"]
                    me.answered.setdefault(spec["quiz"], {})[spec["id"]] = (
                        feedback["status"] == "correct"
                    )
            finally:
                await ks.close()
        except Exception as exc:  # one learner's failure is a counted error, not a crash
            me.error = f"{phase}: {type(exc).__name__}: {str(exc)[:160]}"
        me.retries = transport.retries
    return me


class BrowserLikeTransport(httpx.AsyncHTTPTransport):
    """httpx's transport, retrying a GET once when a connection was closed or reset under it
    (a kept-alive connection the server had just closed), as browsers do (RFC 9112, 9.3.1);
    the retries are counted and reported beside the errors."""

    retries = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await super().handle_async_request(request)
        except (httpx.RemoteProtocolError, httpx.ReadError):
            if request.method != "GET":
                raise
            self.retries += 1
            return await super().handle_async_request(request)


#: The PIN every simulated learner claims its name with on a class server (4 to 8 digits).
PIN = "2468"


async def type_name(ks: KernelSocket, states: dict, name: str) -> None:
    """Type a name (and, on a class server, a PIN) in the name box and press Save my name; wait
    for the kernel's reply (the panel's `replies` count goes up)."""
    panel = next((mid for mid, s in states.items() if s.get("kind") == "learner"), None)
    if panel is None:
        return
    before = states[panel].get("replies", 0)
    content = {"event": "learner", "name": name, "pin": PIN}
    await ks.send("comm_msg", {"comm_id": panel, "data": {"method": "custom", "content": content}})
    await ks.wait_for(
        lambda m: (
            m.get("content", {}).get("comm_id") == panel
            and (m["content"].get("data") or {}).get("state", {}).get("replies", before) > before
        ),
        60,
    )
