"""The tutor's live class view: a set of panels over one class folder, refreshed by the page.

    from widgets.classview import class_view
    class_view()                       # $WR_ANSWERS_DIR, else the user data folder
    class_view("/srv/class/answers", quiz="boundaries", interval=5)

The page asks the kernel for a refresh every few seconds (a timer in the browser sends a message,
so it works the same in Voilà and JupyterLab, and stops when the page is closed). Each refresh
reads only the files that changed; when nothing changed nothing is recomputed, and only the parts
of the page that changed are sent. The page is the tutor's alone: run it on the tutor's computer
(127.0.0.1) or behind the tutor's token, never where learners can open it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import ipywidgets as ipw
import traitlets as t

from widgets.classview.aggregate import QuizSummary, summarise
from widgets.classview.panels import ClassState, Panel, QuestionsPanel, SummaryPanel
from widgets.classview.reading import ClassReader, ClassSnapshot
from widgets.errors import DataError
from widgets.quizzes.bank import banks_dir, load_bank
from widgets.quizzes.models import Bank
from widgets.quizzes.poll_results import Spread, content, publish, read_published, results_path
from widgets.quizzes.question import _Accessible
from widgets.quizzes.store import answers_dir

#: Seconds between refreshes ($WR_CLASS_VIEW_REFRESH changes it; at least 1).
DEFAULT_INTERVAL = 5


def default_interval() -> int:
    try:
        return max(1, int(os.environ.get("WR_CLASS_VIEW_REFRESH", DEFAULT_INTERVAL)))
    except ValueError:
        return DEFAULT_INTERVAL


class ClassControls(_Accessible):
    """The top of the page: folder, quiz, "Show names", order, refresh timer and status."""

    kind = t.Unicode("classview").tag(sync=True)
    part = t.Unicode("controls").tag(sync=True)
    folder = t.Unicode().tag(sync=True)
    quizzes = t.List(t.Dict()).tag(sync=True)  # [{"id", "label"}]
    quiz = t.Unicode().tag(sync=True)
    show_names = t.Bool(False).tag(sync=True)
    order_by_wrong = t.Bool(True).tag(sync=True)
    interval = t.Int(DEFAULT_INTERVAL).tag(sync=True)
    status = t.Unicode().tag(sync=True)
    refreshed = t.Int(0).tag(sync=True)  # how many times the kernel has read the folder


def class_answers_dir() -> Path:
    """The whole class's answers: the class hub's drop folder for a tutor there
    ($WR_CLASS_ANSWERS_DIR), else the answers folder ($WR_ANSWERS_DIR or this computer's)."""
    env = os.environ.get("WR_CLASS_ANSWERS_DIR")
    return Path(env).expanduser() if env else answers_dir()


class ClassView(ipw.VBox):
    """The page. `panels` are updated in order after every refresh; add more with `add_panel`."""

    def __init__(
        self,
        folder: Path | str | None = None,
        *,
        quiz: str | None = None,
        interval: int | None = None,
    ) -> None:
        folder = Path(folder).expanduser() if folder is not None else class_answers_dir()
        self.controls = ClassControls(folder=str(folder), interval=interval or default_interval())
        self.summary_panel = SummaryPanel()
        self.questions_panel = QuestionsPanel(self.set_shared)
        self.panels: list[Panel] = [self.summary_panel, self.questions_panel]
        super().__init__([self.controls, *self.panels])
        self.add_class("wr-class-view")
        self._reader = ClassReader(folder)
        self._shared: dict[str, set[str]] = {}
        self._share_problem = ""
        self._last_key: tuple[Any, ...] | None = None
        self._last_refresh = 0.0
        self.state: ClassState | None = None
        self._load_shared()
        if quiz:
            self.controls.quiz = quiz
        self.controls.on_msg(self._handle_message)
        self.controls.observe(self._changed, names=["quiz", "show_names", "order_by_wrong"])
        self.refresh(force=True)

    # -- what the page asks for ----------------------------------------------------------
    def _handle_message(self, _w: Any, content: dict[str, Any], _b: Any) -> None:
        event = content.get("event") if isinstance(content, dict) else None
        if event == "refresh":
            self.refresh(force=bool(content.get("now")))
        elif event == "folder":
            self.set_folder(str(content.get("folder", "")))

    def _changed(self, _change: Any) -> None:
        self.refresh(force=True)

    def set_folder(self, folder: str | Path) -> None:
        """Read another class folder (what "Read this folder" does)."""
        path = Path(str(folder).strip() or class_answers_dir()).expanduser()
        self._reader = ClassReader(path)
        self.controls.folder = str(path)
        self._load_shared()
        self.refresh(force=True)

    def add_panel(self, panel: Panel) -> None:
        """Add a panel below the others; it is updated now and after every refresh."""
        self.panels.append(panel)
        self.children = [self.controls, *self.panels]
        if self.state is not None:
            panel.update(self.state)

    def close(self) -> None:
        """Close the page and every widget in it (its panels and question cards)."""
        for card in list(self.questions_panel.cards.values()):
            card.close()
        for widget in [self.controls, *self.panels]:
            widget.close()
        super().close()

    # -- refreshing ----------------------------------------------------------------------
    def refresh(self, force: bool = False) -> ClassState | None:
        """Read the folder again and update every panel whose content changed.

        Several open views of the page each ask on their own timer: a request that comes sooner
        than half the interval after the last one is answered without reading again.
        """
        now = time.monotonic()
        c = self.controls
        if not force and now - self._last_refresh < c.interval / 2:
            c.send({"event": "skipped"})  # answered, so that view's timer asks again next time
            return self.state
        self._last_refresh = now
        snap = self._reader.read()
        quizzes = _quiz_choices(snap)
        if not c.quiz or c.quiz not in {q["id"] for q in quizzes}:
            c.quiz = c.quiz or _latest_quiz(snap) or (quizzes[0]["id"] if quizzes else "")
        if c.quiz and c.quiz not in {q["id"] for q in quizzes}:
            quizzes.append({"id": c.quiz, "label": c.quiz})
        c.quizzes = quizzes
        key = (snap.version, c.quiz, c.show_names, c.order_by_wrong, self._share_key())
        if force or key != self._last_key or self.state is None or self._share_problem:
            self._last_key = key
            self.state = self._state(snap)
            # Shared poll counts are written before the page says "Shared", so a learner who
            # asks as soon as the tutor sees it finds the file there.
            self._publish(snap)
            for panel in self.panels:
                panel.update(self.state)
        c.status = _status(snap)
        c.refreshed += 1
        return self.state

    def _state(self, snap: ClassSnapshot) -> ClassState:
        quiz = self.controls.quiz
        bank, problem = _bank(quiz)
        summary: QuizSummary | None = summarise(snap, quiz, bank) if quiz else None
        return ClassState(
            snapshot=snap,
            quiz=quiz,
            summary=summary,
            show_names=self.controls.show_names,
            order_by_wrong=self.controls.order_by_wrong,
            shared=set(self._shared.get(quiz, set())),
            share_problem=self._share_problem,
            bank_problem=problem,
        )

    # -- polls shared with learners ------------------------------------------------------
    def _share_key(self) -> tuple[Any, ...]:
        return tuple(sorted((q, tuple(sorted(ids))) for q, ids in self._shared.items()))

    def _load_shared(self) -> None:
        """Polls already shared (the page was opened again): read back from the shared file."""
        data = read_published([results_path(self._reader.folder)])
        polls = data.get("polls") if isinstance(data.get("polls"), dict) else {}
        self._shared = {
            str(quiz): {str(q) for q in ids} for quiz, ids in polls.items() if isinstance(ids, dict)
        }
        self._published: dict[str, Any] | None = polls if data else None

    def set_shared(self, quiz: str, question: str, on: bool) -> None:
        """Let learners see this poll's spread (or stop), then write the shared file."""
        ids = self._shared.setdefault(quiz, set())
        (ids.add if on else ids.discard)(question)
        if not ids:
            del self._shared[quiz]
        self.refresh(force=True)

    def _publish(self, snap: ClassSnapshot) -> None:
        polls: dict[str, dict[str, Spread | None]] = {}
        for quiz, ids in self._shared.items():
            bank, _ = _bank(quiz)
            if bank is None:
                continue
            summary = (
                summarise(snap, quiz, bank) if quiz != self.controls.quiz else self.state.summary
            )
            for q in summary.questions if summary else ():
                if q.id in ids and q.type == "poll":
                    polls.setdefault(quiz, {})[q.id] = Spread(
                        tuple(r.label for r in q.rows), tuple(r.count for r in q.rows)
                    )
        wanted = content(polls)
        if self._published == wanted or (self._published is None and not wanted):
            return
        path = results_path(self._reader.folder)
        try:
            publish(path, polls)
        except OSError as exc:
            problem = f"Could not write {path} for learners to read ({exc.strerror or exc})."
        else:
            self._published = wanted
            problem = ""
        self._share_problem = problem
        if self.state is not None:
            self.state.share_problem = problem


def _bank(quiz: str) -> tuple[Bank | None, str]:
    """The quiz's question bank, if it has one in data/quizzes, and why not when it cannot be read."""
    if not quiz or not (banks_dir() / f"{quiz}.yaml").is_file():
        return None, ""
    try:
        return load_bank(quiz), ""
    except DataError as exc:
        first = str(exc).splitlines()[0]
        return None, (
            f"The question bank data/quizzes/{quiz}.yaml has a problem, so answers are shown as "
            f"saved: {first} (run `python -m widgets check` to see every problem)."
        )


def _quiz_choices(snap: ClassSnapshot) -> list[dict[str, str]]:
    """Every bank in data/quizzes and every quiz with answers in the folder, with learner counts."""
    counts = snap.quizzes()
    ids = {p.stem for p in banks_dir().glob("*.yaml")} | set(counts)
    out = []
    for quiz in sorted(ids):
        bank, _ = _bank(quiz)
        n = counts.get(quiz, 0)
        title = bank.title if bank is not None else quiz
        out.append({"id": quiz, "label": f"{title} ({n} learner{'s' if n != 1 else ''})"})
    return out


def _latest_quiz(snap: ClassSnapshot) -> str:
    """The quiz answered most recently (the one the lesson is on), or ""."""
    best = ("", "")
    for lf in snap.learners:
        for quiz, records in lf.answers.items():
            for rec in records.values():
                when = rec.get("time")
                if isinstance(when, str) and when > best[0]:
                    best = (when, quiz)
    return best[1]


def _status(snap: ClassSnapshot) -> str:
    when = time.strftime("%H:%M:%S")
    if snap.missing:
        return f"Checked at {when}: there is no folder at {snap.folder} yet."
    n = len(snap.learners)
    text = f"Read at {when}: {n} learner{'s' if n != 1 else ''}' answer files"
    if snap.problems:
        text += f", {len(snap.problems)} file{'s' if len(snap.problems) != 1 else ''} not read"
    return text + "."


def class_view(
    folder: Path | str | None = None, *, quiz: str | None = None, interval: int | None = None
) -> ClassView:
    """The tutor's live class view of a class folder (default: the class hub's drop folder,
    $WR_CLASS_ANSWERS_DIR; else $WR_ANSWERS_DIR; else the user data folder), with the panel for
    marking written answers."""
    from widgets.classview.marking import MarkingPanel

    view = ClassView(folder, quiz=quiz, interval=interval)
    view.add_panel(MarkingPanel())
    return view
