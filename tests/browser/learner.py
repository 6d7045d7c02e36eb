"""A learner's hands in the browser: answer the project's question widget right or wrong, with the
mouse or with the keyboard alone, and read back what the page says.

The answer key comes from the question's model (the YAML bank, or the generator with the notebook's
own arguments), never from the page: the page shuffles options and holds no key. Answers are
chosen by the TEXT the learner sees (label text, option text, item text).

    quizzes = quizzes_in_notebook(path)           # the quizzes a notebook shows, in page order
    q = page.locator(".wr-quiz").nth(0).locator(".wrq").nth(0)
    expected = answer(q, quizzes[0].questions[0], right=False)   # choose and press Check answer
    verdict, details = wait_checked(q)                           # what the feedback says
    assert verdict == expected.verdict and details == expected.details
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

NOTEBOOKS_DIR = Path(__file__).resolve().parents[2] / "notebooks"
CHECK_TIMEOUT_MS = 30_000

RIGHT_PREFIX = "✓ Correct"
WRONG_PREFIXES = ("✗", "◐")


def norm(text: str | None) -> str:
    """Whitespace as a browser's textContent comparison should see it."""
    return " ".join((text or "").split())


# --------------------------------------------------------------------------- answer keys


@dataclass
class QuizModel:
    """One quiz a notebook shows: the id answers are saved under and its questions in order."""

    quiz_id: str
    questions: list[Any]
    call: str = ""  # the notebook's call, for messages
    mini: bool = False  # a mini-quiz shows only its questions (no header, progress or summary)


def _literal_args(call: ast.Call) -> tuple[list[Any], dict[str, Any]]:
    args = [ast.literal_eval(a) for a in call.args]
    kwargs = {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg}
    return args, kwargs


def _bank_from_notebook_text(sources: list[str], bank_id: str):
    """A bank the notebook writes itself (notebook 08 writes `placements.yaml` into a copy)."""
    from widgets.quizzes.models import Bank

    if not any(f"{bank_id}.yaml" in src for src in sources):
        raise LookupError(f"no bank '{bank_id}' in data/quizzes and none written by the notebook")
    for src in sources:
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if "questions:" not in node.value:
                    continue
                try:
                    data = yaml.safe_load(node.value)
                    return Bank.model_validate(data)
                except Exception:  # noqa: S112 - not this string; try the next one
                    continue
    raise LookupError(f"bank '{bank_id}' is named but its YAML text was not found in the notebook")


def quizzes_in_notebook(path: str | Path) -> list[QuizModel]:
    """Every `wr.quiz(...)` / `wr.generated_quiz(...)` call in the notebook's code cells, in order,
    turned into the questions that quiz shows (the same selection `widgets.quizzes.api` makes)."""
    from widgets.quizzes.bank import banks_dir, load_bank

    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    sources = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    out: list[QuizModel] = []
    for src in sources:
        calls = [
            node
            for node in ast.walk(ast.parse(src))
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "wr"
            and node.func.attr in ("quiz", "generated_quiz")
        ]
        for call in sorted(calls, key=lambda c: (c.lineno, c.col_offset)):
            args, kwargs = _literal_args(call)
            text = ast.get_source_segment(src, call) or ""
            mini = kwargs.pop("mini", None)
            if call.func.attr == "generated_quiz":
                questions = generated_questions(*args, **kwargs)
                out.append(QuizModel("generated", questions, text, mini is not False))
                continue
            bank_id = args[0]
            if (banks_dir() / f"{bank_id}.yaml").is_file():
                bank = load_bank(bank_id)
            else:
                bank = _bank_from_notebook_text(sources, bank_id)
            questions = list(bank.questions)
            if kwargs.get("ids") is not None:
                questions = [bank.get(i) for i in kwargs["ids"]]
            if kwargs.get("section") is not None:
                questions = [q for q in questions if kwargs["section"] in q.sections]
            if mini is None:
                mini = kwargs.get("ids") is not None or kwargs.get("section") is not None
            out.append(QuizModel(bank_id, questions, text, mini))
    return out


