"""Content an assessor would sign off: safe practice, the legal frame, settings and roles.

The wording rules (`widgets.quizzes.wording`) run over every text a learner or tutor reads: the
notebooks, the question banks (also in `python -m widgets check`), the data and the tutors' notes.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import pytest

from widgets.dataset import load_dataset
from widgets.quizzes import wording
from widgets.quizzes.bank import read_bank
from widgets.quizzes.scenarios import SETTINGS

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from collection_map import (  # noqa: E402
    guide_sections,
    learner_notebooks,
    notebook_paths,
    read_notebook,
    reference_notebooks,
    source,
)

BANKS = {p.stem: read_bank(p) for p in sorted((REPO / "data" / "quizzes").glob("*.yaml"))}


def markdown_cells(path: Path) -> list[str]:
    return [source(c) for c in read_notebook(path)["cells"] if c["cell_type"] == "markdown"]


def learner_text() -> str:
    """The learners' notebooks' Markdown, without bold and italic markers."""
    text = "\n".join(t for p in learner_notebooks() for t in markdown_cells(p))
    return re.sub(r"\*{1,2}([^*]+)\*{1,2}", r"\1", text)


def question(bank: str, qid: str):
    return BANKS[bank].get(qid)


def csv_rows(name: str) -> list[dict[str, str]]:
    with (REPO / "data" / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# --------------------------------------------------------------------------- wording everywhere


def _units() -> list[tuple[str, str, str]]:
    """(where, text, context) for every unit of text a learner or tutor reads."""
    out = []
    for path in notebook_paths() + reference_notebooks():
        for n, cell in enumerate(markdown_cells(path)):
            for para in re.split(r"\n\s*\n|\n(?=\s*[-*\d])", cell):
                out.append((f"{path.name}, cell {n}", para, cell))
    for csv_path in sorted((REPO / "data").glob("*.csv")):
        for line, row in enumerate(csv_rows(csv_path.name), start=2):
            text = " ".join(v for v in row.values() if v)
            out.append((f"data/{csv_path.name}, line {line}", text, text))
    for md in sorted((REPO / "tutors").glob("*.md")):
        for n, para in enumerate(md.read_text(encoding="utf-8").split("\n\n")):
            out.append((f"tutors/{md.name}, paragraph {n + 1}", para, para))
    return out


def test_no_wording_that_teaches_unsafe_or_wrong_practice() -> None:
    found = [
        f"{where}: {p.problem} ({p.sentence[:80]!r}); expected {p.expected}"
        for where, text, context in _units()
        for p in wording.problems(text, context=context)
    ]
    assert not found, "\n".join(found)


def test_notebooks_use_words_true_in_jupyterlab_and_voila() -> None:
    banned = re.compile(
        r"shift\s*(\+|and)\s*enter|\brun (the|this|each|every|a|your) (next |set-?up )?cells?\b",
        re.I,
    )
    hits = [
        f"{p.name}: {m.group(0)!r}"
        for p in notebook_paths()
        for text in markdown_cells(p)
        for m in banned.finditer(text)
    ]
    assert not hits, "wording that is wrong in Voila, where learners see no code: " + "; ".join(
        hits
    )


ALLOWED_COMMAND = re.compile(
    r"^(?:[A-Z_]+=\S+ )*(?:make (?:lab|test|check|pages)|\.venv/bin/python -m widgets(?: \S.*)?)$"
)
COMMAND_START = re.compile(r"^(?:[A-Z_]+=\S+ )*(make|python|\.venv|voila|jupyter|pip|pytest)\b")


def _commands(text: str) -> list[str]:
    fenced = re.findall(r"```[a-z]*\n(.*?)```", text, re.S)
    lines = [line.strip() for block in fenced for line in block.splitlines() if line.strip()]
    spans = re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", text, flags=re.S))
    return [c for c in lines + spans if COMMAND_START.match(c)]


def test_every_command_in_a_notebook_is_one_a_fresh_machine_has() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.M))
    bad = []
    for path in notebook_paths():
        for text in markdown_cells(path):
            for command in _commands(text):
                make = re.search(r"make (\S+)", command)
                if not ALLOWED_COMMAND.match(command) or (make and make.group(1) not in targets):
                    bad.append(f"{path.name}: {command}")
    assert not bad, (
        "commands must be make lab/test/check/pages or .venv/bin/python -m widgets: "
        + "; ".join(bad)
    )


def test_the_notebook_that_names_wr_data_dir_explains_both_settings() -> None:
    for path in notebook_paths():
        text = "\n".join(markdown_cells(path))
        if "WR_DATA_DIR" in text:
            assert "WR_ANSWERS_DIR" in text and "environment variable" in text, path.name


def test_service_user_is_explained_once_with_the_words_settings_use() -> None:
    cells = [
        t for p in learner_notebooks() for t in markdown_cells(p) if "service user" in t.lower()
    ]
    assert any(
        all(word in t for word in ("the person", "individual", "resident", "client")) for t in cells
    ), "no notebook explains that 'service user' is the guide's word"


# --------------------------------------------------------------------------- the corrections


def test_a_doctor_is_an_other_professional_to_a_care_worker() -> None:
    ds = load_dataset()
    doctors = ds.examples[ds.examples["other_party"].str.contains(r"\b(?:doctor|GP)\b", case=False)]
    assert len(doctors) and set(doctors["relationship"].astype(str)) == {"other-professionals"}
    q = question("seven-relationships", "colleague-nurse-doctor")
    right = next(o for o in q.options if o.correct)
    assert "accountable" in right.feedback and "partnership" in right.feedback


def test_staff_act_on_reasonable_instructions_and_raise_unsafe_ones() -> None:
    q = question("seven-relationships", "manager-hierarchy")
    assert q.answer is True
    assert "reasonable" in q.prompt and "unsafe" in q.prompt and "report" in q.prompt
    assert "law protects" in q.feedback_true
    law = question("seven-relationships", "whistleblowing-protected")
    assert "Public Interest Disclosure Act 1998" in law.feedback_true + law.feedback_false


def test_medicines_task_shows_competence_the_mar_chart_and_a_refusal() -> None:
    items = [i.text for i in question("seven-relationships", "order-delegated-task").items]
    first, *rest = items
    assert "trained" in first and "competent" in first
    record = next(n for n, t in enumerate(items) if "records the refusal" in t and "MAR" in t)
    report = next(n for n, t in enumerate(items) if "reports the refusal" in t)
    assert record < report


def test_when_a_district_nurse_advises_a_change_the_right_answer_escalates_the_same_day() -> None:
    q = question("end-of-topic", "check-disagree-nurse")
    assert "pressure" in q.prompt
    right = next(o for o in q.options if o.correct)
    assert "Record" in right.text and "today" in right.text
    old_plan = next(o for o in q.options if "old care plan" in o.text)
    assert not old_plan.correct


def test_sharing_without_consent_is_taught_where_the_law_or_safety_requires_it() -> None:
    q = question("seven-relationships", "safeguarding-secret")
    right = next(o for o in q.options if o.correct)
    keep_secret = next(o for o in q.options if "secret" in o.text.lower())
    assert "pass it on" in right.text and not keep_secret.correct
    duty = question("seven-relationships", "duty-to-share")
    assert "principle 7" in next(o for o in duty.options if o.correct).feedback
    assert "need-to-know" in learner_text() and "consent where it is needed" in learner_text()


def test_sharing_between_professionals_rests_on_the_law_not_a_promise() -> None:
    row = next(
        r
        for r in csv_rows("ratings.csv")
        if r["relationship"] == "other-professionals" and r["feature"] == "confidentiality"
    )
    assert "UK GDPR" in row["rationale"] and "Data Protection Act 2018" in row["rationale"]
    assert (
        "information-sharing agreements" in row["rationale"] and row["source"] == "data-protection"
    )
    assert "promise" not in learner_text().split("Sharing information")[0][-200:]


def test_the_cqc_is_taught_as_a_regulator() -> None:
    cqc = [t for t in learner_text().split("\n") if "CQC" in t]
    assert cqc and any("regulator" in t and "inspects" in t for t in cqc)


def test_boundary_steps_have_exactly_one_defensible_order() -> None:
    items = [i.text for i in question("boundaries", "boundary-at-risk-steps").items]
    markers = [t.split(":")[0] for t in items]
    assert all(":" in t for t in items) and len(set(markers)) == len(items)
    tells = [t for t in items if "team leader" in t and "note" in t]
    assert len(tells) == 1, "telling the manager and recording are one step, so they cannot swap"


def test_reviewed_ratings_give_their_reason_and_say_when_the_setting_matters() -> None:
    rows = csv_rows("ratings.csv")
    for r in rows:
        if r["source"] == "care-settings":
            assert re.search(r"home care|ward|setting|day service", r["rationale"]), r
    ds = load_dataset()
    w = ds.wide()
    assert w.loc["service-users", "collaboration"] >= w.loc["other-professionals", "collaboration"]
    assert w.loc["colleagues", "confidentiality"] >= 3
    assert w.loc["manager-staff", "boundary_risk"] >= 2


# --------------------------------------------------------------------------- legal frame, settings, roles


LAWS = [s for s in guide_sections() if s["kind"] == "law"]


@pytest.mark.parametrize("law", LAWS, ids=[s["id"] for s in LAWS])
def test_every_law_is_named_in_a_notebook(law: dict[str, str]) -> None:
    title = law["title"]
    inner = re.search(r"\(([^)]*\d{4})\)", title)  # "(Public Interest Disclosure Act 1998)"
    name = inner.group(1) if inner else title.split(" (")[0].removeprefix("The ")
    assert name.lower() in learner_text().lower(), f"no notebook names {name!r}"


def test_the_other_nations_regulators_are_named() -> None:
    text = learner_text()
    for body in ("Social Care Wales", "SSSC", "NISCC"):
        assert body in text, body


def test_examples_come_from_every_setting() -> None:
    settings = {r["setting"] for r in csv_rows("examples.csv")}
    assert set(SETTINGS) <= settings, sorted(set(SETTINGS) - settings)


@pytest.mark.parametrize(
    "role",
    [
        "agency",
        "bank",
        "personal assistant",
        "interpreter",
        "speech and language therapist",
        "pharmacist",
        "IMCA",
        "district nurse",
    ],
)
def test_roles_the_guide_leaves_out_are_examples(role: str) -> None:
    parties = " | ".join(r["other_party"] for r in csv_rows("examples.csv"))
    assert role.lower() in parties.lower(), role


def test_a_personal_assistant_relationship_reverses_the_hierarchy() -> None:
    ds = load_dataset()
    pa = next(
        r
        for r in ds.relationship_ids
        if "direct payment" in str(ds.relationships.set_index("id").loc[r, "description"])
    )
    assert ds.score(pa, "hierarchy") == ds.wide()["hierarchy"].max()


@pytest.mark.parametrize("path", learner_notebooks(), ids=[p.name for p in learner_notebooks()])
def test_every_learner_notebook_reaches_the_reading_ease_target(path: Path) -> None:
    import readability

    score = readability.score(readability.notebook_text(path))
    assert score >= readability.TARGET, f"{path.name}: Flesch reading ease {score:.1f}"
