"""Display frames for the Table page, the profile and the downloads (which hold exactly the rows
shown).

Each table keeps the source columns' names (so code and tests can address them), leads with the
park's name, keeps `park_id` last for traceability, replaces codes by labels, names sources by a
citation (title, publisher, date) with their link, and keeps missing values missing. In English,
provinces and cities carry their English name in a column beside the Chinese one.
`headers(frame, labels)` gives each column's readable header; `labelled` renames a frame to
them (what is exported)."""

from __future__ import annotations

import pandas as pd

from parkdata.data.dataset import Dataset
from parkdata.data.frames import isin
from parkdata.data.schema import LEVEL_NATIONAL
from parkdata.model import compare, upgrades
from parkdata.model import levels as lv
from parkdata.present.labels import Labels

PLACE_COLUMNS = ("province", "city")


def citations(sources: pd.DataFrame, lang: str = "zh") -> pd.Series:
    """source_id -> '《title》 · publisher · date' in Chinese, '"Title" · publisher · date' in
    English (the reviewed title_en and publisher_en: English mode shows no Chinese)."""
    en = lang == "en" and "title_en" in sources
    titles = sources["title_en" if en else "title_zh"].tolist()
    publishers = sources["publisher_en" if en else "publisher"].tolist()
    parts = []
    for title, publisher, published in zip(
        titles, publishers, sources["published"].tolist(), strict=True
    ):
        bits = [f"“{title}”" if en else f"《{title}》"]
        bits += [str(v) for v in (publisher, published) if isinstance(v, str) and v]
        parts.append(" · ".join(bits))
    return pd.Series(parts, index=sources["source_id"].to_numpy(), dtype="string")


def with_citation(
    frame: pd.DataFrame, ids: pd.Series, ds: Dataset, prefix: str = "", lang: str = "zh"
) -> None:
    """Add `<prefix>source` (citation) and `<prefix>source_url` columns for the source ids."""
    frame[f"{prefix}source"] = ids.map(citations(ds.sources, lang)).astype("string")
    urls = ds.sources.set_index("source_id")["url"]
    frame[f"{prefix}source_url"] = ids.map(urls).astype("string")