def generated_questions(
    kinds=("most", "least", "order", "example"),
    *,
    features=None,
    limit: int | None = 6,
    seed: int = 0,
    title: str = "",
) -> list[Any]:
    """The questions `wr.generated_quiz(...)` shows for these arguments (same defaults)."""
    import widgets
    from widgets.quizzes.generate import generate

    questions = generate(widgets.load_dataset(), kinds=kinds, features=features, seed=seed)
    return questions[:limit] if limit is not None else questions


# --------------------------------------------------------------------------- what to choose


@dataclass
class Expected:
    """An answer in the bank's own (canonical) terms and what the page must then show."""

    selection: list[int]
    verdict: str
    details: list[str]
    score: float
    correct: bool
    answer_text: str
    feedback: list[str] = field(default_factory=list)  # the explaining texts alone


def right_selection(model) -> list[int]:
    t = model.type
    if t in ("single", "multiple"):
        return [i for i, o in enumerate(model.options) if o.correct]
    if t == "true_false":
        return [0 if model.answer else 1]
    if t == "matching":
        return list(range(len(model.pairs)))
    if t == "sorting":
        ids = [c.id for c in model.categories]
        return [ids.index(item.category) for item in model.items]
    if t == "ordering":
        return list(range(len(model.items)))
    if t == "poll":
        return [0]  # no right answer: the first view
    raise ValueError(t)


def wrong_selection(model) -> list[int]:
    t = model.type
    if t in ("single", "multiple"):
        return [next(i for i, o in enumerate(model.options) if not o.correct)]
    if t == "true_false":
        return [1 if model.answer else 0]
    if t == "matching":
        n = len(model.pairs)
        return [(j + 1) % n for j in range(n)]
    if t == "sorting":
        right = right_selection(model)
        return [(c + 1) % len(model.categories) for c in right]
    if t == "ordering":
        return list(reversed(range(len(model.items))))
    if t == "poll":
        return [len(model.options) - 1]  # no wrong answer: the last view
    raise ValueError(t)


def expected(model, selection: list[int]) -> Expected:
    grade = model.grade(selection)
    details = [
        norm(f"{d.symbol} {'Right: ' if d.ok else 'Not right: '}{d.item} — {d.feedback}")
        for d in grade.details
    ]
    return Expected(
        selection=selection,
        verdict=norm(grade.verdict),
        details=details,
        score=round(grade.score, 4),
        correct=grade.correct,
        answer_text=model.describe(selection),
        feedback=[norm(d.feedback) for d in grade.details],
    )


def _targets(model, selection: list[int]) -> dict[str, Any]:
    """The selection as the texts a learner sees on the page."""
    t = model.type
    if t in ("single", "multiple", "poll"):
        return {"choose": [norm(model.options[i].text) for i in selection]}
    if t == "true_false":
        return {"choose": ["True" if selection[0] == 0 else "False"]}
    if t == "matching":
        choices = model.choices()
        return {
            "rows": {
                norm(p.left): norm(choices[c]) for p, c in zip(model.pairs, selection, strict=True)
            }
        }
    if t == "sorting":
        return {
            "rows": {
                norm(item.text): norm(model.categories[c].label)
                for item, c in zip(model.items, selection, strict=True)
            }
        }
    if t == "ordering":
        return {"order": [norm(model.items[i].text) for i in selection]}
    raise ValueError(t)


# --------------------------------------------------------------------------- reading the page


def texts(locator) -> list[str]:
    return [norm(x) for x in locator.evaluate_all("els => els.map(e => e.textContent)")]


def _index_of(items: list[str], wanted: str, what: str) -> int:
    try:
        return items.index(wanted)
    except ValueError:
        raise AssertionError(f"{what} {wanted!r} not on the page; the page shows {items}") from None


def wait_checked(q, timeout_ms: int = CHECK_TIMEOUT_MS) -> tuple[str, list[str]]:
    """Wait until the kernel has graded question `q`; return (verdict, detail lines)."""
    q.page.wait_for_function(
        "el => el.dataset.state === 'checked' && !!el.querySelector('.wrq-verdict')",
        arg=q.element_handle(),
        timeout=timeout_ms,
    )
    verdict = norm(q.locator(".wrq-verdict").text_content())
    return verdict, texts(q.locator("ul.wrq-details li"))


def wait_open(q, timeout_ms: int = CHECK_TIMEOUT_MS) -> None:
    q.page.wait_for_function(
        "el => el.dataset.state === 'open' && !el.querySelector('.wrq-verdict')",
        arg=q.element_handle(),
        timeout=timeout_ms,
    )


