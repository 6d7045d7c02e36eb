"""A poll on the page: the question widget with the bank's order kept and the class's spread.

A poll's options are never shuffled (they are often a scale, such as Yes / It depends / No). After
answering, the learner sees how the class answered, but only when the tutor has shared it (see
`widgets.quizzes.poll_results`); "Show how the class answered" asks again later.
"""

from __future__ import annotations

from typing import Any

import traitlets as t

from widgets.quizzes.models import Grade, Poll, Written, _Question
from widgets.quizzes.poll_results import class_spread
from widgets.quizzes.question import QuestionWidget


class PollQuestion(QuestionWidget):
    """One poll. `class_spread` holds what the page shows under "How the class answered"."""

    class_spread = t.Dict().tag(sync=True)

    def __init__(self, question: Poll, **kwargs: Any) -> None:
        super().__init__(question, **kwargs)
        self._items = list(range(len(question.options)))  # the bank's order, always
        self.spec = {**self.spec, "options": [o.text for o in question.options]}
        self.on_msg(self._handle_poll_message)

    def to_canonical(self, shown: list[int]) -> list[int]:
        return [i for i in shown[:1] if 0 <= i < len(self._items)]

    def to_shown(self, canonical: list[int]) -> list[int]:
        return self.to_canonical(canonical)

    def _handle_poll_message(self, _widget: Any, content: dict[str, Any], _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("event") == "class-spread":
            self.show_class_spread()

    def check(self, shown: list[int] | None = None) -> Grade:
        grade = super().check(shown)
        if grade.answered:
            self.show_class_spread()
        return grade

    def retry(self) -> None:
        super().retry()
        self.class_spread = {}

    def show_class_spread(self) -> dict[str, Any]:
        """Read the tutor's shared counts for this poll (what "Show how the class answered" does)."""
        self.class_spread = class_spread(self.spec.get("quiz", ""), self.question.id)
        return self.class_spread


def widget_class(question: _Question) -> type[QuestionWidget]:
    """The widget that shows a question: a poll and a written question have their own, every
    other type the shared one."""
    if isinstance(question, Written):
        from widgets.written.widget import WrittenQuestion

        return WrittenQuestion  # type: ignore[return-value]
    return PollQuestion if isinstance(question, Poll) else QuestionWidget
