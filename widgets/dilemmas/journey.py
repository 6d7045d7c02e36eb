"""One learner's way through a dilemma: the choices made so far, Back, Start again, points.

Choices are numbered in the order of the YAML file (the widget maps the order shown on the page).
A journey never holds a choice the dilemma does not have: `replay` keeps a saved path only as far
as it still fits the file, so a dilemma edited after a learner saved still opens.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cached_property
from typing import Any

from widgets.dilemmas import graph
from widgets.dilemmas.models import Choice, Dilemma, Scene


@dataclass(frozen=True)
class Step:
    """One decision: in which scene, which choice (file order), and when."""

    scene: str
    choice: int
    time: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class Journey:
    def __init__(self, dilemma: Dilemma) -> None:
        self.dilemma = dilemma
        self.steps: list[Step] = []

    # -- where the learner is ------------------------------------------------------------
    @property
    def current(self) -> Scene:
        if not self.steps:
            return self.dilemma.scene(self.dilemma.start_id)
        return self.dilemma.scene(self.chosen(self.steps[-1]).next)

    @property
    def finished(self) -> bool:
        return self.current.is_end

    def chosen(self, step: Step) -> Choice:
        return self.dilemma.scene(step.scene).choices[step.choice]

    @property
    def points(self) -> int:
        return sum(self.chosen(s).score for s in self.steps)

    # -- what the learner does -----------------------------------------------------------
    def choose(self, index: int, when: str | None = None) -> Choice:
        """Take choice ``index`` (file order) in the current scene."""
        scene = self.current
        if not 0 <= index < len(scene.choices):
            raise ValueError(f"scene '{scene.id}' has no choice {index}")
        self.steps.append(Step(scene.id, index, when))
        return scene.choices[index]

    def back(self) -> bool:
        """Take back the last choice; False when there is none."""
        if not self.steps:
            return False
        self.steps.pop()
        return True

    def restart(self) -> None:
        self.steps.clear()

    def replay(self, saved: Any) -> int:
        """Follow a saved path (a list of ``{scene, choice, time}``) as far as it fits; steps kept."""
        self.steps.clear()
        if not isinstance(saved, list):
            return 0
        for item in saved:
            if not isinstance(item, dict) or self.finished:
                break
            scene, choice = item.get("scene"), item.get("choice")
            if scene != self.current.id or not isinstance(choice, int) or isinstance(choice, bool):
                break
            if not 0 <= choice < len(self.current.choices):
                break
            when = item.get("time")
            self.steps.append(Step(scene, choice, when if isinstance(when, str) else None))
        return len(self.steps)

    # -- the best path -------------------------------------------------------------------
    @cached_property
    def best(self) -> graph.Route:
        d = self.dilemma
        scored = {s.id: [(c.next, c.score) for c in s.choices] for s in d.scenes}
        route = graph.best_route(scored, d.start_id, d.ends())
        if route is None:  # a checked dilemma always has one
            raise ValueError(f"dilemma '{d.id}' has no path to an end")
        return route

    def is_best(self) -> bool:
        return self.finished and self.points >= self.best.points

    def describe(self) -> str:
        """The path in words, for the class CSV's answer column."""
        chosen = " → ".join(self.chosen(s).text for s in self.steps)
        if not self.steps:
            return "Not started"
        if self.finished:
            end = self.current.title or self.current.id
            return f"Ended at '{end}' ({self.points} of {self.best.points} points): {chosen}"
        return f"In progress after {len(self.steps)} decisions: {chosen}"