# --------------------------------------------------------------------------- the mouse


def _mouse(q, targets: dict[str, Any], qtype: str) -> None:
    if "choose" in targets:
        labels = q.locator("label.wrq-option")
        shown = texts(labels)
        want = set(targets["choose"])
        for wanted in want:
            _index_of(shown, wanted, "option")
        for i, text in enumerate(shown):
            box = labels.nth(i).locator("input")
            if qtype == "multiple":
                box.set_checked(text in want)
            elif text in want:
                box.check()
    elif "rows" in targets:
        rows = q.locator(".wrq-row")
        row_labels = texts(rows.locator("label"))
        for label_text, option_text in targets["rows"].items():
            select = rows.nth(_index_of(row_labels, label_text, "row")).locator("select")
            options = texts(select.locator("option"))
            value = select.locator("option").nth(_index_of(options, option_text, "choice"))
            select.select_option(value.get_attribute("value"))
    else:
        order = targets["order"]
        for pos, wanted in enumerate(order):
            shown = texts(q.locator(".wrq-order-item .wrq-item-text"))
            now = _index_of(shown, wanted, "item")
            for _ in range(now - pos):
                item = q.locator(".wrq-order-item").nth(now)
                item.locator("button.wrq-up").click()
                now -= 1
        assert texts(q.locator(".wrq-order-item .wrq-item-text")) == order


# --------------------------------------------------------------------------- the keyboard

_DIRECTION = """([target]) => {
    const a = document.activeElement;
    if (!a || a === document.body || a === document.documentElement) return 'Tab';
    if (a === target || target.contains(a)) return 'none';
    return (a.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING)
        ? 'Tab' : 'Shift+Tab';
}"""


def active_is(page, handle) -> bool:
    return page.evaluate("([t]) => document.activeElement === t", [handle])


def tab_to(page, locator, *, inside: bool = False, max_presses: int = 80) -> None:
    """Press Tab (or Shift+Tab, whichever way the element lies) until it has focus.

    With ``inside=True`` focus anywhere inside the element is enough (a radio group is one Tab
    stop: Tab lands on its checked radio, or the first one)."""
    handle = locator.element_handle()
    check = (
        "([t]) => t === document.activeElement || t.contains(document.activeElement)"
        if inside
        else "([t]) => t === document.activeElement"
    )
    for _ in range(max_presses):
        if page.evaluate(check, [handle]):
            return
        key = page.evaluate(_DIRECTION, [handle])
        page.keyboard.press("Tab" if key == "none" else key)
    raise AssertionError(f"Tab never reached {locator} in {max_presses} presses")


_ACTIVE_LABEL = """() => {
    const a = document.activeElement;
    const label = a && a.closest('label');
    return label ? label.textContent : null;
}"""


_OPEN = "s => { try { return s.matches(':open'); } catch (e) { return false; } }"
_FOCUSED_OPTION = "s => [...s.options].indexOf(document.activeElement)"


def _pick_by_keyboard(page, select, want: int) -> None:
    """Choose option ``want`` of a focused dropdown with the keys a learner uses.

    A classic closed <select> changes its choice with the arrow keys. A styled one
    (appearance: base-select) opens its list on ArrowDown: the arrows move through the list and
    Enter chooses, giving focus back to the dropdown."""
    if select.evaluate("s => s.selectedIndex") == want:
        return
    page.keyboard.press("ArrowDown")
    if select.evaluate(_OPEN):
        for _ in range(select.evaluate("s => s.options.length") + 1):
            now = select.evaluate(_FOCUSED_OPTION)
            if now == want:
                break
            page.keyboard.press("ArrowDown" if now < want else "ArrowUp")
        page.keyboard.press("Enter")
        assert not select.evaluate(_OPEN) and active_is(page, select.element_handle())
        return
    for _ in range(select.evaluate("s => s.options.length") + 1):
        now = select.evaluate("s => s.selectedIndex")
        if now == want:
            break
        page.keyboard.press("ArrowDown" if now < want else "ArrowUp")


