"""How a class chose: for each decision point of a dilemma, how many learners took each choice.

    from widgets.dilemmas.summary import class_summary
    from widgets.quizzes.store import iter_files
    view = class_summary(iter_files(folder), load_dilemma("police-ask-for-records"))
    view.rows()      # one row per choice: scene, choice, points, count, reached
    print(view.text())

By default each learner counts once, with their first way through to an end (their first
thinking, before they saw the best path); ``attempt="latest"`` uses the path they are on now.
A learner who has not finished yet counts with the path so far.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from widgets.dilemmas.journey import Journey
from widgets.dilemmas.models import Dilemma
from widgets.dilemmas.record import QUIZ_ID


@dataclass
class ChoiceCount:
    text: str
    points: int
    leads_to: str
    count: int = 0


@dataclass
class DecisionPoint:
    scene: str
    title: str
    text: str
    reached: int = 0
    choices: list[ChoiceCount] = field(default_factory=list)


@dataclass
class EndingCount:
    scene: str
    title: str
    count: int = 0


@dataclass
class ClassSummary:
    dilemma: str
    title: str
    attempt: str
    learners: int = 0
    finished: int = 0
    decisions: list[DecisionPoint] = field(default_factory=list)
    endings: list[EndingCount] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        """One row per choice of every decision point, in the file's order."""
        return [
            {
                "dilemma": self.dilemma,
                "scene": d.scene,
                "decision": d.title,
                "choice": c.text,
                "points": c.points,
                "count": c.count,
                "reached": d.reached,
            }
            for d in self.decisions
            for c in d.choices
        ]

    def text(self) -> str:
        """The summary as plain lines a tutor can read or paste."""
        lines = [
            f"{self.title}: {self.learners} learner{'s' if self.learners != 1 else ''}, "
            f"{self.finished} reached an end ({self.attempt} way through)."
        ]
        for d in self.decisions:
            lines.append(f"Decision point '{d.title}': {d.reached} reached it.")
            if d.reached > sum(c.count for c in d.choices):
                lines.append(f"  {d.reached - sum(c.count for c in d.choices)} not chosen yet")
            lines += [f"  {c.count} chose: {c.text} ({_points(c.points)})" for c in d.choices]
        lines.append("Endings:")
        lines += [f"  {e.count} reached: {e.title}" for e in self.endings]
        return "\n".join(lines)


def _points(n: int) -> str:
    return f"{n} point{'' if n == 1 else 's'}"


def _saved_record(path: Path, dilemma_id: str) -> dict[str, Any] | None:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    record = data["answers"].get(QUIZ_ID, {}).get(dilemma_id)
    return record if isinstance(record, dict) else None


def _chosen_path(record: dict[str, Any], attempt: str) -> Any:
    runs = [r for r in record.get("runs") or [] if isinstance(r, dict)]
    if attempt == "first" and runs:
        return runs[0].get("path")
    if record.get("path"):
        return record.get("path")
    return runs[-1].get("path") if runs else []


def class_summary(
    files: Iterable[Path | str],
    dilemma: Dilemma,
    *,
    attempt: Literal["first", "latest"] = "first",
) -> ClassSummary:
    """Count, over the class's saved-answer files, every choice at every decision point."""
    out = ClassSummary(dilemma.id, dilemma.title, attempt)
    points: dict[str, DecisionPoint] = {}
    for s in dilemma.scenes:
        if s.is_end:
            out.endings.append(EndingCount(s.id, s.title or s.id))
        else:
            d = DecisionPoint(s.id, s.title or s.id, s.text)
            d.choices = [ChoiceCount(c.text, c.score, c.next) for c in s.choices]
            out.decisions.append(d)
            points[s.id] = d
    endings = {e.scene: e for e in out.endings}
    for path in files:
        try:
            record = _saved_record(Path(path), dilemma.id)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            out.skipped.append(f"{path}: {exc.__class__.__name__}: {exc}")
            continue
        if record is None:
            continue
        journey = Journey(dilemma)
        if not journey.replay(_chosen_path(record, attempt)):
            continue
        out.learners += 1
        for step in journey.steps:
            d = points[step.scene]
            d.reached += 1
            d.choices[step.choice].count += 1
        if journey.finished:
            out.finished += 1
            endings[journey.current.id].count += 1
        else:  # at this decision point now, not yet chosen
            points[journey.current.id].reached += 1
    return out


def summarise_folder(
    folder: Path | str,
    names: Iterable[str] | None = None,
    *,
    attempt: Literal["first", "latest"] = "first",
) -> dict[str, ClassSummary]:
    """Every dilemma (or the named ones) summarised over a folder of saved-answer files."""
    from widgets.dilemmas.api import dilemmas_dir, load_dilemma
    from widgets.quizzes.store import iter_files

    files = iter_files(folder)
    if names is None:
        names = [p.stem for p in sorted(dilemmas_dir().glob("*.yaml"))]
    return {n: class_summary(files, load_dilemma(n), attempt=attempt) for n in names}
