"""Question banks as Moodle XML, the format Moodle's own importer reads (Question bank → Import).

One ``category`` per bank, then its questions:

| collection type | Moodle type | how |
| --- | --- | --- |
| single | multichoice, ``single`` true | the right option 100, every other 0 |
| multiple | multichoice, ``single`` false | right options share 100; wrong options negative (grades.py) |
| true_false | truefalse | answers ``true`` / ``false``, each with its own feedback |
| matching | matching | pairs as subquestions, distractors as empty subquestions |
| sorting | matching | each item a subquestion whose answer is its category's label |
| ordering | ordering (Moodle 4.4 or later) | items in the right order, graded by position |
| written | essay | frame as response template, word limits; criterion, self-check, model answer for marker |

A question of any other type (a poll has no right answer) is left out, with a note that names it.
Every text from a bank is escaped as HTML text: Moodle shows ``<b>`` as those three characters.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from widgets.exports import grades
from widgets.quizzes.models import RIGHT, WRONG, Bank

PART = "◐"
COMBINED = {
    "correctfeedback": f"{RIGHT} Correct.",
    "partiallycorrectfeedback": f"{PART} Partly right.",
    "incorrectfeedback": f"{WRONG} Not quite.",
}
#: Moodle's matching question needs at least this many different answers; extra ones are padded.
MIN_MATCH_ANSWERS = 3
PADDING = ("None of these", "None of the above", "Something else")
#: Moodle's limits on a question's name and idnumber (characters).
MAX_NAME, MAX_IDNUMBER = 255, 100
#: Ordering questions: every item shown, all in one column, graded by absolute position (the share
#: of items in the right place, as in the notebooks).
ORDERING = {
    "layouttype": "VERTICAL",
    "selecttype": "ALL",
    "gradingtype": "ABSOLUTE_POSITION",
    "showgrading": "SHOW",
}


@dataclass
class MoodleExport:
    """The XML file's bytes, how many questions it holds, and a note for each one left out."""

    xml: bytes
    written: int = 0
    notes: list[str] = field(default_factory=list)


class LeftOut(Exception):
    """A question Moodle cannot hold; the message says why."""


def escape(text: str) -> str:
    """Bank text as HTML text: markup is shown as characters, line breaks kept."""
    return html.escape(text, quote=False).replace("\n", "<br>\n")


def idnumber(bank_id: str, question_id: str) -> str:
    return f"{bank_id}:{question_id}"


def category_path(title: str) -> str:
    """The bank's title on one line; Moodle splits paths on '/' and reads '//' as a slash."""
    return "$course$/top/" + escape(" ".join(title.split())).replace("/", "//")


def _el(parent: etree._Element, tag: str, value: str | None = None, **attrs: str) -> Any:
    node = etree.SubElement(parent, tag, attrs)
    if value is not None:
        node.text = value
    return node


def _html(parent: etree._Element, tag: str, text: str = "", *, escaped: bool = False) -> Any:
    """``<tag format="html"><text><![CDATA[…]]></text></tag>`` with the text escaped.

    Escaping turns every ``>`` into ``&gt;``, so the text can never end the CDATA section early.
    """
    node = _el(parent, tag, format="html")
    inner = _el(node, "text")
    body = text if escaped else escape(text)
    if body:
        inner.text = etree.CDATA(body)
    return node


def _short(text: str, limit: int = 80) -> str:
    one_line = " ".join(text.split())
    if len(one_line) <= limit:
        return one_line
    return one_line[: limit - 1].rsplit(" ", 1)[0] + "…"


def _header(quiz: etree._Element, kind: str, bank_id: str, q: Any, general: str = "") -> Any:
    node = _el(quiz, "question", type=kind)
    limit = 80
    while len(escape(_short(q.prompt, limit))) > MAX_NAME:
        limit -= 10
    _el(_el(node, "name"), "text", escape(_short(q.prompt, limit)))
    _html(node, "questiontext", q.prompt)
    _html(node, "generalfeedback", general, escaped=True)
    _el(node, "defaultgrade", "1")
    _el(node, "penalty", "1" if kind == "truefalse" else "0.3333333")
    _el(node, "hidden", "0")
    ident = idnumber(bank_id, q.id)
    if len(ident) > MAX_IDNUMBER:
        raise LeftOut(f"its idnumber '{ident}' is longer than Moodle's {MAX_IDNUMBER} characters")
    _el(node, "idnumber", ident)
    return node


