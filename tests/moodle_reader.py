"""Read a Moodle XML file back into the collection's question models (for the export tests).

Every HTML text is parsed as HTML: the tests use :data:`MARKUP` to check that nothing from a bank
became markup (only the export's own ``<br>`` and definition lists appear).
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

from lxml import etree
from lxml import html as lhtml

from widgets.quizzes.models import Bank

#: Elements the exporter itself writes into HTML texts; anything else came from a bank.
OWN_TAGS = {"div", "br", "dl", "dt", "dd"}


def parse(data: bytes | Path) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    raw = data.read_bytes() if isinstance(data, Path) else data
    return etree.fromstring(raw, parser)


def html_tags(fragment: str) -> set[str]:
    """Every element name in an HTML fragment."""
    if not fragment.strip():
        return set()
    root = lhtml.fragment_fromstring(fragment, create_parent="div")
    return {el.tag for el in root.iter() if isinstance(el.tag, str)}


def plain(fragment: str | None) -> str:
    """What a person reads: the exporter's line breaks back to newlines, entities decoded."""
    text = (fragment or "").replace("<br>\n", "\n")
    assert html_tags(text) <= {"div"}, f"markup in a text: {fragment!r}"
    return html.unescape(text)


def html_text(node: etree._Element | None) -> str:
    return plain(node.findtext("text") if node is not None else "")


def why_list(fragment: str) -> list[tuple[str, str]]:
    """The general feedback's <dl>: (term, reason) pairs."""
    if not fragment.strip():
        return []
    root = lhtml.fragment_fromstring(fragment, create_parent="div")
    terms = [t.text_content() for t in root.iter("dt")]
    reasons = [d.text_content() for d in root.iter("dd")]
    assert len(terms) == len(reasons)
    return list(zip(terms, reasons, strict=True))


def _common(q: etree._Element) -> dict:
    bank_id, _, qid = q.findtext("idnumber").partition(":")
    data = {
        "id": qid,
        "sections": [t.findtext("text") for t in q.iterfind("tags/tag")],
        "prompt": html_text(q.find("questiontext")),
    }
    hint = q.find("hint")
    if hint is not None:
        data["hint"] = html_text(hint)
    return data


def _answer_text(a: etree._Element) -> str:
    return plain(a.findtext("text"))


def question(q: etree._Element) -> dict:
    """One <question> as the dict a bank's YAML would hold for it."""
    kind = q.get("type")
    data = _common(q)
    answers = q.findall("answer")
    if kind == "multichoice":
        single = q.findtext("single") == "true"
        data["type"] = "single" if single else "multiple"
        data["options"] = [
            {
                "text": _answer_text(a),
                "correct": float(a.get("fraction")) > 0,
                "feedback": html_text(a.find("feedback")),
            }
            for a in answers
        ]
    elif kind == "truefalse":
        by_word = {a.findtext("text"): a for a in answers}
        data.update(
            type="true_false",
            answer=float(by_word["true"].get("fraction")) == 100,
            feedback_true=html_text(by_word["true"].find("feedback")),
            feedback_false=html_text(by_word["false"].find("feedback")),
        )
    elif kind == "matching":
        why = [reason for _, reason in why_list(q.find("generalfeedback").findtext("text") or "")]
        subs = [(html_text(s), plain(s.findtext("answer/text"))) for s in q.iterfind("subquestion")]
        pairs = [(left, right) for left, right in subs if left]
        distractors = [right for left, right in subs if not left]
        rights = [right for _, right in pairs]
        if len(set(rights)) == len(rights):
            data.update(
                type="matching",
                pairs=[
                    {"left": left, "right": right, "feedback": reason}
                    for (left, right), reason in zip(pairs, why, strict=True)
                ],
                distractors=distractors,
            )
        else:  # several items share an answer: a sorting question
            labels = list(dict.fromkeys(rights + distractors))
            ids = {label: f"c{n}" for n, label in enumerate(labels)}
            data.update(
                type="sorting",
                categories=[{"id": ids[label], "label": label} for label in labels],
                items=[
                    {"text": left, "category": ids[right], "feedback": reason}
                    for (left, right), reason in zip(pairs, why, strict=True)
                ],
            )
    elif kind == "ordering":
        data.update(
            type="ordering",
            items=[
                {"text": _answer_text(a), "feedback": html_text(a.find("feedback"))}
                for a in answers
            ],
        )
    elif kind == "essay":
        marker = why_list(q.find("graderinfo").findtext("text") or "")
        template = html_text(q.find("responsetemplate"))
        data.update(
            type="written",
            criterion=next(value for term, value in marker if term == "Criterion"),
            frame=template.split("\n") if template else [],
            min_words=int(q.findtext("minwordlimit")),
            self_check=[value for term, value in marker if term == "Self-check"],
            model_answer=next(value for term, value in marker if term == "Model answer"),
        )
        assert html_text(q.find("generalfeedback")) == data["model_answer"]
        if q.findtext("maxwordlimit"):
            data["max_words"] = int(q.findtext("maxwordlimit"))
    else:
        raise AssertionError(f"unexpected question type {kind!r}")
    return data


def category_title(q: etree._Element) -> str:
    path = q.findtext("category/text")
    assert path.startswith("$course$/top/"), path
    return html.unescape(path.removeprefix("$course$/top/").replace("//", "/"))


def banks(root: etree._Element) -> Iterator[tuple[str, Bank, list[etree._Element]]]:
    """(bank id, Bank rebuilt with pydantic, the <question> elements) per category."""
    current: dict | None = None
    elements: list[etree._Element] = []
    for q in root.iterfind("question"):
        if q.get("type") == "category":
            if current is not None:
                yield current["id"], Bank.model_validate(current["bank"]), elements
            current = {
                "id": q.findtext("idnumber"),
                "bank": {
                    "title": category_title(q),
                    "description": html_text(q.find("info")),
                    "questions": [],
                },
            }
            elements = []
            continue
        assert current is not None, "a question came before any category"
        current["bank"]["questions"].append(question(q))
        elements.append(q)
    if current is not None:
        yield current["id"], Bank.model_validate(current["bank"]), elements
