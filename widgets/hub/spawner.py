"""Each person's server runs as their own account, with settings for their role.

Learners: Voilà only (no JupyterLab, no terminals), landing in the lesson the tutor chose, their
answers saved in their own folder of the class drop folder. Tutors: JupyterLab on a copy of the
course and the tutors' notes in their home, landing in the class view, with the whole drop folder
readable through the tutors' group. Both run with umask 027, so what they save is readable by
their group (the tutors' group, in the drop folder) and by nobody else.
"""

from __future__ import annotations

import asyncio
import os
import pwd
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from traitlets import Unicode

from widgets.hub import accounts
from widgets.hub.settings import TUTOR_ROLE

COURSE_IN_HOME = "working-relationships"
CLASS_VIEW = "tutors/class-view.ipynb"


class ClassSpawner(LocalProcessSpawner):
    course_dir = Unicode(help="the published course: notebooks/, data/, docs/").tag(config=True)
    tutor_course = Unicode(help="the course with the tutors' notes, copied into tutors' homes").tag(
        config=True
    )
    answers_root = Unicode(help="the class drop folder").tag(config=True)
    config_dir = Unicode(help="folder of learner.json and tutor.json").tag(config=True)
    lesson = Unicode("00-start-here.ipynb", help="the notebook learners land in").tag(config=True)
    tutor_group = Unicode("wr-tutors").tag(config=True)

    @property
    def is_tutor(self) -> bool:
        return bool(self.user.admin) or any(r.name == TUTOR_ROLE for r in self.user.roles)

    def make_preexec_fn(self, name):
        become = set_user_setuid(name)

        def preexec() -> None:
            become()
            os.umask(accounts.UMASK)

        return preexec

    def _prepare(self) -> None:
        """As root, before the server starts: the person's answer folder, a tutor's course copy."""
        accounts.prepare_answers_root(Path(self.answers_root), self.tutor_group)
        accounts.prepare_answer_folder(Path(self.answers_root), self.user.name, self.tutor_group)
        if self.is_tutor:
            home = Path(pwd.getpwnam(self.user.name).pw_dir)
            accounts.copy_tree_to(Path(self.tutor_course), home / COURSE_IN_HOME, self.user.name)

    def _default_url_for_role(self) -> str:
        if not self.is_tutor:
            return f"/voila/render/notebooks/{self.lesson}"
        if (Path(self.tutor_course) / CLASS_VIEW).exists():
            return f"/lab/tree/{COURSE_IN_HOME}/{CLASS_VIEW}"
        return f"/lab/tree/{COURSE_IN_HOME}/tutors/README.md"

    def get_env(self) -> dict[str, str]:
        env = super().get_env()
        env["WR_ANSWERS_DIR"] = str(Path(self.answers_root) / self.user.name)
        env["WR_DATA_DIR"] = str(Path(self.course_dir) / "data")
        env["WR_REMEMBER_LEARNER"] = "0"
        # The learner is the login: JupyterHub sets JUPYTERHUB_USER, and the collection shows
        # no name box under the hub (widgets.quizzes.identity).
        if self.is_tutor:
            env["WR_CLASS_ANSWERS_DIR"] = str(self.answers_root)
        return env

    def get_args(self) -> list[str]:
        role = "tutor" if self.is_tutor else "learner"
        return [*super().get_args(), f"--config={Path(self.config_dir) / role}.json"]

    async def start(self):
        await asyncio.to_thread(self._prepare)  # file work off the hub's event loop
        if self.is_tutor:
            self.notebook_dir = ""  # the home
        else:
            self.notebook_dir = self.course_dir
        self.default_url = self._default_url_for_role()
        return await super().start()
