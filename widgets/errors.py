"""Errors that explain bad data in one plain sentence.

A :class:`DataError` names the file, the line (as a text editor numbers it: the header is line 1),
the thing the line belongs to (a question, a resource), the column or field, the bad value and what
was expected, for example::

    data/ratings.csv, line 14, column 'score': the value '7' is out of range; expected a whole
    number from 0 to 4.

    data/quizzes/boundaries.yaml, line 12, question 'gift-cash', field 'type': the value 'singel'
    is not a question type; expected one of: single, multiple.

The class is generic: the question-bank checker uses it with ``item="question 'gift-cash'"`` and
``column_word="field"``.
"""

from __future__ import annotations

from collections.abc import Iterable

_MAX_VALUE_CHARS = 60


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``count(1, "problem")`` -> '1 problem'; ``count(3, "problem")`` -> '3 problems'."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


def _show(value: object) -> str:
    text = str(value)
    if len(text) > _MAX_VALUE_CHARS:
        text = text[: _MAX_VALUE_CHARS - 1] + "…"
    text = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
    return f"'{text}'"


class DataError(ValueError):
    """One problem in a data file, described in one sentence.

    ``problem`` is a phrase that follows "the value '…'" when ``value`` is given
    (e.g. ``"is out of range"``), or stands alone when it is not (e.g. ``"the file is missing"``).
    """

    def __init__(
        self,
        file: object,
        problem: str,
        *,
        line: int | None = None,
        column: str | None = None,
        value: object | None = None,
        expected: str | None = None,
        column_word: str = "column",
        item: str | None = None,
    ) -> None:
        self.file = str(file)
        self.problem = problem
        self.line = line
        self.column = column
        self.value = value
        self.expected = expected
        self.column_word = column_word
        self.item = item
        super().__init__(self.message)

    @property
    def location(self) -> str:
        """Where the problem is: ``file, line N, question 'q', field 'f'`` (the parts that apply)."""
        parts = [self.file]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.item:
            parts.append(self.item)
        if self.column is not None:
            parts.append(f"{self.column_word} '{self.column}'")
        return ", ".join(parts)

    @property
    def message(self) -> str:
        """The whole sentence, ending with a full stop."""
        what = self.problem
        if self.value is not None and self.value != "":
            what = f"the value {_show(self.value)} {self.problem}"
        text = f"{self.location}: {what}"
        if self.expected:
            text += f"; expected {self.expected}"
        return text.rstrip(".") + "."

    def __str__(self) -> str:
        return self.message

    def __reduce__(self):  # keep pickling (e.g. pytest-xdist) working with keyword arguments
        return (_rebuild, (type(self), self.__dict__.copy()))


def _rebuild(cls: type, state: dict) -> DataError:
    obj = cls.__new__(cls)
    obj.__dict__.update(state)
    ValueError.__init__(obj, str(obj))
    return obj


class DataErrors(DataError):
    """Several :class:`DataError` at once; ``str()`` lists them one per line.

    Its own ``file``, ``line``, ``column``, ``value`` and ``expected`` are those of the first error,
    so code that catches ``DataError`` can treat it like one.
    """

    MAX_SHOWN = 25

    def __init__(self, errors: Iterable[DataError]) -> None:
        self.errors: list[DataError] = list(errors)
        if not self.errors:
            raise ValueError("DataErrors needs at least one DataError")
        first = self.errors[0]
        super().__init__(
            first.file,
            first.problem,
            line=first.line,
            column=first.column,
            value=first.value,
            expected=first.expected,
            column_word=first.column_word,
            item=first.item,
        )

    @property
    def message(self) -> str:
        shown = [e.message for e in self.errors[: self.MAX_SHOWN]]
        more = len(self.errors) - len(shown)
        if more > 0:
            shown.append(f"… and {more} more.")
        return f"{count(len(self.errors), 'problem')} in the data:\n" + "\n".join(shown)


def flatten(error: DataError) -> list[DataError]:
    """The single problems inside ``error`` (itself, or every one a :class:`DataErrors` holds)."""
    return list(error.errors) if isinstance(error, DataErrors) else [error]


def raise_all(errors: list[DataError]) -> None:
    """Raise nothing, the one error, or a :class:`DataErrors` holding them all."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise DataErrors(errors)
