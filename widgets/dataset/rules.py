"""The checks across tables: references between them and the collection's own rules.

References are the foreign keys in ``datapackage.json`` plus the links the collection always
needs (:data:`LINKS`), each checked once: a rating names a known relationship type, feature and
guide section of the same folder; an example names a known relationship type and section.
The collection's own rules: every relationship type is rated on every feature, every score is a
level of that feature's scale, and every feature's scale has a row for each level.
"""

from __future__ import annotations

from widgets.dataset.fields import join, suggest
from widgets.dataset.resource_spec import ForeignKey
from widgets.dataset.table import Table
from widgets.errors import DataError

#: (table, column) -> (table, column) links checked whether or not datapackage.json declares them.
LINKS = (
    ("relationships", "guide_section", "guide_sections", "id"),
    ("scale_levels", "feature", "features", "id"),
    ("ratings", "relationship", "relationships", "id"),
    ("ratings", "feature", "features", "id"),
    ("ratings", "source", "guide_sections", "id"),
    ("examples", "relationship", "relationships", "id"),
    ("examples", "source", "guide_sections", "id"),
)
_NOUN = {"relationships": "relationship", "features": "feature", "guide_sections": "guide section"}


def _links(tables: dict[str, Table]) -> list[tuple[str, ForeignKey]]:
    seen: set[tuple] = set()
    out = []
    declared = [(t.name, fk) for t in tables.values() for fk in t.spec.foreign_keys]
    builtin = [
        (src, ForeignKey([col], dst, [ref]))
        for src, col, dst, ref in LINKS
        if src in tables and col in tables[src].names
    ]
    for name, fk in declared + builtin:
        key = (name, tuple(fk.fields), fk.resource, tuple(fk.ref_fields))
        if key not in seen:
            seen.add(key)
            out.append((name, fk))
    return out


def check_references(tables: dict[str, Table]) -> list[DataError]:
    """Every value that points into another table is found there."""
    errors = []
    for name, fk in _links(tables):
        table, target = tables[name], tables.get(fk.resource)
        if target is None or not table.usable or not target.usable:
            continue  # that table's own problems are reported already
        known = {tuple(row[c] for c in fk.ref_fields) for _l, row in target.rows}
        shown = [", ".join(map(str, k)) for k in known if None not in k]
        order = list(
            dict.fromkeys(", ".join(str(row[c]) for c in fk.ref_fields) for _l, row in target.rows)
        )
        noun = _NOUN.get(target.name, f"{' and '.join(fk.ref_fields)} of {target.name}")
        for line, row in table.rows:
            value = tuple(row[c] for c in fk.fields)
            if None in value or value in known:
                continue
            text = ", ".join(map(str, value))
            errors.append(
                table.error(
                    f"is not a {noun} id in {target.display}{suggest(text, shown)}",
                    line=line,
                    column=", ".join(fk.fields),
                    column_word="columns" if len(fk.fields) > 1 else "column",
                    value=text,
                    expected="one of: " + join(o for o in order if o in shown),
                )
            )
    return errors


def check_complete(tables: dict[str, Table]) -> list[DataError]:
    """Every type rated on every feature, scores on the feature's scale, every level described."""
    need = ("relationships", "features", "ratings", "scale_levels")
    if not all(n in tables and tables[n].usable for n in need):
        return []
    rel_ids = [r for r in tables["relationships"].column("id") if r is not None]
    feat_ids = [f for f in tables["features"].column("id") if f is not None]
    scale, errors = _levels(tables["scale_levels"], feat_ids)
    return _ratings(tables["ratings"], rel_ids, feat_ids) + errors + _on_scale(tables, scale)


def _ratings(ratings: Table, rel_ids: list[str], feat_ids: list[str]) -> list[DataError]:
    have = {(r["relationship"], r["feature"]) for _l, r in ratings.rows}
    # A row with a misspelt or bad id is reported on its own line; it is probably the missing
    # rating, so the pair it was meant to be is not reported a second time.
    stray_rel = {f for r, f in have if r not in rel_ids}
    stray_feat = {r for r, f in have if f not in feat_ids}
    missing = [
        (r, f)
        for r in rel_ids
        for f in feat_ids
        if (r, f) not in have and f not in stray_rel and r not in stray_feat
    ]
    whole_rel = [r for r in rel_ids if all((r, f) in missing for f in feat_ids)]
    whole_feat = [
        f
        for f in feat_ids
        if len(rel_ids) > 1 and all((r, f) in missing for r in rel_ids if r not in whole_rel)
    ]
    total = f"({len(rel_ids)} × {len(feat_ids)} = {len(rel_ids) * len(feat_ids)} rows)"
    errors = [
        ratings.error(
            f"relationship '{r}' has no ratings",
            expected=f"one row for each of the {len(feat_ids)} features: " + join(feat_ids),
        )
        for r in whole_rel
    ]
    errors += [
        ratings.error(
            f"feature '{f}' has no ratings",
            expected=f"one row for each of the {len(rel_ids)} relationships: " + join(rel_ids),
        )
        for f in whole_feat
    ]
    errors += [
        ratings.error(
            f"there is no rating for relationship '{r}' and feature '{f}'",
            expected=f"one row for every relationship and feature {total}",
        )
        for r, f in missing
        if r not in whole_rel and f not in whole_feat
    ]
    return errors


def _levels(levels: Table, feat_ids: list[str]) -> tuple[dict[str, set[int]], list[DataError]]:
    """Each feature's scale (its levels), and a problem for each feature missing some level."""
    scale: dict[str, set[int]] = {}
    stray: set[tuple[str | None, int | None]] = set()  # rows with a bad feature or level
    for _l, row in levels.rows:
        feat, level = row["feature"], row["level"]
        if feat in feat_ids and level is not None:
            scale.setdefault(feat, set()).add(level)
        else:
            stray.add((feat if feat in feat_ids else None, level))
    spec = next(f for f in levels.fields if f.name == "level")
    if spec.minimum is None or spec.maximum is None:
        return scale, []
    wanted = list(range(spec.minimum, spec.maximum + 1))
    expected = "one row for each level " + ", ".join(map(str, wanted)) + " of every feature"
    errors = []
    for feat in feat_ids:
        gaps = [
            n
            for n in wanted
            if n not in scale.get(feat, set())
            and (None, n) not in stray
            and (feat, None) not in stray
        ]
        if gaps and len(gaps) == len(wanted):
            errors.append(levels.error(f"feature '{feat}' has no scale levels", expected=expected))
        elif gaps:
            which = (
                ", ".join(map(str, gaps[:-1])) + (" and " if len(gaps) > 1 else "") + str(gaps[-1])
            )
            word = "levels" if len(gaps) > 1 else "level"
            errors.append(
                levels.error(f"feature '{feat}' has no row for {word} {which}", expected=expected)
            )
    return scale, errors


def _on_scale(tables: dict[str, Table], scale: dict[str, set[int]]) -> list[DataError]:
    ratings, levels = tables["ratings"], tables["scale_levels"]
    errors = []
    for line, row in ratings.rows:
        feat, score = row["feature"], row["score"]
        if feat in scale and score is not None and score not in scale[feat]:
            errors.append(
                ratings.error(
                    f"is not a level of the scale of feature '{feat}' in {levels.display}",
                    line=line,
                    column="score",
                    value=score,
                    expected="one of: " + ", ".join(map(str, sorted(scale[feat]))),
                )
            )
    return errors
