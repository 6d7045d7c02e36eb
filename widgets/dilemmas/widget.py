"""The dilemma widget: one scene at a time, the answer map kept in the kernel.

The page only ever holds the current scene, the consequence just shown and the path so far. It
sends ``choose`` (with the scene it was showing), ``back`` or ``restart``; the kernel answers with a
new ``view``. Tests and scripts send the same messages with ``press_choice`` / ``press_back`` /
``press_restart``.
"""

from __future__ import annotations

import random
from typing import Any

import traitlets as t

from widgets.dilemmas import record
from widgets.dilemmas.journey import Journey
from widgets.dilemmas.models import Dilemma, Scene
from widgets.quizzes.question import _Accessible

JUDGEMENT = (
    "The points are the course team's teaching judgement, not an exam mark: "
    "talk about them with your tutor."
)


def _session() -> Any:
    """The learner's session; one that cannot open its folder still shows the dilemma, and each
    save then says in words why it failed."""
    from widgets.quizzes.session import Session, current_session

    try:
        return current_session()
    except OSError:
        return Session()


def _points(n: int) -> str:
    return f"{n} point{'' if n == 1 else 's'}"


class DilemmaWidget(_Accessible):
    kind = t.Unicode("dilemma").tag(sync=True)
    spec = t.Dict().tag(sync=True)
    view = t.Dict().tag(sync=True)

    def __init__(
        self,
        dilemma: Dilemma,
        *,
        session: Any = None,
        seed: int | None = 0,
        section_titles: dict[str, str] | None = None,
    ) -> None:
        self.dilemma = dilemma
        self.journey = Journey(dilemma)
        self.session = session or _session()
        self.runs: list[dict[str, Any]] = []
        self.save_outcome = record.SaveOutcome(True)
        self._seq = 0
        self._orders = {s.id: self._order(s, seed) for s in dilemma.scenes}
        titles = section_titles or {}
        super().__init__(
            spec={
                "id": dilemma.id,
                "title": dilemma.title,
                "setting": dilemma.setting,
                "introduction": dilemma.introduction,
                "sections": [titles.get(s, s) for s in dilemma.sections],
                "sources": list(dilemma.sources),
            }
        )
        self.on_msg(self._handle_message)
        register = getattr(self.session, "register", None)
        if callable(register):
            register(self)  # a new learner name restores that learner's path
        self.restore()

    # -- order on the page -----------------------------------------------------------------
    def _order(self, scene: Scene, seed: int | None) -> list[int]:
        order = list(range(len(scene.choices)))
        if seed is not None:
            random.Random(f"{seed}:{self.dilemma.id}:{scene.id}").shuffle(order)
        return order

    def shown_choices(self) -> list[str]:
        """The current scene's choices as the page shows them."""
        scene = self.journey.current
        return [scene.choices[i].text for i in self._orders[scene.id]]

    # -- the learner's actions ---------------------------------------------------------------
    def _handle_message(self, _w: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, dict):
            return
        event = content.get("event")
        if event == "choose":
            scene, shown = content.get("scene"), content.get("choice")
            ok = scene == self.journey.current.id and isinstance(shown, int)
            if not (ok and self.choose_shown(shown)):
                # a page showing an older scene: send it the scene the learner is at
                self._publish("refresh", self._last_consequence())
        elif event == "back":
            self.back()
        elif event == "restart":
            self.restart()

    def press_choice(self, text_or_index: str | int) -> None:
        """Send what pressing a choice button sends: by its text or its place on the page."""
        shown = self.shown_choices()
        index = shown.index(text_or_index) if isinstance(text_or_index, str) else text_or_index
        self._handle_message(
            self, {"event": "choose", "scene": self.journey.current.id, "choice": index}, []
        )

    def press_back(self) -> None:
        self._handle_message(self, {"event": "back"}, [])

    def press_restart(self) -> None:
        self._handle_message(self, {"event": "restart"}, [])

    def choose_shown(self, shown: int) -> bool:
        """Take the choice at place ``shown`` on the page; False when there is no such choice."""
        order = self._orders[self.journey.current.id]
        if not 0 <= shown < len(order) or self.journey.finished:
            return False
        when = record.now()
        choice = self.journey.choose(order[shown], when)
        if self.journey.finished:
            self.runs.append(record.run_record(self.journey, when))
        self._save(when)
        self._publish(
            "choice", {"choice": choice.text, "text": choice.consequence, "points": choice.score}
        )
        return True

    def back(self) -> None:
        if self.journey.back():
            self._save(record.now())
        self._publish("back")

    def restart(self) -> None:
        self.journey.restart()
        self._save(record.now())
        self._publish("restart")

    def restore(self) -> None:
        """Show this learner's saved path (called again when the learner's name changes)."""
        saved, self.save_outcome = record.saved(self.session, self.dilemma.id)
        self.journey.replay(saved.get("path"))
        runs = saved.get("runs")
        self.runs = [r for r in runs if isinstance(r, dict)] if isinstance(runs, list) else []
        self._publish("restore", self._last_consequence())

    def _last_consequence(self) -> dict[str, Any] | None:
        if not self.journey.steps:
            return None
        choice = self.journey.chosen(self.journey.steps[-1])
        return {"choice": choice.text, "text": choice.consequence, "points": choice.score}

    def _save(self, when: str) -> None:
        data = record.build_record(self.journey, self.runs, when)
        self.save_outcome = record.save(self.session, self.dilemma.id, data)

    @property
    def result(self) -> dict[str, Any]:
        """The record that is saved, built from the journey now."""
        return record.build_record(self.journey, self.runs, record.now())

    # -- what the page shows ---------------------------------------------------------------
    def _publish(self, reason: str, consequence: dict[str, Any] | None = None) -> None:
        j = self.journey
        scene = j.current
        self._seq += 1
        self.view = {
            "seq": self._seq,
            "reason": reason,
            "step": len(j.steps),
            "scene": self._scene_view(scene, len(j.steps) + 1),
            "consequence": consequence,
            "path": self._steps_view([(s.scene, s.choice) for s in j.steps]),
            "summary": self._summary() if j.finished else None,
            "save": {"ok": self.save_outcome.ok, "message": self.save_outcome.message},
        }

    def _scene_view(self, scene: Scene, number: int) -> dict[str, Any]:
        view: dict[str, Any] = {
            "id": scene.id,
            "title": scene.title or "",
            "who": scene.who or "",
            "where": scene.where or "",
            "text": scene.text,
            "end": scene.is_end,
            "number": number,
        }
        if scene.is_end:
            view.update(outcome=scene.outcome, good_practice=scene.good_practice)
        else:
            view["choices"] = self.shown_choices()
        return view

    def _steps_view(self, steps: list[tuple[str, int]]) -> list[dict[str, Any]]:
        out = []
        for n, (scene_id, index) in enumerate(steps, start=1):
            scene = self.dilemma.scene(scene_id)
            choice = scene.choices[index]
            out.append(
                {
                    "number": n,
                    "scene": scene.title or f"Decision {n}",
                    "choice": choice.text,
                    "consequence": choice.consequence,
                    "points": choice.score,
                }
            )
        return out

    def _summary(self) -> dict[str, Any]:
        j = self.journey
        best = j.best
        mine = [(s.scene, s.choice) for s in j.steps]
        same = mine == list(best.steps)
        if same:
            compare = "You took the best path."
        elif j.points >= best.points:
            compare = "Your path scored as well as the best path, by another way."
        else:
            compare = (
                f"The best path scores {_points(best.points)}: "
                f"{best.points - j.points} more than yours. Its decisions are below."
            )
        return {
            "points": j.points,
            "best": best.points,
            "score": f"You scored {_points(j.points)} out of a possible {best.points}.",
            "compare": compare,
            "same": same,
            "best_path": [] if same else self._steps_view(list(best.steps)),
            "judgement": JUDGEMENT,
        }