def _keyboard(q, targets: dict[str, Any], qtype: str) -> None:
    page = q.page
    if "choose" in targets and qtype != "multiple":
        (wanted,) = targets["choose"]
        tab_to(page, q.locator(".wrq-body"), inside=True)
        n = q.locator("input[type=radio]").count()
        for _ in range(n + 1):
            if norm(page.evaluate(_ACTIVE_LABEL)) == wanted:
                break
            page.keyboard.press("ArrowDown")  # moves to the next radio and chooses it
        else:
            raise AssertionError(f"arrow keys never reached option {wanted!r}")
        if not page.evaluate("() => document.activeElement.checked"):
            page.keyboard.press("Space")
        assert page.evaluate("() => document.activeElement.checked")
    elif "choose" in targets:
        labels = q.locator("label.wrq-option")
        for i, text in enumerate(texts(labels)):
            box = labels.nth(i).locator("input")
            if box.is_checked() != (text in targets["choose"]):
                tab_to(page, box)
                page.keyboard.press("Space")
            assert box.is_checked() == (text in targets["choose"])
    elif "rows" in targets:
        rows = q.locator(".wrq-row")
        row_labels = texts(rows.locator("label"))
        for label_text, option_text in targets["rows"].items():
            select = rows.nth(_index_of(row_labels, label_text, "row")).locator("select")
            options = texts(select.locator("option"))
            want = _index_of(options, option_text, "choice")
            tab_to(page, select)
            _pick_by_keyboard(page, select, want)
            assert select.evaluate("s => s.selectedIndex") == want, (label_text, option_text)
    else:
        order = targets["order"]
        for pos, wanted in enumerate(order):
            shown = texts(q.locator(".wrq-order-item .wrq-item-text"))
            now = _index_of(shown, wanted, "item")
            if now == pos:
                continue
            tab_to(page, q.locator(".wrq-order-item").nth(now).locator("button.wrq-up"))
            for step in range(now - pos):
                page.keyboard.press("Enter" if step % 2 == 0 else "Space")
                # Focus stays on the moved item's Move up button, now one place higher.
                focused = page.evaluate(
                    "() => document.activeElement.getAttribute('aria-label') || ''"
                )
                assert focused == f"Move up: {wanted}" or norm(focused) == norm(
                    f"Move up: {wanted}"
                ), f"focus left the moved item: {focused!r}"
                item = q.locator(".wrq-order-item").nth(now - step - 1)
                assert active_is(page, item.locator("button.wrq-up").element_handle())
        assert texts(q.locator(".wrq-order-item .wrq-item-text")) == order


# --------------------------------------------------------------------------- answering


def choose(q, model, selection: list[int], *, keyboard: bool = False) -> None:
    """Put `selection` (canonical terms) into question `q` without checking it."""
    targets = _targets(model, selection)
    (_keyboard if keyboard else _mouse)(q, targets, model.type)


def _press(q, selector: str, keyboard: bool) -> None:
    button = q.locator(selector)
    if keyboard:
        tab_to(q.page, button)
        q.page.keyboard.press("Enter")
    else:
        button.click()


def press_check(q, *, keyboard: bool = False) -> None:
    _press(q, "button.wrq-check", keyboard)


def press_retry(q, *, keyboard: bool = False) -> None:
    _press(q, "button.wrq-retry", keyboard)
    wait_open(q)


def answer(q, model, right: bool = True, keyboard: bool = False) -> Expected:
    """Answer question `q` (a locator of one `.wrq`) right or wrong and press Check answer.

    Returns what the page must show; call `wait_checked(q)` to read what it does show."""
    assert q.get_attribute("data-question-id") == model.id, (
        f"page shows question {q.get_attribute('data-question-id')!r}, expected {model.id!r}"
    )
    selection = right_selection(model) if right else wrong_selection(model)
    choose(q, model, selection, keyboard=keyboard)
    press_check(q, keyboard=keyboard)
    return expected(model, selection)


# --------------------------------------------------------------------------- written answers

WRITTEN_SAVED = """([el, text]) => {
    const box = el.querySelector('textarea.wrw-text');
    return box && box.value === text && el.dataset.pending !== 'yes'
        && !!el.dataset.sent && el.dataset.sent === el.dataset.saves;
}"""


