"""Memory and CPU of a process tree while a class runs (the server, its kernels, on the hub its
proxy and every learner's server)."""

from __future__ import annotations

import asyncio
import contextlib

import psutil


class TreeSampler:
    """Peak RSS and CPU seconds of a process tree (the server, its kernels, on the hub its proxy
    and every learner's server), sampled every `interval` seconds in a thread."""

    def __init__(self, pid: int, interval: float = 0.5) -> None:
        self.pid, self.interval = pid, interval
        self.peak_rss = 0
        self.cpu: dict[int, float] = {}
        self.start_cpu: dict[int, float] = {}
        self.client_cpu = 0.0
        self._stop = asyncio.Event()

    def _procs(self) -> list[psutil.Process]:
        try:
            root = psutil.Process(self.pid)
            return [root, *root.children(recursive=True)]
        except psutil.Error:
            return []

    def sample(self) -> None:
        rss = 0
        for p in self._procs():
            with contextlib.suppress(psutil.Error):
                rss += p.memory_info().rss
                t = p.cpu_times()
                self.cpu[p.pid] = t.user + t.system + t.children_user + t.children_system
        self.peak_rss = max(self.peak_rss, rss)

    def begin(self) -> None:
        self.sample()
        self.start_cpu = dict(self.cpu)

    def pss(self) -> int:
        """Proportional memory of the whole tree now (shared pages counted once)."""
        total = 0
        for p in self._procs():
            with contextlib.suppress(psutil.Error):
                total += p.memory_full_info().pss
        return total

    @property
    def cpu_seconds(self) -> float:
        return sum(v - self.start_cpu.get(pid, 0.0) for pid, v in self.cpu.items())

    async def run(self) -> None:
        while not self._stop.is_set():
            await asyncio.to_thread(self.sample)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), self.interval)

    def stop(self) -> None:
        self._stop.set()
