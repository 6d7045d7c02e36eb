"""Run jupyterhub-idle-culler so that it stops as soon as the hub asks (SIGINT).

A hub started from a script or a service manager may inherit SIGINT as ignored; Python then never
raises KeyboardInterrupt, and the hub waits 30 s before it sends SIGTERM to the culler at every
stop. Restoring Python's own SIGINT handler first makes the culler stop at once.
"""

from __future__ import annotations

import signal


def main() -> None:
    signal.signal(signal.SIGINT, signal.default_int_handler)
    from jupyterhub_idle_culler import main as culler

    try:
        culler()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