def write_answer(q, text: str, *, keyboard: bool = False, timeout_ms: int = CHECK_TIMEOUT_MS):
    """Write `text` in written question `q` (replacing the sentence starters) and wait until the
    kernel has answered the last draft the page sent (saved, or the warning). Returns "yes" or "no"."""
    box = q.locator("textarea.wrw-text")
    if keyboard:
        tab_to(q.page, box)
        q.page.keyboard.press("Control+A")
        q.page.keyboard.press("Delete")
        for n, line in enumerate(text.split("\n")):
            if n:
                q.page.keyboard.press("Enter")
            q.page.keyboard.type(line)
    else:
        box.fill(text)
    q.page.wait_for_function(WRITTEN_SAVED, arg=[q.element_handle(), text], timeout=timeout_ms)
    return q.get_attribute("data-saved")


def written_status(q) -> str:
    return norm(q.locator(".wrw-status").text_content())


# --------------------------------------------------------------------------- quiz and learner


def progress_text(answered: int, total: int, right: int, partly: int = 0) -> str:
    """The progress sentence a learner reads: '2 of 5 questions answered: 1 right, 1 not right yet.'"""
    head = f"{answered} of {total} questions answered"
    if not answered:
        return head + "."
    wrong = answered - right - partly
    parts = [f"{right} right"]
    parts += [f"{partly} partly right"] if partly else []
    parts += [f"{wrong} not right yet"] if wrong else []
    return f"{head}: {', '.join(parts)}."


def wait_progress(
    quiz, answered: int, total: int, right: int, partly: int = 0, timeout_ms: int = 30_000
):
    """Wait until the quiz's one progress bar and its words show this progress."""
    want = progress_text(answered, total, right, partly)
    quiz.page.wait_for_function(
        """([el, n, want]) => {
            const bars = el.querySelectorAll('[role=progressbar]');
            const words = el.querySelectorAll('.wrq-progress-text');
            return bars.length === 1 && words.length === 1
                && bars[0].getAttribute('aria-valuenow') === String(n)
                && bars[0].getAttribute('aria-valuetext') === want
                && words[0].textContent.replace(/\\s+/g, ' ').trim() === want;
        }""",
        arg=[quiz.element_handle(), answered, want],
        timeout=timeout_ms,
    )


def wait_summary(quiz, lines: list[str], timeout_ms: int = 30_000) -> None:
    """Wait until the quiz's summary shows exactly these paragraphs (the final state a learner
    reads; progress and summary arrive in one update, and this waits for both)."""
    quiz.page.wait_for_function(
        """([el, want]) => {
            const box = el.querySelector('.wrq-summary');
            if (!box) return false;
            const got = [...box.querySelectorAll('p')]
                .map(p => p.textContent.replace(/\\s+/g, ' ').trim());
            return JSON.stringify(got) === JSON.stringify(want);
        }""",
        arg=[quiz.element_handle(), lines],
        timeout=timeout_ms,
    )


DEFAULT_PIN = "2468"


def set_learner(
    page, name: str, pin: str = DEFAULT_PIN, *, refused: bool = False, timeout_ms: int = 30_000
) -> str:
    """Type a name in the 'Your name' box (and the PIN, on a class server), press Save my name,
    wait until the status line says the answers are saved for that name; return that line.

    The one place tests drive a learner's identity: on a learner's own computer the box has a
    name only; on a class server a name and a PIN (4 to 8 digits) claimed the first time. With
    ``refused=True`` wait instead for the warning that the name was not taken (a wrong PIN)."""
    form = page.locator("form.wrq-learner")
    assert form.count() == 1, f"expected one name box on the page, found {form.count()}"
    status = form.locator(".wrq-learner-status")
    form.locator("input[type=text]").fill(name)
    pin_box = form.locator("input.wrq-pin")
    if pin_box.count():
        pin_box.fill(pin)
    replies = status.get_attribute("data-replies") or "0"
    form.get_by_role("button", name="Save my name").click()
    # The kernel counts its replies to Save my name: wait for this press's reply.
    page.wait_for_function(
        "([el, n]) => el.dataset.replies !== n",
        arg=[status.element_handle(), replies],
        timeout=timeout_ms,
    )
    text = norm(status.text_content())
    if refused:
        assert text.startswith("⚠"), f"the name {name!r} was taken: {text!r}"
    else:
        want = f"Saving answers for {' '.join(name.split())}."
        assert text.startswith(want), f"expected {want!r}, the page says {text!r}"
    return text
