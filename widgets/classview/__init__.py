"""The tutor's live class view: a class's saved answers, per quiz and question, as they come in.

    from widgets.classview import class_view
    class_view()

One job per module: `reading` (a class folder into records), `aggregate` (per quiz and question),
`chart` (the spread as a chart, a text alternative and a table), `panels` (the parts of the page)
and `page` (the page, its controls and its refresh).
"""

from __future__ import annotations

from typing import Any

__all__ = ["class_view", "ClassView"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from widgets.classview import page

        return getattr(page, name)
    raise AttributeError(f"module 'widgets.classview' has no attribute {name!r}")
