"""Who answers: this computer's learner, a name + PIN on a class server, the hub's login."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest

import widgets as wr
from widgets.quizzes.bank import read_bank
from widgets.quizzes.folders import pins_dir, settings_dir
from widgets.quizzes.identity import Identity, file_stem
from widgets.quizzes.pins import FREE_TRIES, WRONG, PinBook, matches
from widgets.quizzes.quiz import quiz_from_bank
from widgets.quizzes.session import NOT_CLAIMED, Session, reset_session
from widgets.quizzes.store import AnswerStore

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BANK = read_bank(FIXTURES / "sample-bank.yaml")
PIN = "4821"


def answer_first_wrong(quiz) -> None:
    w = quiz.questions[2]  # true/false: position 0 is "True"
    w.choose(0)
    w.press_check()


def all_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def class_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WR_CLASS_SERVER", "1")


# --------------------------------------------------------------------------- own computer


def test_own_computer_saves_for_this_computers_learner_without_a_name(answers_dir: Path) -> None:
    session = reset_session(None, answers_dir)
    assert session.mode == "computer" and session.claimed
    quiz = quiz_from_bank(BANK, "sample")
    answer_first_wrong(quiz)
    assert quiz.questions[2].feedback["save"] == {"ok": True, "message": ""}
    saved = AnswerStore(Identity.this_computer(), answers_dir).answers("sample")
    assert set(saved) == {"tf-volunteers"}
    assert "this computer's learner" in session.status()
    assert str(answers_dir) not in session.status(), "no server path is shown to a learner"


def test_own_computer_remembers_a_typed_name_in_the_settings_folder(
    answers_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WR_REMEMBER_LEARNER", "1")
    session = reset_session(None, answers_dir)
    assert session.claim("Nia Jones").ok
    remembered = settings_dir(answers_dir) / "settings.json"
    assert json.loads(remembered.read_text(encoding="utf-8")) == {"learner": "Nia Jones"}
    assert Session(None, answers_dir).learner == "Nia Jones"  # the next notebook
    assert not (answers_dir / "settings.json").exists()


# --------------------------------------------------------------------------- class server


def test_class_server_saves_nothing_until_a_name_is_claimed(
    answers_dir: Path, class_server: None
) -> None:
    for name in ("Ola", "Pat"):  # classmates' files already there
        AnswerStore(name, answers_dir).save("sample", "tf-volunteers", {"selected": [1]})
    before = all_bytes(answers_dir)
    session = reset_session(None, answers_dir)  # what a kernel run before anyone arrives does
    assert session.mode == "class" and not session.claimed
    quiz = quiz_from_bank(BANK, "sample")
    assert all(w.state == "open" for w in quiz.questions), "nobody's answers before a claim"
    panel = wr.start()
    assert panel.status.startswith(NOT_CLAIMED) and panel.mode == "class"
    answer_first_wrong(quiz)
    w = quiz.questions[2]
    assert w.state == "checked" and w.feedback["verdict"].startswith("✗")
    assert w.feedback["save"] == {"ok": False, "message": NOT_CLAIMED}
    assert all_bytes(answers_dir) == before, "no shared default file"
    # Claiming a name keeps the answers given before it, and says so.
    panel.submit("Quinn Adeyemi", PIN)
    assert panel.status.startswith("Saving answers for Quinn Adeyemi.")
    assert "PIN is set" in panel.status
    saved = AnswerStore("Quinn Adeyemi", answers_dir).answers("sample")
    assert saved["tf-volunteers"]["selected"] == [0]


def test_a_wrong_pin_changes_nothing_and_shows_nothing(
    answers_dir: Path, class_server: None
) -> None:
    owner = reset_session(None, answers_dir)
    assert owner.claim("Ruth Okafor", PIN).ok
    owner.save("sample", "tf-volunteers", {"selected": [1], "answer": "False", "attempts": 1})
    before = all_bytes(answers_dir)

    other = reset_session(None, answers_dir)  # another learner, another page
    quiz = quiz_from_bank(BANK, "sample")
    panel = wr.start()
    for typed in ("Ruth Okafor", "RUTH  okafor", "ruth okafor"):
        panel.submit(typed, "1111")
        assert panel.status == WRONG and panel.problem
        assert not other.claimed
        assert all(w.state == "open" for w in quiz.questions)
        assert other.answers("sample") == {}
    answer_first_wrong(quiz)  # an answer by the other learner is not saved into Ruth's file
    assert all_bytes(answers_dir) == before
    # The owner's PIN still works in a new page, and brings the answers back.
    again = reset_session(None, answers_dir)
    quiz = quiz_from_bank(BANK, "sample")
    assert again.claim("ruth okafor", PIN).ok
    assert quiz.questions[2].result["answer"] == "False"


def test_the_pin_is_kept_only_as_a_slow_salted_hash(answers_dir: Path, class_server: None) -> None:
    session = reset_session(None, answers_dir)
    session.claim("Sol", "90210")
    session.save("sample", "q", {"selected": [1]})
    identity = Identity.named("Sol")
    record = json.loads((pins_dir(answers_dir) / f"{identity.stem}.json").read_text("utf-8"))
    assert record["scrypt"]["n"] >= 2**14 and len(base64.b64decode(record["scrypt"]["salt"])) >= 16
    assert matches(record, identity, "90210") and not matches(record, identity, "90211")
    assert not matches(record, Identity.named("Someone else"), "90210"), "bound to the name"
    for path in [*answers_dir.rglob("*"), *settings_dir(answers_dir).rglob("*")]:
        if path.is_file():
            assert b"90210" not in path.read_bytes(), f"the PIN is in {path.name}"
    panel = wr.start()
    sent: list[dict] = []
    panel.send = lambda content, buffers=None: sent.append(content)
    panel.export()
    assert "90210" not in sent[0]["csv"]
    assert "90210" not in json.dumps(panel.get_state()), "the PIN is never widget state"


def test_pins_must_be_short_numbers_and_names_real(answers_dir: Path, class_server: None) -> None:
    session = reset_session(None, answers_dir)
    assert session.claim("Tia", "").message.startswith("Type your PIN too")
    assert "4 to 8 digits" in session.claim("Tia", "12a4").message
    assert "4 to 8 digits" in session.claim("Tia", "123").message
    assert session.claim("   ", PIN).message == "Type your name first."
    assert not session.claimed
    assert not pins_dir(answers_dir).exists() or not any(pins_dir(answers_dir).iterdir())


def test_guessing_a_pin_is_slowed_down_after_a_few_wrong_tries(
    answers_dir: Path, class_server: None
) -> None:
    book = PinBook(pins_dir(answers_dir))
    ula = Identity.named("Ula")
    assert book.claim(ula, PIN).created
    for _ in range(FREE_TRIES):
        assert book.claim(ula, "0000").message == WRONG
    blocked = book.claim(ula, PIN)  # even the right PIN waits now
    assert not blocked.ok and "Too many wrong PINs" in blocked.message
    assert book.learners() == [("Ula", True)]


def test_a_tutor_resets_a_pin_from_the_command_line(answers_dir: Path, class_server: None) -> None:
    session = reset_session(None, answers_dir)
    assert session.claim("Vera Lind", PIN).ok
    session.save("sample", "q", {"selected": [1]})
    answers_before = all_bytes(answers_dir)
    run = subprocess.run(
        [sys.executable, "-m", "widgets", "pin", "reset", "vera lind"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    new_pin = run.stdout.split("new PIN is ")[1][:4]
    assert new_pin.isdigit() and "Vera Lind" in run.stdout
    assert all_bytes(answers_dir) == answers_before, "the answers are not touched"
    assert not reset_session(None, answers_dir).claim("Vera Lind", PIN).ok
    fresh = reset_session(None, answers_dir)
    assert fresh.claim("Vera Lind", new_pin).ok
    assert set(fresh.answers("sample")) == {"q"}
    listed = subprocess.run(
        [sys.executable, "-m", "widgets", "pin", "list"], capture_output=True, text=True, timeout=60
    )
    assert listed.stdout.splitlines() == ["Vera Lind"]


# --------------------------------------------------------------------------- JupyterHub


def test_under_jupyterhub_the_login_is_the_learner(
    answers_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "learner07")
    monkeypatch.setenv("WR_CLASS_SERVER", "1")  # the hub's login wins
    session = reset_session(None, answers_dir)
    assert session.mode == "hub" and session.learner == "learner07"
    panel = wr.start()
    assert panel.mode == "hub"
    assert panel.status == "Saving answers for learner07 (the name you logged in with)."
    panel.submit("learner08", PIN)  # a page cannot send another name
    assert session.learner == "learner07" and panel.problem
    quiz = quiz_from_bank(BANK, "sample")
    answer_first_wrong(quiz)
    assert (answers_dir / f"{file_stem('learner07')}.json").exists()
    assert not (answers_dir / f"{file_stem('learner08')}.json").exists()


def test_saving_imports_no_widget_code() -> None:
    """The session knows nothing of quizzes or widgets: no import circle, and a light import."""
    code = (
        "import sys, widgets.quizzes.session\n"
        "bad = [m for m in ('widgets.quizzes.quiz', 'widgets.quizzes.question', 'anywidget',"
        " 'ipywidgets', 'pandas') if m in sys.modules]\n"
        "print(bad)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == "[]", run.stdout + run.stderr
