"""Experiment (not used by the collection): turn on TCP_NODELAY for every Tornado websocket.

`python -m benchmarks --only click` puts this folder first on the Voilà server's PYTHONPATH to
measure the proposed change. jupyter_server and Voilà never call `set_nodelay(True)` on their
websockets, so a small message written right after another (a kernel's `status: busy`, then the
widget update with the feedback) can wait for the browser's delayed ACK (Nagle's algorithm).
"""

import tornado.websocket as _ws

_detach = _ws.WebSocketHandler._detach_stream


def _detach_stream_nodelay(self):
    stream = _detach(self)
    try:
        stream.set_nodelay(True)
    except Exception:  # noqa: BLE001 - an experiment must never break the server
        pass
    return stream


_ws.WebSocketHandler._detach_stream = _detach_stream_nodelay