def with_places(frame: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """In English the place columns hold the places' English names (English mode shows no
    Chinese but a zone's own name): a province or prefecture by data/vocab/{provinces,
    prefectures}.csv, a county by its city and name (data/vocab/counties.csv)."""
    if labels.lang != "en":
        return frame
    out = frame.copy()
    if {"province", "city", "county"} <= set(out.columns):
        out["county"] = labels.counties_en(out).fillna(out["county"].astype("string"))
    for col in PLACE_COLUMNS:
        if col in out and col != "county":
            english = out[col].map(labels.place_en, na_action="ignore").astype("string")
            out[col] = english.fillna(out[col].astype("string"))
    return out


def leading_industries(ds: Dataset, labels: Labels) -> pd.Series:
    """park_id -> joined leading industries of each park's newest year (missing when none is
    recorded; rows without a year count as the newest only when no dated row exists). In
    English a term no source names in English (most catalogue terms) is the Chinese term with
    its sector's label, 橡胶制品 (Chemicals): readable, and no made-up translation."""
    sep = ", " if labels.lang == "en" else "、"
    ind = ds.industries[ds.industries["role"] == "leading"].dropna(subset=["park_id"])
    ind = ind[isin(ind["park_id"], ds.parks["park_id"])]  # only the parks asked about
    if "year" in ind:
        newest = ind.groupby("park_id")["year"].transform("max")
        ind = ind[newest.isna() | (ind["year"] == newest)]
    names = ind["industry_zh"]
    if labels.lang == "en":
        sector = labels.codes("sectors", ind["sector"])
        names = ind["industry_en"].fillna((names + " (" + sector + ")").fillna(names))
    joined: dict[str, list[str]] = {}
    for park, name in zip(ind["park_id"].tolist(), names.tolist(), strict=True):
        if isinstance(name, str) and name not in joined.setdefault(park, []):
            joined[park].append(name)  # a plain loop: 30x faster than groupby.agg here
    return pd.Series({k: sep.join(v) for k, v in joined.items()}, dtype="string")


def approval_dates(ds: Dataset, labels: Labels) -> pd.Series:
    """park_id -> 'Provincial since 2006-08 · National since 2012-08' (the dates of its first
    change to each level, as written; parks with none are absent): a tooltip's line."""
    parts: dict[str, list[str]] = {}
    for level, reached in reversed(lv.first_reached(ds).items()):
        label = labels.column(f"first_{level}")
        for park, date in zip(reached.index, reached["date"], strict=True):
            parts.setdefault(park, []).append(f"{label} {date}")
    return pd.Series({k: " · ".join(v) for k, v in parts.items()}, dtype="string")


def parks_table(
    ds: Dataset,
    labels: Labels,
    area: pd.Series | None = None,
    all_names: pd.Series | None = None,
) -> pd.DataFrame:
    """One row per park; `area` (park_id -> km² of one area scope) adds that column, named for
    the scope (e.g. approved_area_km2). `all_names` (park_id -> name of every park, not only the
    filtered ones) names a parent the filters leave out."""
    p = ds.parks
    names = labels.park_names(ds.parks)
    parents = all_names if all_names is not None else names
    out = pd.DataFrame({"name": p["park_id"].map(names).astype("string")})
    for col in ("name_zh", "name_en", "short_name_zh"):  # the page hides the one `name` repeats
        out[col] = p[col]
    out["level"] = labels.codes("levels", p["level"])
    out["zone_type"] = labels.zone_types(p["zone_type"], p["level"])
    for col in ("province", "city", "county"):
        out[col] = p[col]
    # the dates an analyst asks for: when it became provincial, when national
    first = dict(reversed(lv.first_reached(ds).items()))  # provincial, then national
    for level, reached in first.items():
        out[f"first_{level}"] = p["park_id"].map(reached["date"]).astype("string")
    if area is not None:
        out[f"{area.name}_km2"] = p["park_id"].map(area).astype("Float64")
    out["leading_industries"] = p["park_id"].map(leading_industries(ds, labels)).astype("string")
    out["level_as_of"] = p["level_as_of"]
    out["level_confidence"] = labels.codes("change_confidences", p["level_confidence"])
    with_citation(out, p["level_source_id"], ds, prefix="level_", lang=labels.lang)
    for level, reached in first.items():
        ids = p["park_id"].map(reached["source_id"])
        out[f"first_{level}_source"] = ids.map(citations(ds.sources, labels.lang)).astype("string")
    out["parent"] = p["parent_id"].map(parents).fillna(p["parent_id"]).astype("string")
    out["origin"] = labels.codes("origins", p["origin"])
    out["lat"], out["lon"] = p["lat"], p["lon"]
    out["location_precision"] = labels.codes("location_precisions", p["location_precision"])
    out["park_id"] = p["park_id"]
    return with_places(out.reset_index(drop=True), labels)


def _fact_start(facts: pd.DataFrame, ds: Dataset, labels: Labels) -> pd.DataFrame:
    names = labels.park_names(ds.parks)
    name = facts["park_id"].map(names).astype("string")
    region = facts["region"].map(labels.place, na_action="ignore").astype("string")
    return pd.DataFrame({"name": name.fillna(region)})


def _fact_end(
    out: pd.DataFrame, facts: pd.DataFrame, ds: Dataset, lang: str = "zh"
) -> pd.DataFrame:
    with_citation(out, facts["source_id"], ds, lang=lang)
    out["evidence"] = facts["evidence"]
    out["park_id"] = facts["park_id"]
    return out.reset_index(drop=True)


def indicators_table(ds: Dataset, labels: Labels) -> pd.DataFrame:
    f = ds.indicators
    out = _fact_start(f, ds, labels)
    out["indicator"] = labels.codes("indicator_types", f["indicator"])
    out["kind"] = labels.codes("indicator_kinds", f["kind"])
    out["year"] = f["year"]
    out["qualifier"] = labels.codes("qualifiers", f["qualifier"])
    out["value"], out["value_max"] = f["value"], f["value_max"]
    out["unit"] = labels.codes("units", f["unit"])
    out["target_year"], out["period"] = f["target_year"], labels.glossed(f["period"])
    if labels.lang == "en":  # the curator's note is English; in Chinese the evidence speaks
        out["description_en"] = f["description_en"]
    return _fact_end(out, f, ds, labels.lang)


def events_table(ds: Dataset, labels: Labels) -> pd.DataFrame:
    f = ds.events
    out = _fact_start(f, ds, labels)
    out["date"] = f["date"]  # text: keeps its precision (2006-08 stays a month)
    out["event"] = labels.codes("event_kinds", f["event"])
    out["description"] = f["description_en" if labels.lang == "en" else "description_zh"]
    return _fact_end(out, f, ds, labels.lang)


def level_changes_table(ds: Dataset, labels: Labels) -> pd.DataFrame:
    """Every level change of the zones shown, oldest first: the change, the level before and
    after, a new type or name, the document, its confidence, both sources and their quotes."""
    f = lv.ordered_changes(ds).reset_index(drop=True)
    names = labels.park_names(ds.parks)
    out = pd.DataFrame({"name": f["park_id"].map(names).astype("string")})
    out["date"] = f["date"].to_numpy()
    out["change"] = labels.codes("change_kinds", f["change"]).to_numpy()
    out["level_before"] = labels.codes("levels", f["level_before"]).to_numpy()
    out["level_after"] = labels.codes("levels", f["level_after"]).to_numpy()
    out["zone_type_after"] = labels.codes("zone_types", f["zone_type_after"]).to_numpy()
    name_after = f["name_en_after" if labels.lang == "en" else "name_after"]
    out["name_after"] = name_after.to_numpy()
    out["document"] = labels.glossed(f["document"]).to_numpy()
    out["description"] = f["description_en" if labels.lang == "en" else "description_zh"].to_numpy()
    out["confidence"] = labels.codes("change_confidences", f["confidence"]).to_numpy()
    # one change two sources state (the catalogue and an article): each row names the other
    same = lv.restated_by(f)
    cited = citations(ds.sources, labels.lang)
    by_id = f.set_index("change_id")["source_id"]
    out["also_stated_by"] = pd.Series(
        [
            " / ".join(str(cited.get(by_id.get(c), c)) for c in ids) if ids else pd.NA
            for ids in same
        ],
        dtype="string",
    ).to_numpy()
    out = _fact_end(out, f, ds, labels.lang)
    with_citation(out, f["corroborating_source_id"], ds, prefix="corroborating_", lang=labels.lang)
    out["corroborating_evidence"] = f["corroborating_evidence"]
    out.insert(len(out.columns) - 1, "park_id", out.pop("park_id"))
    return out


def industries_table(ds: Dataset, labels: Labels) -> pd.DataFrame:
    f = ds.industries
    out = _fact_start(f, ds, labels)
    if labels.lang == "en":  # the term in English only (the reviewed glossary's)
        out["industry_en"] = f["industry_en"]
    else:
        out["industry_zh"], out["industry_en"] = f["industry_zh"], f["industry_en"]
    out["sector"] = labels.codes("sectors", f["sector"])
    out["role"] = labels.codes("roles", f["role"])
    if "year" in f:
        out["year"] = f["year"]
    out["companies_zh"] = f["companies_zh"]
    return _fact_end(out, f, ds, labels.lang)


def table(
    ds: Dataset,
    kind: str,
    labels: Labels,
    area: pd.Series | None = None,
    all_names: pd.Series | None = None,
) -> pd.DataFrame:
    """The display frame of `kind` (one of the table_kinds vocabulary)."""
    if kind == "parks":
        return parks_table(ds, labels, area, all_names)
    builders = {
        "upgrades": upgrades_table,
        "indicators": indicators_table,
        "events": events_table,
        "industries": industries_table,
        "level_changes": level_changes_table,
    }
    return builders[kind](ds, labels)


def headers(frame: pd.DataFrame, labels: Labels) -> dict[str, str]:
    """Column name -> readable header (units in the header where fixed)."""
    return {c: labels.column(c) for c in frame.columns}


def labelled(frame: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    return frame.rename(columns=headers(frame, labels))


def upgrades_table(ds: Dataset, labels: Labels) -> pd.DataFrame:
    """The upgrades from provincial to national (model.upgrades), oldest first, as level
    changes are shown (date, document, confidence, both sources and their words) with each
    zone's province and type."""
    out = level_changes_table(ds.replace(level_changes=upgrades.upgrade_rows(ds)), labels)
    parks = ds.parks.set_index("park_id")
    ids = out["park_id"]
    national = pd.Series(LEVEL_NATIONAL, index=out.index, dtype="string")
    out.insert(1, "province", ids.map(parks["province"]).astype("string"))
    out.insert(2, "zone_type", labels.zone_types(ids.map(parks["zone_type"]), national))
    out = out.drop(columns=["level_before", "level_after", "zone_type_after"])
    return with_places(out, labels)


def cited_sources(ds: Dataset, kind: str) -> pd.DataFrame:
    """The rows of ds.sources that the `kind` table's rows cite (in sources order)."""
    if kind == "parks":
        ids = set(ds.parks["level_source_id"].dropna()) | set(
            ds.parks["location_source_id"].dropna()
        )
    elif kind in ("level_changes", "upgrades"):
        lc = ds.level_changes if kind == "level_changes" else upgrades.upgrade_rows(ds)
        ids = set(lc["source_id"].dropna()) | set(lc["corroborating_source_id"].dropna())
    else:
        ids = set(getattr(ds, kind)["source_id"].dropna())
    return ds.sources[ds.sources["source_id"].isin(ids)]


def unit_label(labels: Labels, unit: str) -> str:
    """The label of a unit code (亿元, km², ...); the code when unknown."""
    return labels.code("units", unit)


def indicator_choices(ds: Dataset, labels: Labels) -> dict[str, str]:
    """indicator -> label, for the indicators with an actual or estimated value for some park."""
    ind = ds.indicators
    actual = compare.actual_kinds(ds.vocab)
    rows = ind["park_id"].notna() & isin(ind["kind"], actual) & ind["value"].notna()
    rows &= isin(ind["qualifier"], ds.vocab["qualifiers"].where("exact"))  # no size classes
    families = ds.vocab["unit_families"].where("comparable")  # no ranks
    comparable = ds.indicator_types[isin(ds.indicator_types["unit_family"], families)]
    present = set(ind.loc[rows, "indicator"]) & set(comparable["indicator"])
    options = labels.options("indicator_types")
    return {i: options[i] for i in options if i in present}


def targets_table(ds: Dataset, labels: Labels) -> pd.DataFrame:
    """Every target with, where one exists, the latest actual of the same park (or region)
    and indicator; ratio = actual / target in the family's base unit."""
    targets = compare.targets_with_actuals(
        ds.indicators, ds.units, kinds=compare.actual_kinds(ds.vocab)
    )
    names = labels.park_names(ds.parks)
    out = pd.DataFrame(
        {
            "name": targets["park_id"].map(names).astype("string"),
            "indicator": labels.codes("indicator_types", targets["indicator"]),
            "target_value": targets["target_value"],
            "target_unit": labels.codes("units", targets["target_unit"]),
            "target_year": targets["target_year"],
            "actual_value": targets["actual_value"],
            "actual_unit": labels.codes("units", targets["actual_unit"]),
            "actual_year": targets["actual_year"],
            "ratio": targets["ratio"],
        }
    )
    region = targets["region"].map(labels.place, na_action="ignore").astype("string")
    out["name"] = out["name"].fillna(region)
    with_citation(out, targets["target_source_id"], ds, lang=labels.lang)
    return out.reset_index(drop=True)


def sources_table(ds: Dataset, labels: Labels) -> pd.DataFrame:
    """The sources with labelled kind and confidence (n_facts when the frame has it)."""
    s = ds.sources
    out = pd.DataFrame(
        {
            "title_zh" if labels.lang == "zh" else "title_en": s[f"title_{labels.lang}"],
            "kind": labels.codes("source_kinds", s["kind"]),
            "publisher": s["publisher" if labels.lang == "zh" else "publisher_en"],
            "published": s["published"],
            "url": s["url"],
            "confidence": labels.codes("confidences", s["confidence"]),
            "licence": s["licence"],
        }
    )
    if "n_facts" in s:
        out.insert(2, "n_facts", s["n_facts"])
    out["source_id"] = s["source_id"]
    return out.reset_index(drop=True)


def official_counts_table(rows: pd.DataFrame, ds: Dataset, labels: Labels) -> pd.DataFrame:
    """`model.official.reconcile` labelled: type, date, the official count, the package's,
    the difference and why, the source and its words."""
    explain = rows["difference_en" if labels.lang == "en" else "difference_zh"]
    out = pd.DataFrame(
        {
            "zone_type": labels.zone_types(rows["zone_type"], rows["level"]),
            "level": labels.codes("levels", rows["level"]),
            "date": rows["date"],
            "official": rows["official"],
            "package": rows["package"],
            "difference": rows["difference"],
            "explanation": explain.where(rows["difference"] != 0),
        }
    )
    with_citation(out, rows["source_id"], ds, lang=labels.lang)
    out["evidence"] = rows["evidence"]
    return out.reset_index(drop=True)


def units_table(ds: Dataset, labels: Labels) -> pd.DataFrame:
    """Units with their family and factor written out in full: '1 万元 = 0.0001 亿元'; a base
    unit says it is the base its family converts to (never '1 亿元 = 1 亿元')."""
    u = ds.units
    unit_labels = labels.options("units")
    factor = [
        labels.t("base_unit")
        if unit == base
        else f"1 {unit_labels.get(unit, unit)} = {_plain(to_base)} {unit_labels.get(base, base)}"
        for unit, base, to_base in zip(u["unit"], u["base_unit"], u["to_base"], strict=True)
    ]
    return pd.DataFrame(
        {
            "label": labels.codes("units", u["unit"]),
            "family": labels.codes("unit_families", u["family"]),
            "conversion": pd.Series(factor, dtype="string"),
        }
    )


def _plain(value: object) -> str:
    """A number written out without rounding or exponent: 0.0001, 0.00066667, 1."""
    number = float(value)  # type: ignore[arg-type]
    return format(number, ".12f").rstrip("0").rstrip(".") if number % 1 else f"{number:.0f}"


def peers_table(ds: Dataset, peers: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """`model.peers.peers` with names, labels and leading industries (newest year)."""
    names = labels.park_names(ds.parks)
    lead = leading_industries(
        ds.replace(parks=ds.parks[isin(ds.parks["park_id"], peers["park_id"])]), labels
    )
    frame = pd.DataFrame(
        {
            "name": peers["park_id"].map(names).astype("string"),
            "level": labels.codes("levels", peers["level"]),
            "zone_type": labels.zone_types(peers["zone_type"], peers["level"]),
            "city": peers["city"],
            "approved": peers["approved"],
            "approved_area_km2": peers["approved_area_km2"],
            "leading_industries": peers["park_id"].map(lead).astype("string"),
            "distance_km": peers["distance_km"],
            "park_id": peers["park_id"],
        }
    )
    if "is_self" in peers:  # the zone itself, marked, as the first row of its comparison
        mark = pd.Series(labels.t("this_zone"), index=peers.index, dtype="string")
        frame.insert(0, "this_zone", mark.where(peers["is_self"].to_numpy()))
    return frame.pipe(with_places, labels)


def _sector_labels(codes: pd.Series, labels: Labels) -> pd.Series:
    """'agri_food、equipment' -> '农副食品、装备制造' / 'Agriculture and food, Equipment'."""
    sep = ", " if labels.lang == "en" else "、"
    return codes.map(
        lambda text: sep.join(labels.code("sectors", c) for c in str(text).split("、")),
        na_action="ignore",
    ).astype("string")


def standing_table(frame: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """model.standing.standing labelled: criterion, value, rank 'k of n', percentile."""
    rank = [
        labels.t("rank_of", k=int(k), n=int(n)) if pd.notna(k) else labels.term("no_data")
        for k, n in zip(frame["rank"], frame["n_with_value"], strict=True)
    ]
    return pd.DataFrame(
        {
            "criterion": [labels.column(c) for c in frame["criterion"]],
            "value": frame["value"].astype("Float64"),
            "rank": pd.Series(rank, dtype="string"),
            "percentile": frame["percentile"].astype("Int64"),
        }
    )


def upgraded_table(frame: pd.DataFrame, ds: Dataset, labels: Labels) -> pd.DataFrame:
    """model.standing.upgraded_since labelled: zone, province, upgraded, area, years
    provincial before the upgrade, leading sectors."""
    names = labels.park_names(ds.parks)
    out = pd.DataFrame(
        {
            "name": frame["park_id"].map(names).astype("string"),
            "province": frame["province"].astype("string"),
            "upgraded": frame["upgraded"].astype("string"),
            "approved_area_km2": frame["approved_area_km2"].astype("Float64"),
            "years_provincial": frame["years_provincial"].astype("Int64"),
            "sectors": _sector_labels(frame["sectors"], labels),
            "park_id": frame["park_id"],
        }
    )
    return with_places(out, labels)


def candidates_table(frame: pd.DataFrame, ds: Dataset, labels: Labels) -> pd.DataFrame:
    """model.standing.candidates labelled: rank on the chosen criterion ('k of n'), zone, city,
    every criterion's value, the sectors, and the percentile."""
    names = labels.park_names(ds.parks)
    parks = ds.parks.set_index("park_id")
    out = pd.DataFrame(
        {
            "rank": frame["rank"].astype("Int64"),
            "name": frame["park_id"].map(names).astype("string"),
            "city": frame["park_id"].map(parks["city"]).astype("string"),
            "approved_area_km2": frame["approved_area_km2"].astype("Float64"),
            "first_provincial": frame["provincial_since"].astype("string"),
            "years_provincial": frame["years_provincial"].astype("Int64"),
            "sector_match": frame["sector_match"].astype("Int64"),
            "n_sectors": frame["n_sectors"].astype("Int64"),
            "sectors": _sector_labels(frame["sectors"], labels),
            "percentile": frame["percentile"].astype("Int64"),
            "n_with_value": frame["n_with_value"].astype("Int64"),
            "park_id": frame["park_id"],
        }
    )
    return with_places(out, labels)
