"""Working relationships in health and social care: the package the notebooks import.

    import widgets as wr
    wr.start()                      # the learner's name box
    data = wr.load_dataset()        # validated DataFrames
    wr.quiz("boundaries")           # a quiz from data/quizzes/boundaries.yaml
    wr.dilemma("police-ask-for-records")   # a branching dilemma from data/dilemmas/

Names are loaded on first use (PEP 562), so `import widgets` stays cheap: pandas, matplotlib and
pydantic are imported only by the parts that need them.
"""

from __future__ import annotations

import importlib
from typing import Any

# public name -> "module:attribute" (or "module" for a whole module)
_EXPORTS = {
    "load_dataset": "widgets.dataset:load_dataset",
    "Dataset": "widgets.dataset:Dataset",
    "DataError": "widgets.errors:DataError",
    "DataErrors": "widgets.errors:DataErrors",
    "charts": "widgets.charts",
    "tables": "widgets.tables",
    "start": "widgets.quizzes.api:start",
    "quiz": "widgets.quizzes.api:quiz",
    "generated_quiz": "widgets.quizzes.api:generated_quiz",
    "Quiz": "widgets.quizzes.quiz:Quiz",
    "load_bank": "widgets.quizzes.bank:load_bank",
    "dilemma": "widgets.dilemmas.api:dilemma",
    "load_dilemma": "widgets.dilemmas.api:load_dilemma",
    "check_dilemmas": "widgets.dilemmas.checks:check_dilemmas",
    "class_view": "widgets.classview.page:class_view",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    target = _EXPORTS.get(name)
    if target is None:
        raise AttributeError(f"module 'widgets' has no attribute {name!r}")
    module_name, _, attr = target.partition(":")
    module = importlib.import_module(module_name)
    value = getattr(module, attr) if attr else module
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
