"""Kinds and curated facts (issue 17, items 2, 4 and 6), counted for the catalogue build's
REPORT: each figure is a check that the package once failed, with the validation rule or test
that now guards it. `kind_figures` reads a package directory, so the same code gives the figures
of any commit's data (BEFORE: commit a730368, measured with this module on that commit's data/).

- linked: a curated park linked to a catalogue zone whose type differs from the catalogue's,
  with no level change giving the new type (rule link_problems; 长沙黄花综合保税区 typed other);
- apart: national zones of a kind the 2018 catalogue does not list (pilot FTZs, an FTZ area,
  an airport economy demonstration zone) counted among the Overview's national development
  zones (model.overview.development_zones; before, every kind was counted);
- linked_no_point: curated parks linked to a catalogue zone left off the map for want of a point
  of their own (浏阳高新区; dataset.with_catalog_points);
- clusters: catalogue zones named 产业集聚区 not typed industrial_cluster like the articles' 集聚区;
- etdz_label: national ETDZs whose Chinese type label is 经济开发区, not 经济技术开发区;
- en_chinese: English descriptions with Chinese characters (rule descriptions_en_have_no_chinese);
- copied: Chinese descriptions that copy or rearrange their article (rule copied_share; needs
  the articles);
- glassware: catalogue industry terms with 玻璃器皿 filed under construction;
- dated: events dated by a date_evidence fragment (a date the article fixes elsewhere)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from parkdata.curate.evidence import _article_texts
from parkdata.data import rules
from parkdata.data.dataset import combine, read_parts
from parkdata.data.schema import LEVEL_NATIONAL
from parkdata.model import overview

BEFORE_COMMIT = "a730368"
CHECKS = {
    "linked": "curated parks typed unlike the catalogue zone they are (no change gives it)",
    "apart": "national zones of kinds the catalogue does not list, counted as development zones",
    "linked_no_point": "curated parks linked to a catalogue zone, off the map for want of a point",
    "clusters": "catalogue 产业集聚区 not typed as the articles' industrial clusters",
    "etdz_label": "national ETDZs labelled 经济开发区 (not 经济技术开发区)",
    "en_chinese": "English descriptions with Chinese characters",
    "copied": "Chinese descriptions rearranging their article's words (over 80% in runs of 4)",
    "glassware": "catalogue industry terms with 玻璃器皿 filed under construction",
    "dated": "events dated by a date_evidence fragment (the date fixed elsewhere in the article)",
}
# Commit a730368: kind_figures of its data/ with its articles, except apart and
# linked_no_point, which the code of that commit gave (it counted every kind and kept a linked
# park's empty point): 22 pilot FTZs, 1 FTZ area, 1 airport zone; 浏阳高新区.
BEFORE: dict[str, int] = {
    "linked": 4,
    "apart": 24,
    "linked_no_point": 1,
    "clusters": 105,
    "etdz_label": 234,
    "en_chinese": 2575,
    "copied": 5,
    "glassware": 1,
    "dated": 0,
}


def _mask(values: pd.Series) -> np.ndarray:
    return values.astype("boolean").fillna(False).to_numpy(dtype=bool)


def kind_figures(data_dir: Path | str, articles_dir: Path | str | None = None) -> dict[str, Any]:
    """The CHECKS of the package at `data_dir` (copied: None without `articles_dir`)."""
    parts = read_parts(Path(data_dir))
    ds = combine(parts)
    curated, catalog = parts.get("articles"), parts.get("catalog_2018")
    parks = ds.parks
    kinds = ds.vocab["zone_types"].frame.set_index("zone_type")
    now = _mask(parks["level"].eq(LEVEL_NATIONAL))
    etdz = _mask(parks["zone_type"] == "economic_development_zone")
    apart = None  # a vocabulary without development_zone (before it) counted every kind
    if "development_zone" in kinds:
        counted = overview.figures(ds, pd.Series(dtype=float), "approved_area").n_by_level
        dz = _mask(overview.development_zones(parks, ds.vocab["zone_types"]))
        apart = int(counted.get(LEVEL_NATIONAL, 0)) - int((now & dz).sum())
    linked = _mask(parks["catalog_id"].notna())
    unplaced = _mask(parks["lat"].isna() | parks["lon"].isna())
    labelled = kinds.get("label_zh_national", pd.Series(dtype=object)).get(
        "economic_development_zone"
    )
    out: dict[str, Any] = {
        "linked": 0,
        "apart": apart,
        "linked_no_point": int((linked & unplaced).sum()),
        "clusters": 0,
        "etdz_label": 0 if isinstance(labelled, str) and labelled else int((now & etdz).sum()),
        "en_chinese": len(rules.descriptions_en_have_no_chinese(ds)),
        "copied": None,
        "glassware": 0,
        "dated": int(ds.events["date_evidence"].notna().sum())
        if "date_evidence" in ds.events
        else 0,
    }
    if curated is not None and catalog is not None:
        out["linked"] = len(
            rules._linked_types_agree(curated.parks, catalog.parks, curated.level_changes)
        )
        cat = catalog.parks
        named = _mask(cat["name_zh"].str.endswith("产业集聚区"))
        out["clusters"] = int((named & _mask(cat["zone_type"] != "industrial_cluster")).sum())
        terms = catalog.industries
        glass = _mask(terms["industry_zh"].str.contains("玻璃器皿", regex=False))
        out["glassware"] = int((glass & _mask(terms["sector"] == "construction")).sum())
    if articles_dir is not None:
        texts, _ = _article_texts(ds.sources, Path(articles_dir))
        copied = rules.article_descriptions_in_own_words(ds, texts)
        out["copied"] = len(
            [p for p in copied if "rearranged" in p.message or "copies" in p.message]
        )
    return out
