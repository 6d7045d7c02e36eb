"""Where the class hub keeps things, and how it is set up: one place, read from the environment.

`scripts/hub.sh` (what `make hub` runs) sets these variables; tests set them to a throwaway
instance. Every folder below the instance is made by the hub itself when it starts.

    WR_HUB_PREFIX        the installation: env/ (Python, readable by every account) and proxy/
    WR_HUB_INSTANCE      this classroom's folders (default: the prefix):
                           course/   notebooks, data and docs, read-only for everyone
                           answers/  the class drop folder: one folder per learner
                           config/   the single-user servers' settings
                           state/    database, cookie secret, passwords (root only)
    WR_HUB_CLASS_LIST    the class list (CSV: login,role), required
    WR_HUB_SOURCE        the collection to publish (default: the current folder)
    WR_HUB_LESSON        the notebook learners land in (default 00-start-here.ipynb)
    WR_HUB_HOST / _PORT  where the hub listens (default 127.0.0.1:8000)
    WR_HUB_API_PORT      the hub's internal API port (default 8081)
    WR_HUB_PROXY_API_PORT  the proxy's API port (default 8001)
    WR_HUB_TUTOR_GROUP / WR_HUB_LEARNER_GROUP  Unix groups (default wr-tutors, wr-learners)
    WR_HUB_IDLE_TIMEOUT  seconds before an idle learner's server is stopped (default 3600)
    WR_HUB_KERNEL_IDLE   seconds before an idle, unconnected kernel is stopped (default 900)
    WR_HUB_SSL_KEY / WR_HUB_SSL_CERT  serve HTTPS (recommended whenever the hub is on a network)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PREFIX = "/srv/working-relationships"
MIN_PASSWORD_LENGTH = 8
TUTOR_ROLE = "tutor"  # the JupyterHub role tutors hold (see widgets.hub.config)


@dataclass(frozen=True)
class HubSettings:
    prefix: Path
    instance: Path
    class_list: Path
    source: Path
    lesson: str = "00-start-here.ipynb"
    host: str = "127.0.0.1"
    port: int = 8000
    api_port: int = 8081
    proxy_api_port: int = 8001
    tutor_group: str = "wr-tutors"
    learner_group: str = "wr-learners"
    idle_timeout: int = 3600
    kernel_idle: int = 900
    ssl_key: str = ""
    ssl_cert: str = ""

    @property
    def env(self) -> Path:
        return self.prefix / "env"

    @property
    def python(self) -> Path:
        return self.env / "bin" / "python"

    @property
    def proxy(self) -> Path:
        return self.prefix / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"

    @property
    def course(self) -> Path:
        return self.instance / "course"

    @property
    def answers(self) -> Path:
        return self.instance / "answers"

    @property
    def config(self) -> Path:
        return self.instance / "config"

    @property
    def state(self) -> Path:
        return self.instance / "state"

    @property
    def tutor_course(self) -> Path:
        """The course with tutors' notes and answer keys: copied into tutors' homes, never
        readable by learners."""
        return self.state / "tutor-course"

    @property
    def on_network(self) -> bool:
        return self.host not in ("127.0.0.1", "localhost", "::1")

    @classmethod
    def from_environment(cls, environ: dict[str, str] | None = None) -> HubSettings:
        env = os.environ if environ is None else environ
        if not env.get("WR_HUB_CLASS_LIST"):
            raise ValueError(
                "No class list: set WR_HUB_CLASS_LIST (make hub CLASS_LIST=path/to/class.csv)"
            )
        prefix = Path(env.get("WR_HUB_PREFIX") or DEFAULT_PREFIX)

        def number(name: str, default: int) -> int:
            raw = env.get(name, "")
            if not raw:
                return default
            if not raw.isdigit():
                raise ValueError(f"{name} is '{raw}'; expected a whole number")
            return int(raw)

        return cls(
            prefix=prefix,
            instance=Path(env.get("WR_HUB_INSTANCE") or prefix),
            class_list=Path(env["WR_HUB_CLASS_LIST"]).resolve(),
            source=Path(env.get("WR_HUB_SOURCE") or os.getcwd()).resolve(),
            lesson=env.get("WR_HUB_LESSON") or cls.lesson,
            host=env.get("WR_HUB_HOST") or cls.host,
            port=number("WR_HUB_PORT", cls.port),
            api_port=number("WR_HUB_API_PORT", cls.api_port),
            proxy_api_port=number("WR_HUB_PROXY_API_PORT", cls.proxy_api_port),
            tutor_group=env.get("WR_HUB_TUTOR_GROUP") or cls.tutor_group,
            learner_group=env.get("WR_HUB_LEARNER_GROUP") or cls.learner_group,
            idle_timeout=number("WR_HUB_IDLE_TIMEOUT", cls.idle_timeout),
            kernel_idle=number("WR_HUB_KERNEL_IDLE", cls.kernel_idle),
            ssl_key=env.get("WR_HUB_SSL_KEY", ""),
            ssl_cert=env.get("WR_HUB_SSL_CERT", ""),
        )
