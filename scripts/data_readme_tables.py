"""Write the generated tables in data/README.md from datapackage.json and the CSVs.

    .venv/bin/python scripts/data_readme_tables.py          # rewrite the block between the markers
    .venv/bin/python scripts/data_readme_tables.py --check  # exit 1 if the README is out of date

tests/test_dataset.py fails when the README and the data disagree.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
BEGIN = (
    "<!-- BEGIN GENERATED TABLES: edit the data, then run "
    "`.venv/bin/python scripts/data_readme_tables.py` -->"
)
END = "<!-- END GENERATED TABLES -->"


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _allowed(field: dict, fks: dict[str, str]) -> str:
    cons = field.get("constraints", {})
    parts = []
    if field["name"] in fks:
        parts.append(fks[field["name"]])
    if "enum" in cons:
        parts.append(" or ".join(f"`{v}`" for v in cons["enum"]))
    if field.get("type") == "integer":
        parts.append(f"whole number {cons.get('minimum', '')}–{cons.get('maximum', '')}")
    if "pattern" in cons:
        parts.append(f"id matching `{cons['pattern']}`")
    if "maxLength" in cons:
        parts.append(f"at most {cons['maxLength']} characters")
    if cons.get("unique"):
        parts.append("unique")
    parts.append("required" if cons.get("required") else "optional")
    return "; ".join(parts)


def column_tables(package: dict) -> list[str]:
    out = []
    for res in package["resources"]:
        schema = res["schema"]
        fks = {}
        for fk in schema.get("foreignKeys", []):
            ref = fk["reference"]
            target = next(r["path"] for r in package["resources"] if r["name"] == ref["resource"])
            names = [fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"]
            refs = [ref["fields"]] if isinstance(ref["fields"], str) else ref["fields"]
            for name, ref_name in zip(names, refs, strict=True):
                fks[name] = f"an `{ref_name}` in `{target}`"
        key = schema.get("primaryKey")
        key = ", ".join(key) if isinstance(key, list) else key
        out += [
            f"### `{res['path']}`",
            "",
            _cell(res["description"]),
            "",
            f"One row per **{key}** (primary key).",
            "",
            "| column | type | allowed values | meaning |",
            "| --- | --- | --- | --- |",
        ]
        for f in schema["fields"]:
            out.append(
                f"| `{f['name']}` | {f.get('type', 'string')} | {_cell(_allowed(f, fks))} "
                f"| {_cell(f.get('description', ''))} |"
            )
        out.append("")
    return out


def scale_tables(data: Path) -> list[str]:
    features = _rows(data / "features.csv")
    levels = _rows(data / "scale_levels.csv")
    out = []
    for feat in features:
        out += [
            f"### {feat['name']} (`{feat['id']}`)",
            "",
            _cell(feat["description"]),
            "",
            "| level | label | meaning |",
            "| --- | --- | --- |",
        ]
        mine = sorted(
            (r for r in levels if r["feature"] == feat["id"]), key=lambda r: int(r["level"])
        )
        out += [f"| {r['level']} | {_cell(r['label'])} | {_cell(r['meaning'])} |" for r in mine]
        out.append("")
    return out


def relationship_table(data: Path) -> list[str]:
    out = ["| id | name | description |", "| --- | --- | --- |"]
    out += [
        f"| `{r['id']}` | {_cell(r['name'])} | {_cell(r['description'])} |"
        for r in _rows(data / "relationships.csv")
    ]
    return out + [""]


def generated_block(data: Path = DATA) -> str:
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    lines = [BEGIN, "", "## The relationship types (in the guide's order)", ""]
    lines += relationship_table(data)
    lines += ["## Columns of every file", ""] + column_tables(package)
    lines += [
        "## The scales",
        "",
        "Every feature is rated on its own 0–4 scale. 0 is the lowest level, 4 the highest.",
        "",
    ] + scale_tables(data)
    lines.append(END)
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    readme = DATA / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    new = text[:start] + generated_block(DATA) + text[end:]
    if "--check" in argv:
        if new != text:
            print(
                "data/README.md is out of date: run .venv/bin/python scripts/data_readme_tables.py"
            )
            return 1
        return 0
    readme.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
