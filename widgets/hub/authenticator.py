"""Logins for a class: a password chosen at first login, one Unix account per person.

`FirstUseAuthenticator` stores a bcrypt hash of the password a person types the first time;
`LocalAuthenticator` gives each hub user a Unix account. This class joins the two and adds what a
class needs: only names on the class list reach the password store, accounts are created in the
learners' or tutors' group with a private home, a tutor's account is in the tutors' group (and a
learner's is not), and an existing account the hub did not create is refused.
"""

from __future__ import annotations

from firstuseauthenticator import FirstUseAuthenticator
from jupyterhub.auth import LocalAuthenticator
from traitlets import Set, Unicode

from widgets.hub import accounts


class ClassAuthenticator(FirstUseAuthenticator, LocalAuthenticator):
    tutor_group = Unicode("wr-tutors", help="Unix group of tutors").tag(config=True)
    learner_group = Unicode("wr-learners", help="Unix group of learners").tag(config=True)
    tutors = Set(help="logins of the tutors (the rest of the class list are learners)").tag(
        config=True
    )

    def _on_list(self, username: str) -> bool:
        return username in self.allowed_users or username in self.admin_users

    async def authenticate(self, handler, data):
        username = self.normalize_username(data.get("username", ""))
        if not self._on_list(username) and not self._user_exists(username):
            return None  # never store a password for a name the tutor did not give
        return await super().authenticate(handler, data)

    def _is_tutor(self, user) -> bool:
        return user.name in self.tutors or bool(getattr(user, "admin", False))

    def system_user_exists(self, user) -> bool:
        if not accounts.account_exists(user.name):
            return False
        if not accounts.groups_of(user.name) & {self.tutor_group, self.learner_group}:
            raise ValueError(
                f"The class list names '{user.name}', an existing account on this computer that "
                "the class hub did not create; choose another login name."
            )
        return True

    def add_system_user(self, user) -> None:
        tutor = self._is_tutor(user)
        group = self.tutor_group if tutor else self.learner_group
        self.log.info("Creating the account %s (%s)", user.name, "tutor" if tutor else "learner")
        accounts.create_account(user.name, group, tutor=tutor)

    async def add_user(self, user) -> None:
        await super().add_user(user)
        tutor = self._is_tutor(user)
        # A learner who became a tutor (or the reverse) in the class list changes group here.
        accounts.set_member(user.name, self.tutor_group, tutor)
        accounts.set_member(user.name, self.learner_group, not tutor)
