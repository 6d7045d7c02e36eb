"""Data files are read and checked once, and again whenever their content changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from widgets.readonce import read_once


class Reader:
    def __init__(self) -> None:
        self.reads = 0

    def __call__(self, path: Path) -> str:
        self.reads += 1
        text = path.read_text(encoding="utf-8")
        if "bad" in text:
            raise ValueError(f"{path.name}: bad")
        return text


def test_read_once_then_again_after_an_edit_that_keeps_size_and_time(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text("title: one", encoding="utf-8")
    read = Reader()
    first = read_once(path, read)
    assert read_once(path, read) is first
    assert read.reads == 1
    stat = path.stat()
    path.write_text("title: two", encoding="utf-8")  # the same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same modification time
    assert read_once(path, read) == "title: two"
    assert read.reads == 2


def test_a_failed_check_is_not_remembered(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text("bad", encoding="utf-8")
    read = Reader()
    for _ in range(2):
        with pytest.raises(ValueError, match="bank.yaml: bad"):
            read_once(path, read)
    assert read.reads == 2


def test_a_missing_file_is_reported_by_the_reader(tmp_path: Path) -> None:
    read = Reader()
    with pytest.raises(FileNotFoundError):
        read_once(tmp_path / "missing.yaml", read)
    assert read.reads == 1