def _combined(node: etree._Element, *, parts: bool) -> None:
    for tag, words in COMBINED.items():
        _html(node, tag, words)
    if parts:
        _el(node, "shownumcorrect")


def _hint(node: etree._Element, q: Any, *, parts: bool) -> None:
    if q.hint:
        hint = _html(node, "hint", q.hint)
        if parts:
            _el(hint, "shownumcorrect")


def _tags(node: etree._Element, q: Any) -> None:
    tags = _el(node, "tags")
    for section in q.sections:
        _el(_el(tags, "tag"), "text", escape(section))


def _answer(node: etree._Element, fraction: float, text: str, feedback: str, fmt: str = "html"):
    answer = _el(node, "answer", fraction=grades.fmt(fraction), format=fmt)
    if fmt == "html":
        _el(answer, "text").text = etree.CDATA(escape(text))
    else:
        _el(answer, "text", text)
    _html(answer, "feedback", feedback)
    return answer


def _why_list(rows: Sequence[tuple[str, str]]) -> str:
    """General feedback for matching-style questions, which have no feedback per pair."""
    items = "".join(f"<dt>{escape(term)}</dt><dd>{escape(why)}</dd>" for term, why in rows)
    return f"<dl>{items}</dl>"


# ------------------------------------------------------------------------------ one per type


def _single(quiz: etree._Element, bank_id: str, q: Any) -> None:
    node = _header(quiz, "multichoice", bank_id, q)
    _choice_settings(node, single=True)
    for option in q.options:
        _answer(node, 100.0 if option.correct else 0.0, option.text, option.feedback)
    _hint(node, q, parts=False)
    _tags(node, q)


def _multiple(quiz: etree._Element, bank_id: str, q: Any) -> None:
    right = [o for o in q.options if o.correct]
    if len(right) > grades.MAX_RIGHT:
        raise LeftOut(
            f"it has {len(right)} right options; Moodle's grades can share 100 among "
            f"{grades.MAX_RIGHT} at most"
        )
    share = iter(grades.shares(len(right)))
    minus = -grades.penalty(len(right), len(q.options) - len(right))
    node = _header(quiz, "multichoice", bank_id, q)
    _choice_settings(node, single=False)
    for option in q.options:
        _answer(node, next(share) if option.correct else minus, option.text, option.feedback)
    _hint(node, q, parts=True)
    _tags(node, q)


def _choice_settings(node: etree._Element, *, single: bool) -> None:
    _el(node, "single", "true" if single else "false")
    _el(node, "shuffleanswers", "true")
    _el(node, "answernumbering", "abc")
    _el(node, "showstandardinstruction", "1")
    _combined(node, parts=not single)


def _true_false(quiz: etree._Element, bank_id: str, q: Any) -> None:
    node = _header(quiz, "truefalse", bank_id, q)
    for word, feedback, is_answer in (
        ("true", q.feedback_true, q.answer),
        ("false", q.feedback_false, not q.answer),
    ):
        _answer(node, 100.0 if is_answer else 0.0, word, feedback, fmt="moodle_auto_format")
    _hint(node, q, parts=False)
    _tags(node, q)


def _matching(quiz: etree._Element, bank_id: str, q: Any) -> None:
    pairs = [(p.left, p.right) for p in q.pairs]
    why = [(f"{p.left} → {p.right}", p.feedback) for p in q.pairs]
    _match(quiz, bank_id, q, pairs, list(q.distractors), why)


def _sorting(quiz: etree._Element, bank_id: str, q: Any) -> None:
    labels = {c.id: c.label for c in q.categories}
    if len(set(labels.values())) != len(labels):
        raise LeftOut("two of its categories have the same label, which Moodle would merge")
    pairs = [(item.text, labels[item.category]) for item in q.items]
    used = {right for _, right in pairs}
    unused = [label for label in labels.values() if label not in used]
    why = [(f"{item.text} → {labels[item.category]}", item.feedback) for item in q.items]
    _match(quiz, bank_id, q, pairs, unused, why)


def _match(
    quiz: etree._Element,
    bank_id: str,
    q: Any,
    pairs: list[tuple[str, str]],
    distractors: list[str],
    why: list[tuple[str, str]],
) -> None:
    answers = {right for _, right in pairs} | set(distractors)
    for extra in PADDING:
        if len(answers) >= MIN_MATCH_ANSWERS:
            break
        if extra not in answers:
            distractors.append(extra)
            answers.add(extra)
    node = _header(quiz, "matching", bank_id, q, general=_why_list(why))
    _el(node, "shuffleanswers", "true")
    _combined(node, parts=True)
    for left, right in [*pairs, *(("", d) for d in distractors)]:
        sub = _html(node, "subquestion", left)
        answer = _el(sub, "answer")
        _el(answer, "text").text = etree.CDATA(escape(right))
    _hint(node, q, parts=True)
    _tags(node, q)


