"""Is a question a scenario? Does it name a person, and which care setting does it happen in?

Used for the question-quality figures (`widgets.quizzes.quality`) and the tests that keep the banks
mostly scenarios from every setting. These are plain text checks, so they give figures, not verdicts.
"""

from __future__ import annotations

import re

SETTINGS: dict[str, re.Pattern[str]] = {
    "home-care": re.compile(
        r"\bhome care\b|\bdomiciliary\b|\bin (his|her|their) own home\b|\bat home\b|"
        r"\bhome visit|\bpersonal assistant\b",
        re.I,
    ),
    "residential-home": re.compile(r"\bcare home\b|\bresidential (home|care)\b", re.I),
    "nursing-home": re.compile(r"\bnursing home\b", re.I),
    "hospital-ward": re.compile(r"\bward\b|\bhealthcare assistant\b", re.I),
    "supported-living": re.compile(r"\bsupported living\b", re.I),
    "day-service": re.compile(r"\bday (centre|service)s?\b", re.I),
}

_TITLE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Mx|Dr)\.? [A-Z]")
_WORD = re.compile(r"\b[A-Z][a-z]+(?:'s)?\b")
# Capitalised words that are not first names: sentence openers and the names of places, laws,
# bodies and days a prompt may use.
_NOT_NAMES = frozenset(
    """
    A An The This That These Those What Which Who Whom Whose When Where Why How Is Are Was Were Do
    Does Did Can Could Should Would Will May Might Must Has Have Had If In On At By For From To With
    Without After Before During While Since Until Your You He She They It We I His Her Their Its Our
    My One Two Three Four Five Six Seven Some Each Every All Any Most Many Few No Not Put Match Sort
    Choose Pick Tick Read Think Look Give Tell Say Find Write Check Try Show Hint True False Yes
    Later Today Tonight Now Then Next Last First Second Third Also Only Both Either Neither Here
    There As So But And Or Nor Because Although Though Once Again Care Staff Home Hospital Team
    Leader Manager Nurse Doctor Worker Workers Service Services Social Health Act Code Conduct
    Commission Quality Data Protection General Regulation Caldicott Mental Capacity Public Interest
    Disclosure Independent Advocate Advocates Speech Language Therapist Therapists England English
    Wales Welsh Scotland Scottish Northern Ireland Irish Britain British Kingdom United Sign Council
    Level Diploma Certificate Skills Christmas Easter Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday January February March April June July August September October November
    December Diwali Eid Ramadan Hanukkah Principle Principles Standard Standards Guardian Direct
    Payment Payments Personal Assistant Agency Bank District Pharmacist Interpreter Occupational
    Physiotherapist Paramedic Psychologist Volunteer Volunteers Families Family Carers Carer
    External Professional Professionals Colleague Colleagues Individual Individuals Resident
    Residents Safeguarding Adults Board Record Records Policy Procedure Ward Day Centre Supported
    Living Nursing Residential Whistleblowing Confidentiality Consent Someone Everyone Nobody
    Under Over About Between Among Through Against Around Behind Near Within Outside Inside Like
    Unlike Except Councils Council People Person Staff Work Working Relationship Relationships
    """.split()
)


def names_a_person(text: str) -> bool:
    """True when the text names someone: a title such as Mr or Mrs, or a first name."""
    if _TITLE.search(text):
        return True
    for word in _WORD.findall(text):
        if word.removesuffix("'s") not in _NOT_NAMES:
            return True
    return False


def settings_named(text: str) -> list[str]:
    """The care settings the text names, as ids of `SETTINGS`."""
    return [sid for sid, pattern in SETTINGS.items() if pattern.search(text)]
