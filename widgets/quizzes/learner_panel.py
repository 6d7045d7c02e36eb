"""The name box at the top of a notebook: who the answers are saved for, and a download button.

On a learner's own computer it has a name field; on a class server a name and a PIN field; under
JupyterHub no field at all (the name comes from the login). The PIN travels to the kernel in a
message and is never kept in the widget's state, so it cannot end up saved in a notebook file.
"""

from __future__ import annotations

from typing import Any

import traitlets as t

from widgets.quizzes.export import csv_text, rows_for
from widgets.quizzes.identity import Identity
from widgets.quizzes.question import _Accessible
from widgets.quizzes.session import Session


class LearnerPanel(_Accessible):
    """'Your name' (and 'PIN' on a class server); the status line says where answers go."""

    kind = t.Unicode("learner").tag(sync=True)
    mode = t.Unicode("computer").tag(sync=True)
    learner = t.Unicode().tag(sync=True)
    status = t.Unicode().tag(sync=True)
    problem = t.Bool(False).tag(sync=True)
    replies = t.Int(0).tag(
        sync=True
    )  # answers to 'Save my name' so far (pages and tests wait on it)

    def __init__(self, session: Session) -> None:
        super().__init__(mode=session.mode)
        self._session = session
        self.on_msg(self._handle_message)
        session.on_change(self.refresh)
        self.refresh()

    def _handle_message(self, _w: Any, content: dict[str, Any], _b: Any) -> None:
        event = content.get("event") if isinstance(content, dict) else None
        if event == "learner":
            self.submit(str(content.get("name", "")), str(content.get("pin", "")))
        elif event == "export":
            self.export()
        elif event == "evidence":
            self.evidence()

    def submit(self, name: str, pin: str = "") -> None:
        """What pressing 'Save my name' does."""
        result = self._session.claim(name, pin)
        with self.hold_sync():  # the page gets the outcome in one update
            self.refresh()
            if not result.ok or result.message:
                self.problem = not result.ok
                self.status = result.message if not result.ok else f"{self.status} {result.message}"
            self.replies += 1

    def export(self) -> tuple[str, str]:
        """What 'Download my answers (CSV)' does: send this learner's answers to the browser."""
        s = self._session
        identity = s.identity or Identity.named("not named")
        name = f"answers-{identity.stem}.csv"
        text = csv_text(rows_for(s.learner, s.all_answers()))
        self.send({"event": "download", "name": name, "csv": text})
        self.status = (
            f"Your answers were saved as {name} in your downloads. Send that file to your tutor."
        )
        return name, text

    def evidence(self) -> tuple[str, bytes]:
        """What 'Download my evidence (Word)' does: this learner's portfolio document, sent to the
        browser as a file (python-docx is loaded only now)."""
        import base64

        from widgets.exports.evidence.collect import from_session
        from widgets.exports.evidence.word import MIME, docx_bytes

        s = self._session
        identity = s.identity or Identity.named("not named")
        name = f"evidence-{identity.stem}.docx"
        try:
            data = docx_bytes(from_session(s))
        except Exception as exc:  # any failure is told to the learner, never hidden
            with self.hold_sync():
                self.problem = True
                self.status = f"Your evidence document could not be made: {exc}."
            return name, b""
        self.send(
            {
                "event": "download",
                "name": name,
                "type": MIME,
                "base64": base64.b64encode(data).decode("ascii"),
            }
        )
        with self.hold_sync():
            self.problem = False
            self.status = (
                f"Your evidence was saved as {name} in your downloads. Add it to your portfolio."
            )
        return name, data

    def refresh(self) -> None:
        s = self._session
        self.learner = s.identity.display if s.identity else ""
        self.problem = False
        self.status = s.status()
