"""JupyterHub's configuration for a class, from `HubSettings` and the class list.

`scripts/jupyterhub_config.py` calls `configure(c)`. Before JupyterHub starts this checks the class
list (every problem at once), refuses names that are existing accounts the hub did not create,
makes the groups, publishes the course and prepares the drop folder and the single-user servers'
settings.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

from widgets.errors import DataError, raise_all
from widgets.hub import accounts
from widgets.hub.classlist import ClassList, read_class_list
from widgets.hub.settings import MIN_PASSWORD_LENGTH, TUTOR_ROLE, HubSettings

NODELAY = "widgets.websocket.NoDelayConnection"  # kernel websockets with TCP_NODELAY

COURSE_PARTS = ("notebooks", "data", "docs")
TUTOR_PARTS = (*COURSE_PARTS, "tutors")
# Jupyter server extensions a learner's server does without: a learner only ever sees Voilà.
LEARNER_OFF = ("jupyterlab", "jupyter_lsp", "notebook", "notebook_shim", "jupyter_server_terminals")
# Tutors hold what the hub's admin page needs (add and remove learners, start and stop their
# servers, reset a password by removing and adding a learner) and none of the admin scopes that
# would let them act as a learner: opening a learner's server, making a token for them, sharing
# it, rewriting the proxy's routes. JupyterHub's own admin role cannot be narrowed, so tutors hold
# this role instead and the hub has no full admin.
TUTOR_SCOPES = [
    "self",
    "admin-ui",
    "admin:users",
    "servers",
    "admin:groups",
    "list:services",
    "read:services",
    "read:hub",
    "shutdown",
    "read:roles",
    "read:metrics",
]
CULLER_SCOPES = ["list:users", "read:users:activity", "read:servers", "delete:servers"]


def server_settings(s: HubSettings, *, tutor: bool) -> dict[str, Any]:
    """The single-user server's configuration (JSON) for a learner or a tutor."""
    server: dict[str, Any] = {
        # gzip; and no MathJax from a CDN: Voilà running inside a Jupyter server fills in a CDN
        # address when these two are absent (its standalone app passes None, as here).
        "tornado_settings": {
            "compress_response": True,
            "mathjax_url": None,
            "mathjax_config": None,
        },
        "kernel_websocket_connection_class": NODELAY,
    }
    if not tutor:
        server["jpserver_extensions"] = {name: False for name in LEARNER_OFF} | {"voila": True}
        server["terminals_enabled"] = False
    return {
        "ServerApp": server,
        "VoilaConfiguration": {"template": "offline"},
        # Kernels talk to their server over Unix sockets in the person's private runtime
        # folder, not over TCP ports that every account on the computer can reach.
        "KernelManager": {"transport": "ipc"},
        # A page closed without saying so leaves its kernel behind: stop it once idle.
        "MappingKernelManager": {
            "cull_idle_timeout": s.kernel_idle,
            "cull_interval": 60,
            "cull_connected": False,
        },
    }


def _secret(path: Path, nbytes: int = 32) -> str:
    if not path.exists():
        path.write_text(secrets.token_hex(nbytes), encoding="ascii")
    path.chmod(0o600)
    return path.read_text(encoding="ascii").strip()


def prepare(s: HubSettings) -> ClassList:
    """Check the class list and make every folder and group the hub needs."""
    cl = read_class_list(s.class_list)
    raise_all(
        accounts.foreign_accounts(cl.everyone, (s.learner_group, s.tutor_group), s.class_list.name)
    )
    if not (s.source / "notebooks" / s.lesson).is_file():
        raise DataError(
            "WR_HUB_LESSON",
            "names no notebook of the collection",
            value=s.lesson,
            expected="a file name in notebooks/, such as 00-start-here.ipynb",
        )
    for group in (s.tutor_group, s.learner_group):
        accounts.ensure_group(group)
    s.instance.mkdir(parents=True, exist_ok=True)
    s.instance.chmod(0o755)  # learners' servers pass through to course/, config/, answers/
    s.state.mkdir(exist_ok=True)
    s.state.chmod(0o700)
    accounts.publish(s.source, s.course, COURSE_PARTS)
    accounts.publish(s.source, s.tutor_course, TUTOR_PARTS, mode=0o700)
    accounts.prepare_answers_root(s.answers, s.tutor_group)
    s.config.mkdir(exist_ok=True)
    s.config.chmod(0o755)
    for role, tutor in (("learner", False), ("tutor", True)):
        path = s.config / f"{role}.json"
        path.write_text(json.dumps(server_settings(s, tutor=tutor), indent=1), encoding="utf-8")
        path.chmod(0o644)
    return cl


