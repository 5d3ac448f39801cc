"""Display frames of the Park profile: level history with the evidence of each change,
indicators, industries, events and sources, labelled in one language."""

from __future__ import annotations

import pandas as pd

from parkdata.data.dataset import Dataset
from parkdata.model.profile import Profile
from parkdata.present import tables
from parkdata.present.charts import format_partial
from parkdata.present.labels import Labels


def level_changes(p: Profile, ds: Dataset, labels: Labels) -> pd.DataFrame:
    """Every level fact of the zone, oldest first: the change (or a source's statement of the
    level), before and after, document, confidence, both sources with their words."""
    one = ds.replace(
        parks=ds.parks[ds.parks["park_id"] == p.park["park_id"]], level_changes=p.changes
    )
    return tables.level_changes_table(one, labels).drop(columns=["name", "park_id"])


def history(p: Profile, ds: Dataset, labels: Labels) -> pd.DataFrame:
    """Status segments with dates as written (precision kept), and beside each change its
    source (citation, link) and the evidence fragment that supports it."""
    h = p.history
    if h.empty:
        return pd.DataFrame(columns=["status", "start", "end", "evidence", "source", "source_url"])
    ends = [labels.term("ongoing") if pd.isna(e) else format_partial(e, "day") for e in h["end"]]
    out = pd.DataFrame(
        {
            "status": labels.codes("statuses", h["status"]),
            "start": h["date"].astype("string"),
            "end": pd.Series(ends, dtype="string"),
            "evidence": h["evidence"],
        }
    )
    tables.with_citation(out, h["source_id"], ds, lang=labels.lang)
    return out


def frames(p: Profile, ds: Dataset, labels: Labels) -> dict[str, pd.DataFrame]:
    """The profile's sections by title key: history, indicators, industries, events, sources;
    the park name columns (the same on every row) left out."""
    one = ds.replace(
        parks=ds.parks[ds.parks["park_id"] == p.park["park_id"]],
        indicators=p.indicators,
        industries=p.industries,
        events=p.events,
    )
    drop = ["name", "park_id"]
    sources = tables.sources_table(ds.replace(sources=p.sources), labels)
    return {
        "level_history": level_changes(p, ds, labels),
        "indicators_targets": tables.indicators_table(one, labels).drop(columns=drop),
        "industries_companies": tables.industries_table(one, labels).drop(columns=drop),
        "events": tables.events_table(one, labels).drop(columns=drop),
        "m_sources": sources.drop(columns=["source_id"]),
    }


def origin_line(park: dict, labels: Labels) -> str:
    """Where the zone's row comes from: the articles (and the catalogue, when linked) or the
    catalogue alone, with its catalogue code."""
    code = park.get("catalog_code")
    if park.get("origin") == "articles":
        if isinstance(code, str) and code:
            return labels.t("origin_curated_linked", code=code)
        return labels.t("origin_curated")
    if not (isinstance(code, str) and code):
        return labels.t("origin_national_other")
    return labels.t("origin_catalogue", code=code)


def level_line(park: dict, labels: Labels) -> str:
    """As of when the zone's level holds and how it is confirmed: '级别截至 2021-06（推断）'."""
    date = park.get("level_as_of")
    if not isinstance(date, str) or not date:
        return labels.t("level_no_source")
    confidence = labels.code("change_confidences", park.get("level_confidence"))
    return labels.t("level_line", date=date, confidence=confidence)
