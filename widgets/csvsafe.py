"""CSV files a tutor can open in Excel or LibreOffice without running anything.

Every CSV the project writes goes through `csv_text` (and `write_csv` for a file):

- a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return (or their full-width
  forms) gets a leading apostrophe, as OWASP advises against CSV injection, so a spreadsheet shows
  the text instead of running it as a formula;
- the `csv` module quotes every cell holding a comma, a quote, a line feed or a carriage return
  (rows end in CRLF, so both are quoted), so a cell never splits a row;
- files are written as UTF-8 with a byte-order mark, so Excel reads accented names correctly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
ENCODING = "utf-8-sig"


def safe_cell(value: object) -> object:
    """The value, with text that a spreadsheet would read as a formula made plain text."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return value if value >= 0 else f"'{value}"
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> str:
    """CSV text with a header row; every cell made safe."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: safe_cell(row.get(k, "")) for k in columns})
    return buf.getvalue()


def write_csv(path: Path | str, text: str) -> None:
    """Write CSV text made by `csv_text` for a spreadsheet (UTF-8 with byte-order mark)."""
    with open(path, "w", encoding=ENCODING, newline="") as f:
        f.write(text)
