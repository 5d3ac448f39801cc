"""Labels of the Timeline's markers: '2021-09-28 申报升级：…' for an event, '2025 工业产值
目标 1000 亿元' for a target."""

from __future__ import annotations

import pandas as pd

from parkdata.data.schema import TARGET
from parkdata.present.labels import Labels


def _number(value: object) -> str:
    """A value as written: 580, 5.5 (no trailing .0); '?' when missing."""
    return "?" if value is None or pd.isna(value) else f"{float(value):g}"  # type: ignore[arg-type]


def marker_labels(markers: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """`model.timeline.markers` with a `label` column in the language of `labels`. Labels are
    built row by row: an empty selection has non-text dtypes, and concatenating columns of
    string and Float64 raises (the Timeline crashed for parks without targets)."""
    desc = "description_en" if labels.lang == "en" else "description_zh"
    out = []
    for row in markers.to_dict("records"):
        if row["kind"] == TARGET:
            qualifier = labels.code("qualifiers", row.get("qualifier"))
            amount = f"{qualifier}{' ' if qualifier and labels.lang == 'en' else ''}"
            amount += f"{_number(row.get('value'))} {labels.code('units', row.get('unit'))}"
            indicator = labels.code("indicator_types", row.get("indicator"))
            out.append(f"{row['when']} {labels.term('target')}{labels.colon}{indicator} {amount}")
        else:
            text = row.get(desc)
            text = text if isinstance(text, str) else ""
            out.append(
                f"{row['when']} {labels.code('event_kinds', row['kind'])}{labels.colon}{text}"
            )
    return markers.assign(label=pd.Series(out, index=markers.index, dtype="string"))
