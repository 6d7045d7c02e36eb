"""The spread of a question's answers: a bar chart (PNG), a short text alternative, and a table.

Colour is never the only cue: a right answer's bar is bluish green with diagonal hatching and its
label starts with ✓; a wrong answer's bar is orange with dots; a poll's bars are all blue (no
answer is right). Items of matching, sorting and ordering questions show "placed right" and
"placed wrong" side by side, each with its own hatching and a legend. Every bar ends in its number.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from typing import Any

from widgets.charts import OKABE_ITO
from widgets.classview.aggregate import QuestionSummary, Row

RIGHT_STYLE = {"color": OKABE_ITO[2], "hatch": "//"}  # bluish green
WRONG_STYLE = {"color": OKABE_ITO[0], "hatch": ".."}  # orange
MISPLACED_STYLE = {"color": OKABE_ITO[5], "hatch": "xx"}  # vermillion
VIEW_STYLE = {"color": OKABE_ITO[4], "hatch": ""}  # blue
UNKNOWN_STYLE = {"color": "#BBBBBB", "hatch": "--"}
FONT = 14.0
DPI = 100
WIDTH_IN = 9.5
LABELS_IN = 4.4  # room for labels wrapped at 38 characters
LINE_IN = 0.24  # one line of label text


@dataclass(frozen=True)
class Spread:
    """A drawn chart and its short text alternative."""

    png: bytes
    alt: str


def _plain(text: str, width: int = 38) -> str:
    """Chart text: wrapped, and a '$' never starts matplotlib's maths mode."""
    short = text if len(text) <= 110 else text[:109].rstrip() + "…"
    return "\n".join(textwrap.wrap(short.replace("$", r"\$"), width)) or " "


def _mark(row: Row) -> str:
    return "✓ " if row.correct else ""


def _percent(n: int, of: int) -> str:
    return f"{round(100 * n / of)}%" if of else "0%"


def draw(summary: QuestionSummary) -> Spread | None:
    """The chart of one question's answers, or None when nobody has answered it yet."""
    if not summary.answered or not summary.rows:
        return None
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    rows = summary.rows
    items = summary.layout == "items"
    labels = [_plain(_mark(r) + r.label) for r in rows]
    # A fixed layout in inches (labels are wrapped to a known width): a layout engine would
    # measure every text first, which costs a third of the drawing time.
    lines = max(label.count("\n") + 1 for label in labels)
    row = max(0.55, LINE_IN * lines + 0.15) * (1.5 if items else 1.0)
    legend = items or (summary.type != "poll" and any(r.correct is not None for r in rows))
    bottom = 0.75 + (0.5 if legend else 0.0)
    height = bottom + 0.25 + row * len(rows)
    with rc_context({"font.size": FONT, "hatch.linewidth": 1.2, "svg.fonttype": "none"}):
        fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
        fig.subplots_adjust(
            left=LABELS_IN / WIDTH_IN,
            right=1 - 0.2 / WIDTH_IN,
            bottom=bottom / height,
            top=1 - 0.25 / height,
        )
        ax = fig.add_subplot()
        ax.set_ylim(-0.6, len(rows) - 0.4)
        ys = list(range(len(rows)))[::-1]
        if items:
            right = ax.barh(
                [y + 0.2 for y in ys],
                [r.count for r in rows],
                height=0.4,
                label="Placed right",
                edgecolor="black",
                **RIGHT_STYLE,
            )
            wrong = ax.barh(
                [y - 0.2 for y in ys],
                [r.wrong or 0 for r in rows],
                height=0.4,
                label="Placed wrong",
                edgecolor="black",
                **MISPLACED_STYLE,
            )
            for bars in (right, wrong):
                ax.bar_label(bars, padding=4, fontsize=FONT - 1)
            fig.legend(loc="lower center", ncols=2, frameon=True)
        else:
            styles = [_style(summary, r) for r in rows]
            bars = ax.barh(
                ys,
                [r.count for r in rows],
                height=0.6,
                edgecolor="black",
                color=[s["color"] for s in styles],
            )
            for bar, style in zip(bars, styles, strict=True):
                bar.set_hatch(style["hatch"])
            ax.bar_label(
                bars,
                [f"{r.count} ({_percent(r.count, summary.answered)})" for r in rows],
                padding=4,
                fontsize=FONT - 1,
            )
            if legend:
                from matplotlib.patches import Patch

                keys = [
                    Patch(
                        facecolor=style["color"],
                        hatch=style["hatch"],
                        edgecolor="black",
                        label=text,
                    )
                    for style, text in (
                        (RIGHT_STYLE, "✓ a right answer"),
                        (WRONG_STYLE, "a wrong answer"),
                    )
                ]
                fig.legend(handles=keys, loc="lower center", ncols=2, frameon=True)
        ax.set_yticks(ys, labels)
        ax.set_xlabel("Learners")
        ax.set_xlim(0, max(1, summary.answered) * 1.25)
        ax.xaxis.get_major_locator().set_params(integer=True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=DPI, facecolor="white")
    return Spread(buf.getvalue(), alt_text(summary))


def _style(summary: QuestionSummary, row: Row) -> dict[str, str]:
    if summary.type == "poll":
        return VIEW_STYLE
    if row.correct is None:
        return UNKNOWN_STYLE
    return RIGHT_STYLE if row.correct else WRONG_STYLE


def alt_text(summary: QuestionSummary) -> str:
    """One or two sentences: what the chart shows and what stands out. The table has the rest."""
    n = summary.answered
    who = f"{n} learner{'s' if n != 1 else ''}"
    if summary.layout == "items":
        worst = max(summary.rows, key=lambda r: r.wrong or 0)
        lead = f"Bar chart of how {who} placed each item, right and wrong."
        if worst.wrong:
            lead += f" Placed wrong most often: “{worst.label}” ({worst.wrong} of {n})."
        else:
            lead += " Every item was placed right."
    else:
        top = max(summary.rows, key=lambda r: r.count)
        kind = {True: ", a right answer", False: ", a wrong answer"}.get(top.correct, "")
        chose = "ticked" if summary.type == "multiple" else "chose"
        lead = f"Bar chart of the answers of {who}. Most {chose} “{top.label}” ({top.count}{kind})."
    return lead + " The table gives every number."


def table(summary: QuestionSummary, names: bool = False) -> dict[str, Any]:
    """The chart's numbers as a table: a caption, column headings and rows of text."""
    n = summary.answered
    if summary.layout == "items":
        columns = ["Item", "Placed right", "Placed wrong"] + (["Placed wrong by"] if names else [])
        rows = [
            [r.label, str(r.count), str(r.wrong or 0)] + (["; ".join(r.names)] if names else [])
            for r in summary.rows
        ]
    else:
        first = "View" if summary.type == "poll" else "Answer"
        verb = "Ticked by" if summary.type == "multiple" else "Chosen by"
        right = summary.type not in ("poll",)
        columns = [first, verb, "Share"] + (["Right answer"] if right else [])
        columns += ["Names"] if names else []
        rows = []
        for r in summary.rows:
            cells = [r.label, str(r.count), _percent(r.count, n)]
            if right:
                cells.append({True: "✓ yes", False: "✗ no"}.get(r.correct, "not known"))
            rows.append(cells + (["; ".join(r.names)] if names else []))
    return {
        "caption": f"Answers of {n} learner{'s' if n != 1 else ''}",
        "columns": columns,
        "rows": rows,
    }
