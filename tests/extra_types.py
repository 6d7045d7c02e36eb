"""Question types the exports have no layout for yet, shaped like the ones planned (a class poll)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from widgets.quizzes.models import _Question


class Poll(_Question):
    """An opinion question with no right answer: its point is the class's spread of views."""

    type: Literal["poll"]
    options: list[str] = Field(min_length=2)