def _ordering(quiz: etree._Element, bank_id: str, q: Any) -> None:
    why = [(f"{n}. {item.text}", item.feedback) for n, item in enumerate(q.items, 1)]
    node = _header(quiz, "ordering", bank_id, q, general=_why_list(why))
    for tag, value in ORDERING.items():
        _el(node, tag, value)
    _el(node, "selectcount", str(len(q.items)))
    _combined(node, parts=True)
    for position, item in enumerate(q.items, 1):
        # An ordering answer's fraction is its place in the right order, not a grade.
        _answer(node, float(position), item.text, item.feedback)
    _hint(node, q, parts=False)
    _tags(node, q)


#: Essay questions: typed in Moodle's editor, no files, a box of this many lines.
ESSAY = {
    "responseformat": "editor",
    "responserequired": "1",
    "responsefieldlines": "15",
}


def _essay(quiz: etree._Element, bank_id: str, q: Any) -> None:
    """A written answer: Moodle's essay, marked by the tutor as in the class view."""
    node = _header(quiz, "essay", bank_id, q, general=escape(q.model_answer))
    for tag, value in ESSAY.items():
        _el(node, tag, value)
    _el(node, "minwordlimit", str(q.min_words))
    _el(node, "maxwordlimit", str(q.max_words) if q.max_words else "")
    for tag in ("attachments", "attachmentsrequired", "maxbytes"):
        _el(node, tag, "0")
    _el(node, "filetypeslist", "")
    marker = [("Criterion", q.criterion), *(("Self-check", item) for item in q.self_check)]
    _html(node, "graderinfo", _why_list([*marker, ("Model answer", q.model_answer)]), escaped=True)
    _html(node, "responsetemplate", "\n".join(q.frame))
    _hint(node, q, parts=False)
    _tags(node, q)


WRITERS: dict[str, Callable[[etree._Element, str, Any], None]] = {
    "single": _single,
    "multiple": _multiple,
    "true_false": _true_false,
    "matching": _matching,
    "sorting": _sorting,
    "ordering": _ordering,
    "written": _essay,
}


def _category(quiz: etree._Element, bank_id: str, bank: Bank) -> None:
    node = _el(quiz, "question", type="category")
    _el(_el(node, "category"), "text", category_path(bank.title))
    _html(node, "info", bank.description)
    _el(node, "idnumber", bank_id)


def _comment(text: str) -> etree._Comment:
    """An XML comment may not hold '--' or end with '-'."""
    safe = text.replace("--", "- -").rstrip("-")
    return etree.Comment(f" {safe} ")


def moodle_xml(banks: Sequence[tuple[str, Bank]]) -> MoodleExport:
    """Every question of these (bank id, bank) pairs as one Moodle XML file."""
    quiz = etree.Element("quiz")
    out = MoodleExport(b"")
    for bank_id, bank in banks:
        category_at = len(quiz)
        _category(quiz, bank_id, bank)
        written_before = out.written
        for q in bank.questions:
            qtype = getattr(q, "type", type(q).__name__)
            writer = WRITERS.get(qtype)
            where = idnumber(bank_id, q.id)
            if writer is None:
                reason = f"a '{qtype}' question has no Moodle question type to go into"
                if qtype == "poll":
                    reason = "a poll has no right answer, and Moodle's quiz questions all have one"
                out.notes.append(f"Left out {where} ({qtype}): {reason}.")
                quiz.append(_comment(out.notes[-1]))
                continue
            mark = len(quiz)
            try:
                writer(quiz, bank_id, q)
            except LeftOut as exc:
                del quiz[mark:]
                out.notes.append(f"Left out {where} ({qtype}): {exc}.")
                quiz.append(_comment(out.notes[-1]))
                continue
            out.written += 1
        if out.written == written_before:  # nothing Moodle can hold: no empty category either
            del quiz[category_at]
            out.notes.append(f"Left out the bank '{bank_id}': none of its questions fits Moodle.")
            quiz.append(_comment(out.notes[-1]))
    out.xml = etree.tostring(quiz, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return out
