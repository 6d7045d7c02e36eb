"""Kernel websockets that send each message at once (TCP_NODELAY), for Voilà and Jupyter servers.

A click's feedback leaves the kernel as several small websocket messages in a row (`status: busy`,
the widget update, `status: idle`). Tornado's websockets keep Nagle's algorithm on, so a message
that follows one not yet acknowledged waits for the browser's delayed ACK, about 40 ms. This
connection class turns Nagle off for the kernel websocket only. It is chosen by configuration:

    voila --Voila.kernel_websocket_connection_class=widgets.websocket.NoDelayConnection ...
    jupyter lab --ServerApp.kernel_websocket_connection_class=widgets.websocket.NoDelayConnection

(the class hub's single-user servers set it in their configuration). Measured in
docs/benchmarks.md ("click to feedback").
"""

from __future__ import annotations

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection


class NoDelayConnection(ZMQChannelsWebsocketConnection):
    """The standard kernel websocket connection, with TCP_NODELAY set when it opens."""

    def connect(self):
        try:
            self.websocket_handler.set_nodelay(True)
        except (
            AssertionError,
            AttributeError,
            OSError,
        ):  # closed before it opened: nothing to tune
            pass
        return super().connect()
