"""Wording a care assessor would accept: rules that catch words which teach unsafe or wrong practice.

Each rule looks at one unit of text (a question's prompt, an option, a piece of feedback, a Markdown
paragraph or a CSV cell) and says what is wrong and what to write instead. The rules are narrow on
purpose: they catch the phrases that mislead learners, not every use of a word.

    >>> [p.rule for p in problems("Promoting choice is acting in their best interests.")]
    ['best-interests']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Rule:
    """One wording rule: a pattern that flags a sentence, unless the sentence gives the context."""

    id: str
    pattern: re.Pattern[str]
    unless: re.Pattern[str] | None
    problem: str
    expected: str
    whole_unit: bool = False  # look for the context in the whole unit or context, not the sentence


@dataclass(frozen=True)
class Problem:
    rule: str
    sentence: str
    problem: str
    expected: str


def _rx(text: str) -> re.Pattern[str]:
    return re.compile(text, re.I)


RULES: tuple[Rule, ...] = (
    Rule(
        "best-interests",
        _rx(r"\bbest[- ]interests?\b"),
        _rx(r"\bcapacity\b|Mental Capacity Act|\bMCA\b"),
        "says 'best interests' outside a Mental Capacity Act context",
        "'best interests' only for a decision made for someone who lacks capacity (Mental "
        "Capacity Act 2005); otherwise write about the person's own choices and wishes",
        whole_unit=True,
    ),
    Rule(
        "paid-carer",
        _rx(
            r"\b(senior|home|night|day|agency|bank|paid|new|relief|waking|head|"
            r"domiciliary|care[- ]home|professional)\s+carers?\b"
        ),
        None,
        "calls paid staff a 'carer'",
        "'care worker' or 'senior care worker' for paid staff; 'carer' means an unpaid family "
        "carer",
    ),
    Rule(
        "cqc-support",
        _rx(
            r"\b(CQC|Care Quality Commission)\b[^.]*\b(support|advice|advise|counsel|help(s)? you)"
        ),
        _rx(r"\b(not|never|no|nor)\b"),
        "describes the CQC as a source of support or advice",
        "the CQC as the regulator that registers and inspects services in England, and a body "
        "a worker can raise a concern with",
    ),
    Rule(
        "nurse-follows-doctor",
        _rx(
            r"\bnurses?\b[^.]*\b(follow|follows|obey|obeys|act on|acts on|carry out|carries out)"
            r"\b[^.]*\bdoctors?'?s?'?\s+(\w+\s+)?(instructions|orders)"
        ),
        None,
        "says a nurse follows a doctor's instructions",
        "nurses and doctors working in partnership; a registered nurse is accountable for their "
        "own practice (NMC Code) and challenges an instruction they believe is unsafe",
    ),
    Rule(
        "unreasonable-instructions",
        _rx(
            r"\b(follow|follows|obey|obeys|act on|acts on|carry out|carries out)\b[^.]*"
            r"\b(instructions?|decisions?|orders?)\b[^.]*\b(manager|management)"
            r"|\b(manager|management)'?s?\b[^.]*\b(instructions?|decisions?|orders?)\b[^.]*"
            r"\b(follow|obey)"
        ),
        _rx(r"\breasonable\b|\bsafe\b|\bunsafe\b|\braise\b|\bpolicy\b|\bchallenge"),
        "says staff follow a manager's instructions without saying 'reasonable'",
        "staff act on a manager's reasonable instructions within agreed ways of working; an "
        "unsafe instruction is raised and, if need be, reported",
    ),
    Rule(
        "consent-absolute",
        _rx(
            r"\b(never|must not|mustn't|cannot|can't|do not|don't|only)\b[^.]*"
            r"\b(share|shared|sharing|pass on|passed on|tell|told|disclose)\b[^.]*\bconsent\b"
            r"|\bconsent\b[^.]*\b(always|every time)\b[^.]*\b(share|sharing|pass on|tell)"
            r"|\bonly with (the person's |their |his |her )?consent\b"
        ),
        _rx(
            r"\bunless\b|\bexcept\b|safeguard|\bharm\b|\bthe law\b|\blaw\b|need[- ]to[- ]know|"
            r"direct care|where it is needed|when it is needed|where needed|\brisk\b"
        ),
        "teaches consent as the only test for sharing information",
        "share on a need-to-know basis, with consent where it is needed; the law or safety can "
        "require sharing without consent (safeguarding, serious risk of harm) and the team "
        "giving direct care shares what it needs",
        whole_unit=True,
    ),
)


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(" ".join(str(text).split())) if s]


def problems(
    text: str, context: str | None = None, rules: tuple[Rule, ...] = RULES
) -> list[Problem]:
    """Every rule this unit of text breaks, once per sentence.

    `context` is the larger text the unit belongs to (a whole question, a notebook cell): rules
    marked `whole_unit` accept the context they need from anywhere in it.
    """
    found: list[Problem] = []
    unit = " ".join(str(text).split())
    wider = " ".join(str(context).split()) if context is not None else unit
    for sentence in sentences(unit):
        for rule in rules:
            if not rule.pattern.search(sentence):
                continue
            where = wider if rule.whole_unit else sentence
            if rule.unless is not None and rule.unless.search(where):
                continue
            found.append(Problem(rule.id, sentence, rule.problem, rule.expected))
    return found
