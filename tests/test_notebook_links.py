"""Every relative link in a notebook points at something in the repository."""

from __future__ import annotations

from notebook_links import REPO_ROOT, notebook_links


def test_every_relative_link_points_inside_the_repository_at_something_that_exists() -> None:
    links = notebook_links()
    assert links, "no links found: the link reader is broken"
    problems = []
    for link in links:
        path = (REPO_ROOT / link.target).resolve()
        if not path.is_relative_to(REPO_ROOT):
            problems.append(f"{link.notebook}: {link.href} leaves the repository")
        elif link.is_folder and not path.is_dir():
            problems.append(f"{link.notebook}: {link.href} is not a folder")
        elif not link.is_folder and not path.is_file():
            problems.append(f"{link.notebook}: {link.href} does not exist")
    assert not problems, "\n".join(problems)


def test_the_link_reader_finds_markdown_and_html_links(tmp_path) -> None:
    import json

    from notebook_links import notebook_links as read

    nb = {
        "cells": [
            {
                "cell_type": "markdown",
                "metadata": {},
                "source": [
                    "[a](../data/README.md) [b](https://example.org) [c](#top)\n",
                    '<a href="../tutors/">t</a> ![pic](img/x.png "title")',
                ],
            },
            {"cell_type": "code", "metadata": {}, "source": ["'[d](nope.md)'"], "outputs": []},
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (tmp_path / "x.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    got = [(link.href, link.target) for link in read(tmp_path)]
    assert got == [
        ("../data/README.md", "../data/README.md"),
        ("img/x.png", "img/x.png"),
        ("../tutors/", "../tutors/"),
    ]
