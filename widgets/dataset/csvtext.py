"""Turn a CSV file's bytes into records, each with the line a text editor shows it on.

Excel's "CSV UTF-8" byte-order mark is accepted; any other encoding is refused with the line, the
column and the bytes around the first character that is not UTF-8.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from widgets.errors import DataError

_BAD_BYTES = re.compile("[\udc80-\udcff]")
Record = tuple[int, list[str]]  # (first line of the record, its cells)


class CsvProblem(Exception):
    """The text cannot be split into records; ``line`` is where reading stopped."""

    def __init__(self, why: str, line: int) -> None:
        super().__init__(why)
        self.why = why
        self.line = line


def records(text: str, keep_blank: bool = False) -> Iterator[Record]:
    """Yield (first line of the record, cells) for every record; blank lines only if asked."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise CsvProblem(str(exc), reader.line_num) from None
        if cells or keep_blank:  # a truly blank line gives []
            yield start, cells
        start = reader.line_num + 1


def read_text(path: Path, display: str) -> str:
    """The file's text; DataError when it is missing, unreadable or not UTF-8."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(
            display,
            "the file is missing",
            expected=f"a CSV file named '{path.name}' in the data folder, "
            "as listed in datapackage.json",
        ) from None
    except OSError as exc:
        raise DataError(
            display, f"the file cannot be opened ({exc.strerror})", expected="a readable CSV file"
        ) from None
    if raw.startswith(b"\xef\xbb\xbf"):  # a byte-order mark, as Excel's "CSV UTF-8" writes
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _decode_error(raw, exc, display) from None


def _decode_error(raw: bytes, exc: UnicodeDecodeError, display: str) -> DataError:
    """Where the first non-UTF-8 byte is: its line, its column and the text around it."""
    line = raw[: exc.start].count(b"\n") + 1
    bad = raw[exc.start : exc.end]
    column: str | None = None
    value: str | None = None
    text = raw.decode("utf-8", errors="surrogateescape")
    header: list[str] | None = None
    try:
        found = list(records(text))
    except CsvProblem:
        found = []
    for start, cells in found:
        if header is None:
            header = [c.strip() for c in cells]
        if start > line:
            break
        for i, cell in enumerate(cells):
            hit = _BAD_BYTES.search(cell)
            if hit:
                column = header[i] if i < len(header) and start > 1 else None
                lo, hi = max(0, hit.start() - 15), hit.end() + 15
                value = (
                    cell[lo:hi]
                    .encode("utf-8", "surrogateescape")
                    .decode("utf-8", "backslashreplace")
                )
                value = ("…" if lo else "") + value + ("…" if hi < len(cell) else "")
                line = start
                break
        if value is not None:
            break
    return DataError(
        display,
        f"is not UTF-8 text (byte {' '.join(f'0x{b:02X}' for b in bad)})",
        line=line,
        column=column,
        value=value if value is not None else bad.decode("latin-1"),
        expected="a file saved as UTF-8 (in Excel: 'Save as' then 'CSV UTF-8')",
    )