def configure(c: Any, s: HubSettings | None = None) -> HubSettings:
    """Fill JupyterHub's config object `c`."""
    from widgets.hub.authenticator import ClassAuthenticator
    from widgets.hub.spawner import ClassSpawner

    s = s or HubSettings.from_environment()
    cl = prepare(s)
    scheme = "https" if s.ssl_cert else "http"

    c.JupyterHub.bind_url = f"{scheme}://{s.host}:{s.port}/"
    c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{s.api_port}"
    c.JupyterHub.db_url = f"sqlite:///{s.state / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(s.state / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(s.state / "jupyterhub.pid")
    c.JupyterHub.cleanup_servers = True
    if s.ssl_cert:
        c.JupyterHub.ssl_cert = s.ssl_cert
        c.JupyterHub.ssl_key = s.ssl_key

    c.ConfigurableHTTPProxy.command = [str(s.proxy)]
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{s.proxy_api_port}"
    c.ConfigurableHTTPProxy.auth_token = _secret(s.state / "proxy-token")
    c.ConfigurableHTTPProxy.pid_file = str(s.state / "proxy.pid")

    c.JupyterHub.authenticator_class = ClassAuthenticator
    c.Authenticator.allowed_users = set(cl.everyone)
    c.Authenticator.admin_users = set()
    c.ClassAuthenticator.tutors = set(cl.tutors)
    # Learners a tutor adds on the admin page may log in too (until a tutor deletes them there).
    c.Authenticator.allow_existing_users = True
    c.ClassAuthenticator.create_system_users = True
    c.ClassAuthenticator.create_users = False
    c.ClassAuthenticator.dbm_path = str(s.state / "passwords.dbm")
    c.ClassAuthenticator.min_password_length = MIN_PASSWORD_LENGTH
    c.ClassAuthenticator.tutor_group = s.tutor_group
    c.ClassAuthenticator.learner_group = s.learner_group

    c.JupyterHub.spawner_class = ClassSpawner
    c.Spawner.cmd = [str(s.env / "bin" / "jupyterhub-singleuser")]
    c.Spawner.disable_user_config = True  # a learner's ~/.jupyter cannot change the set-up
    # A class logging in at once queues for the CPU: 30 learners need about two minutes of it on
    # two cores (docs/scaling.md). A server still starting is waited for, not failed.
    c.Spawner.start_timeout = 300
    c.Spawner.http_timeout = 240
    c.ClassSpawner.course_dir = str(s.course)
    c.ClassSpawner.tutor_course = str(s.tutor_course)
    c.ClassSpawner.answers_root = str(s.answers)
    c.ClassSpawner.config_dir = str(s.config)
    c.ClassSpawner.lesson = s.lesson
    c.ClassSpawner.tutor_group = s.tutor_group

    c.JupyterHub.load_roles = [
        {"name": TUTOR_ROLE, "scopes": TUTOR_SCOPES, "users": cl.tutors},
        {"name": "idle-culler", "scopes": CULLER_SCOPES, "services": ["idle-culler"]},
    ]
    c.JupyterHub.services = [
        {
            "name": "idle-culler",
            "command": [
                str(s.python),
                "-m",
                "widgets.hub.culler",
                f"--timeout={s.idle_timeout}",
                f"--cull-every={max(60, min(600, s.idle_timeout // 4))}",
            ],
        }
    ]
    return s
