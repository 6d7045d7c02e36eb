"""What each question type is called where a tutor reads it (the class view, the answer notes)."""

from __future__ import annotations

TYPE_NAMES = {
    "single": "Choose one",
    "multiple": "Choose all that apply",
    "true_false": "True or false",
    "matching": "Matching",
    "ordering": "Put in order",
    "sorting": "Sort into groups",
    "poll": "Poll (no right answer)",
    "written": "Written answer (marked by the tutor)",
}
