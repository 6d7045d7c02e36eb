"""Write the whole printable pack into one folder (`python -m widgets print`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from widgets.exports.banks import load_banks
from widgets.exports.printpack.cards import CardSet, ranking_set, scenario_sets
from widgets.exports.printpack.engine import check_engine, write_pdf
from widgets.exports.printpack.glossary import glossary_path, read_glossary
from widgets.exports.printpack.sheet import sheet_questions
from widgets.exports.printpack.templates import render

#: Cards on one A4 page: two columns, four rows (large print: two rows).
CARDS_PER_PAGE = {False: 8, True: 4}
#: Ruled lines under each question for the learner's reason.
LINES = 3


@dataclass
class PackResult:
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _name(stem: str, large_print: bool) -> str:
    return f"{stem}{'-large-print' if large_print else ''}.pdf"


def write_pack(quizzes: Sequence[str], folder: Path, *, large_print: bool = False) -> PackResult:
    """Every PDF for these banks (none named = every bank) into ``folder``."""
    banks = load_banks(quizzes)
    check_engine()
    from widgets.dataset import load_dataset

    dataset = load_dataset()
    folder.mkdir(parents=True, exist_ok=True)
    result = PackResult()

    def pdf(stem: str, template: str, **context) -> None:
        html = render(template, large_print=large_print, **context)
        result.files.append(write_pdf(html, folder / _name(stem, large_print)))

    for bank_id, bank in banks:
        questions = sheet_questions(bank_id, list(bank.questions))
        pdf(
            f"{bank_id}-worksheet",
            "worksheet.html.j2",
            doc_title=f"{bank.title}: worksheet",
            description=bank.description,
            questions=questions,
            hints=[q for q in questions if q.hint],
            lines=LINES,
        )
        pdf(
            f"{bank_id}-answer-key",
            "answer-key.html.j2",
            doc_title=f"{bank.title}: answer key",
            questions=questions,
        )

    sets: list[CardSet] = [*scenario_sets(banks), ranking_set(dataset)]
    for card_set in sets:
        pdf(
            f"cards-{card_set.slug}",
            "cards.html.j2",
            doc_title=f"Card sort: {card_set.title}",
            card_set=card_set,
            per_page=CARDS_PER_PAGE[large_print],
        )

    from widgets.exports.printpack.figures import comparison_figures

    pdf(
        "comparison-charts",
        "charts.html.j2",
        doc_title="Comparing working relationships",
        landscape=True,
        figures=comparison_figures(dataset),
    )

    path = glossary_path()
    if path.exists():
        pdf("glossary", "glossary.html.j2", doc_title="Glossary", terms=read_glossary(path))
    else:
        result.notes.append(
            f"No glossary in the pack: {path} was not found. Add it (a CSV file with the "
            "columns term and meaning) and run the command again to include the glossary."
        )
    return result
