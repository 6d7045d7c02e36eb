"""The tutor's class CSV."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from widgets.quizzes.export import COLUMNS, class_csv
from widgets.quizzes.store import AnswerStore


def test_class_csv_has_one_row_per_answer_and_keeps_bad_files_visible(tmp_path: Path) -> None:
    for name, score in (("Amir", 1.0), ("Beth Lee", 0.5)):
        store = AnswerStore(name, tmp_path)
        store.save(
            "boundaries",
            "gift",
            {
                "answer": "Say no, kindly",
                "correct": score == 1,
                "score": score,
                "attempts": 2,
                "time": "2026-11-24T10:00:00+00:00",
            },
        )
        store.save(
            "seven",
            "q1",
            {
                "answer": "GP",
                "correct": True,
                "score": 1.0,
                "attempts": 1,
                "time": "2026-11-24T10:05:00+00:00",
            },
        )
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


def test_export_command_writes_the_file(tmp_path: Path) -> None:
    AnswerStore("Cy", tmp_path).save(
        "q", "a", {"answer": "x", "correct": True, "score": 1, "attempts": 1}
    )
    out = tmp_path / "class.csv"
    run = subprocess.run(
        [sys.executable, "-m", "widgets", "export", str(tmp_path), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert "Wrote 1 answers" in run.stdout
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith("Cy,q,a,x,True,1,1,")
    assert json.loads((tmp_path / "cy.json").read_text(encoding="utf-8"))["learner"] == "Cy"
