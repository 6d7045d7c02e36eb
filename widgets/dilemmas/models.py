"""A dilemma as pydantic models: scenes, each with 2-4 choices, or an ending.

The models describe one field at a time (types, required text, ids, scores). The rules that join
fields and scenes together (an end scene has no choices, every ``next`` names a scene, every scene
can be reached, every path ends) are checked on the raw file by ``checks.py``, so a designer sees
all of them at once with their line numbers.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
SceneId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
ID_RULE = "lower-case letters, digits and single hyphens, like 'first-call'"
MIN_CHOICES, MAX_CHOICES = 2, 4
MAX_POINTS = 10


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(_Strict):
    """One thing the learner may do, what happens because of it, and where it leads."""

    text: Text
    consequence: Text
    next: SceneId
    score: int = Field(default=0, ge=0, le=MAX_POINTS)


class Scene(_Strict):
    """A decision point (with choices) or an end scene (with an outcome and good practice)."""

    id: SceneId
    title: Text | None = None
    who: Text | None = None
    where: Text | None = None
    text: Text
    choices: list[Choice] = []
    outcome: Text | None = None
    good_practice: Text | None = None

    @property
    def is_end(self) -> bool:
        return not self.choices


class Dilemma(_Strict):
    """A whole dilemma: where it happens, what the guide says about it, and its scenes."""

    id: SceneId = "dilemma"  # set from the file name by the reader
    title: Text
    setting: Text
    introduction: Text
    sections: list[Text] = Field(min_length=1)
    sources: list[Text] = []
    start: SceneId | None = None
    scenes: list[Scene] = Field(min_length=1)

    @cached_property
    def by_id(self) -> dict[str, Scene]:
        return {s.id: s for s in self.scenes}

    @property
    def start_id(self) -> str:
        return self.start or self.scenes[0].id

    def scene(self, scene_id: str) -> Scene:
        return self.by_id[scene_id]

    def edges(self) -> dict[str, list[str]]:
        """Scene id -> the scene each choice leads to, in file order."""
        return {s.id: [c.next for c in s.choices] for s in self.scenes}

    def ends(self) -> list[str]:
        return [s.id for s in self.scenes if s.is_end]

    def learner_text(self) -> list[str]:
        """Every piece of text a learner can read, in file order (for reading-level checks)."""
        out = [self.title, self.setting, self.introduction, *self.sources]
        for s in self.scenes:
            out += [s.title, s.who, s.where, s.text, s.outcome, s.good_practice]
            for c in s.choices:
                out += [c.text, c.consequence]
        return [t for t in out if t]
