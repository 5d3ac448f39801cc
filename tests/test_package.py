"""The real data package (data/): it validates (Frictionless and our rules), loads typed with
the curated parks and the national catalogue merged, keeps missing values missing and dates at
their precision, and its facts hold what the curated review says. Checks against the source
articles and references need ../shared (outside the repository) and say so when it is absent."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from parkdata.curate.evidence import check_evidence
from parkdata.curate.extract import extract_candidates
from parkdata.data.dataset import read_parts
from parkdata.data.package import load_package, read_frames
from parkdata.data.problems import PackageError
from parkdata.data.schema import DATA_DIR, read_descriptor
from parkdata.data.validation import validate_package
from parkdata.model import compare, levels

SHARED = DATA_DIR.parent.parent / "shared"
ARTICLES = SHARED / "articles"
REFERENCE = SHARED / "reference" / "park_facts.csv"
LATER = "lc_"  # sources of the level changes since 2018, read for them (not park_facts.csv)
CATALOG = SHARED / "reference" / "catalog_2018.csv"
needs_articles = pytest.mark.skipif(
    not ARTICLES.is_dir(),
    reason=f"{ARTICLES} not found: the five source articles sit beside the repository in CI",
)
needs_reference = pytest.mark.skipif(not REFERENCE.is_file(), reason=f"{REFERENCE} not found")
RECALL_FLOOR = 0.8


@pytest.fixture(scope="module")
def ds():
    return load_package(DATA_DIR)


@pytest.fixture(scope="module")
def curated():
    return read_parts(DATA_DIR)["articles"]


@pytest.fixture(scope="module")
def catalogue():
    return read_parts(DATA_DIR)["catalog_2018"]


def test_real_package_has_no_problem():
    assert validate_package(DATA_DIR) == []


def test_frictionless_command_line_says_valid():
    exe = Path(sys.executable).with_name("frictionless")
    result = subprocess.run(
        [str(exe), "validate", str(DATA_DIR / "datapackage.json")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:]
    assert "INVALID" not in result.stdout
    resources = read_descriptor(DATA_DIR)["resources"]
    assert result.stdout.count("VALID") == len(resources)  # one line per table


# --------------------------------------------------------------------------- sizes


def test_counts_of_the_curated_dataset(curated):
    assert len(curated.parks) == 49
    assert set(curated.parks["province"]) == {"湖南省", "广东省"}
    assert len(curated.sources[curated.sources["kind"] == "article"]) == 5
    facts = len(curated.events) + len(curated.indicators) + len(curated.industries)
    assert facts >= 150
    assert curated.parks["catalog_code"].notna().sum() == 23


def test_the_catalogue_holds_every_zone_of_2018(catalogue):
    assert len(catalogue.parks) == 2543
    assert catalogue.parks["park_id"].is_unique
    repeated = catalogue.parks["catalog_code"][catalogue.parks["catalog_code"].duplicated()]
    assert list(repeated) == ["S377018"]  # as the catalogue prints it: 淄川 and 临淄
    assert "level" not in catalogue.parks  # levels are level changes: the catalogue's own dates
    assert set(catalogue.level_changes["change"]) >= {"approved"}
    assert catalogue.parks["name_en_generated"].all()  # pinyin, said so
    approved = catalogue.indicators[catalogue.indicators["indicator"] == "approved_area"]
    assert approved["park_id"].nunique() == len(catalogue.parks)  # every zone has one


def test_loading_merges_the_linked_zones(ds, curated, catalogue):
    linked = curated.parks["catalog_code"].notna().sum()
    national = read_parts(DATA_DIR)["national_other"].parks
    assert len(ds.parks) == len(curated.parks) + len(catalogue.parks) - linked + len(national)
    assert len(ds.parks) == 2598 and len(national) == 29
    assert ds.parks["park_id"].is_unique
    hengyang = ds.parks.set_index("park_id").loc["hengyang_htz"]
    assert (hengyang["catalog_id"], hengyang["origin"]) == ("g432126", "articles")
    assert "g432126" not in set(ds.parks["park_id"])
    assert set(ds.parks["origin"]) == {"articles", "catalog_2018", "national_other"}


def test_every_source_supports_a_fact(ds):
    used = set(ds.events["source_id"]) | set(ds.indicators["source_id"])
    used |= set(ds.industries["source_id"]) | set(ds.parks["location_source_id"].dropna())
    used |= set(ds.level_changes["source_id"]) | set(ds.level_changes["corroborating_source_id"])
    used |= set(ds.official_counts["source_id"])
    assert set(ds.sources["source_id"]) - used == set()


def test_every_article_gives_facts(ds):
    articles = ds.sources.loc[ds.sources["kind"] == "article", "source_id"]
    for source_id in articles:
        n = sum(
            (getattr(ds, t)["source_id"] == source_id).sum()
            for t in ("events", "indicators", "industries")
        )
        assert n >= 5, source_id


# --------------------------------------------------------------------------- facts


def test_dates_keep_their_precision(curated):
    linwu = curated.events[curated.events["park_id"] == "linwu_ip"].set_index("event")
    assert linwu.loc["established", "date"] == "1996"
    changes = curated.level_changes.set_index("change_id")
    assert changes.loc["linwu_ip-c02", "date"] == "2006-08"
    assert changes.loc["hengyang_htz-c02", "date"] == "2012-08-19"


def test_missing_stays_missing(ds):
    chenzhou = ds.parks.set_index("park_id").loc["chenzhou_einm_park"]
    assert chenzhou["level"] == "unknown"
    assert pd.isna(chenzhou["level_source_id"])
    # no indicator row is ever a stand-in zero
    assert (ds.indicators["value"] != 0).all()
    assert ds.indicators["year"].dtype == "Int64"


def test_article_figures_carry_their_units(ds):
    ind = ds.indicators.set_index("fact_id")
    hengyang = ind[(ind["park_id"] == "hengyang_htz") & (ind["indicator"] == "planned_area")]
    row = hengyang.iloc[0]
    assert (row["value"], row["unit"], row["source_id"]) == (170.57, "km2", "art_2020_hengyang")
    listed = ind[
        (ind["park_id"] == "chenzhou_einm_park") & (ind["indicator"] == "listed_companies")
    ].iloc[0]
    assert (listed["value"], listed["value_max"], listed["kind"]) == (3, 5, "target")
    trade = ind[ind["indicator"] == "foreign_trade"].iloc[0]
    assert (trade["value"], trade["unit"], trade["kind"]) == (12, "usd_100m", "estimate")


def test_curated_english_names_are_never_generated(curated):
    assert curated.parks["name_en_generated"].dtype == "boolean"
    assert not curated.parks["name_en_generated"].any()
    assert curated.parks["name_en"].notna().all()


def test_catalogue_codes_link_the_zones_of_the_2018_catalogue(curated):
    """衡阳高新区 -> G432126, 临武工业园区 -> S439056; a zone renamed or upgraded later keeps its
    code."""
    codes = curated.parks.set_index("park_id")["catalog_code"]
    assert codes["hengyang_htz"] == "G432126" and codes["linwu_ip"] == "S439056"
    assert codes["ningxiang_htz"] == "S438076"  # national since 2022, provincial in the catalogue
    assert pd.isna(codes["leizhou_edz"])  # created in 2021


@pytest.mark.skipif(not CATALOG.is_file(), reason=f"{CATALOG} not found")
def test_catalogue_codes_agree_with_the_catalogue(curated):
    """Each code names a catalogue zone of the park's province whose name is the park's (or the
    former name its notes give); a park whose name is in the catalogue has its code."""
    catalog = pd.read_csv(CATALOG, dtype=str).set_index("code")
    for park in curated.parks.itertuples():
        if pd.isna(park.catalog_code):
            assert park.name_zh not in set(catalog["name_zh"]), park.park_id
            continue
        zone = catalog.loc[park.catalog_code]
        assert zone["province"] == park.province, park.park_id
        notes = park.notes_en if isinstance(park.notes_en, str) else ""
        assert zone["name_zh"] == park.name_zh or zone["name_zh"] in notes, park.park_id


def test_industries_say_which_year_they_describe(ds):
    articles = set(ds.sources.loc[ds.sources["kind"] == "article", "source_id"])
    assert ds.industries.loc[ds.industries["source_id"].isin(articles), "year"].notna().all()
    catalogue = ds.industries[ds.industries["source_id"] == "cat_2018"]
    assert set(catalogue["year"]) == {2018}
    wangcheng = ds.industries[ds.industries["park_id"] == "wangcheng_etdz"]
    assert {2014, 2021} <= set(wangcheng["year"])  # two eras, told apart


def test_areas_keep_their_scope(ds):
    scope = ds.indicator_types.set_index("indicator")["scope"]
    areas = ds.indicators[ds.indicators["indicator"].map(scope).notna()].set_index("fact_id")
    assert areas.loc["zhanjiang_etdz-i01", "indicator"] == "administrative_area"  # 502.04 km²
    assert areas.loc["wuchuan_airport_zone-i01", "indicator"] == "administrative_area"  # township
    assert areas.loc["fenyong_htz-i02", "indicator"] == "developable_area"  # 46 of 138 km²
    assert areas.loc["changsha_airport_zone-i01", "indicator"] == "managed_area"
    assert areas.loc["ningxiang_htz-i04", "indicator"] == "approved_area"
    assert "baosteel_park" not in set(areas["park_id"])  # its 4,800 mu is another park's


def test_size_classes_and_expectations_are_not_exact_results(ds):
    ind = ds.indicators.set_index("fact_id")
    assert set(ind.loc[["liuyang_etdz-i01", "liuyang_etdz-i02"], "qualifier"]) == {"size_class"}
    goal = ind.loc["chenzhou_edz-i10"]  # 2019 千亿园区
    assert (goal["kind"], goal["target_year"], goal["qualifier"]) == ("target", 2019, "size_class")
    assert ind.loc["chenzhou_edz-i11", "kind"] == "estimate"  # 预计: first in foreign trade
    awards = ds.events.loc[ds.events["event"] == "award", "event_id"]
    assert set(awards) == {"linwu_ip-e03"}  # the one commendation; rankings are rank indicators


def test_size_classes_stay_out_of_every_total(ds):
    """浏阳's 千亿级 and 五百亿级 are classes: with the qualifiers the vocabulary marks as not
    exact left out, no per-park value reads them."""
    inexact = compare.inexact_qualifiers(ds.vocab)
    assert inexact == ("size_class",)
    kinds = compare.actual_kinds(ds.vocab)
    values = compare.park_values(
        ds.indicators, ds.units, "cluster_output", kinds=kinds, inexact=inexact
    )
    classes = ds.indicators.loc[ds.indicators["qualifier"].isin(inexact), "fact_id"]
    assert len(classes) and not set(values["fact_id"]) & set(classes)


def test_a_size_class_target_says_so_beside_its_value(ds):
    """Chenzhou's 2019 千亿园区 goal pairs with the 2017 estimate; its value 1000 is the lower
    bound of a class, and the pair carries the qualifier that says so."""
    kinds = compare.actual_kinds(ds.vocab)
    pairs = compare.targets_vs_actuals(ds.indicators, ds.units, kinds=kinds)
    pairs = pairs.set_index("target_fact_id")
    goal = pairs.loc["chenzhou_edz-i10"]
    assert (goal["target_qualifier"], goal["target_year"]) == ("size_class", 2019)
    assert (goal["actual_fact_id"], goal["actual_value"]) == ("chenzhou_edz-i01", 580)


def test_histories_and_areas_of_the_real_parks(ds):
    history = levels.status_history(ds)
    hengyang = history[history["park_id"] == "hengyang_htz"]
    assert list(hengyang["status"].drop_duplicates()) == ["provincial", "national"]
    assert pd.Timestamp("2012-08-19") in set(hengyang["start"])
    at_2022 = levels.level_at(ds, "2022-11-30")
    at_2023 = levels.level_at(ds, "2023-01-01")
    assert (at_2022["ningxiang_htz"], at_2023["ningxiang_htz"]) == ("provincial", "national")
    planned = levels.area_km2(ds, "planned_area")
    assert planned["hengyang_htz"] == pytest.approx(170.57)
    # approved, administrative or managed areas never stand in for a planned one
    for park in ("ningxiang_htz", "zhanjiang_etdz", "wuchuan_airport_zone", "leizhou_edz"):
        assert park not in planned.index, park
    assert planned["changsha_airport_zone"] == pytest.approx(140)  # its plan's area, not managed
    approved = levels.area_km2(ds, "approved_area")
    assert approved["hengyang_htz"] == pytest.approx(6.0)  # the catalogue's 600 ha
    assert approved.notna().sum() >= 2543


def test_reference_facts_are_background_with_urls(ds):
    refs = ds.sources[ds.sources["kind"] == "reference"]
    assert refs["url"].notna().all()
    assert refs["confidence"].notna().all()


# --------------------------------------------------------------------------- broken copies


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "pkg"
    shutil.copytree(DATA_DIR, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_broken_package_raises_one_error_naming_every_place(tmp_path):
    pkg = _copy(tmp_path)
    _edit(pkg / "parks.csv", ",high_tech_zone,", ",galactic,")
    _edit(pkg / "catalog" / "parks.csv", ",economic_development_zone,", ",cosmic,")
    with pytest.raises(PackageError) as info:
        load_package(pkg)
    problems = info.value.problems
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("catalog/parks.csv", 2, "zone_type"),
        ("parks.csv", 3, "zone_type"),
    ]
    assert "parks.csv:3:zone_type:" in str(info.value)


def test_read_frames_never_drops_a_row(tmp_path):
    pkg = _copy(tmp_path)
    _edit(pkg / "events.csv", ",1996,", ",1996-13,")
    frames = read_frames(pkg)
    assert len(frames.events) == len(read_frames(DATA_DIR).events)
    problems = validate_package(pkg)
    assert [(p.file, p.column) for p in problems] == [("events.csv", "date")]


# --------------------------------------------------------------------------- provenance


@needs_articles
def test_every_article_evidence_is_in_its_article(curated):
    assert [str(p) for p in check_evidence(curated, ARTICLES)] == []
    assert [str(p) for p in check_evidence(DATA_DIR, ARTICLES)] == []


@needs_articles
def test_article_fragments_are_matched_after_normalisation(curated):
    """Article 004 is traditional with pinyin and doubled punctuation; its fragments are quoted
    from the normalised text (OpenCC t2s, pinyin removed, ',,' and ',。' collapsed)."""
    raw = (ARTICLES / "004_20507ea46bee513c.txt").read_text(encoding="utf-8")
    assert ",," in raw and ",。" in raw
    fragment = curated.events.set_index("event_id").loc["liuyang_etdz-e01", "evidence"]
    assert fragment == "6月3日,全省产业园区高质量发展推进会在浏阳召开"
    assert fragment not in raw


@needs_articles
def test_a_description_copied_from_its_article_is_found(curated):
    """check_evidence (run by `parkdata validate --articles`) compares each description_zh with
    the whole normalised article, so a run copied from outside the evidence fragment counts."""
    events = curated.events.copy()
    row = events.index[events["event_id"] == "linwu_ip-e01"][0]
    events.loc[row, "description_zh"] = "园区位于临武县城东南面,2006年8月"  # the next clause
    problems = check_evidence(curated.replace(events=events), ARTICLES)
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("events.csv", row + 2, "description_zh")
    ]


@needs_reference
def test_every_curated_reference_evidence_is_a_quote_of_the_reference_file(curated):
    """Background facts quote ../shared/reference/park_facts.csv. (The catalogue's own rows
    quote catalog_2018.csv by code: tests/test_catalog_build.py.)"""
    quotes = [row["quote"] for row in csv.DictReader(REFERENCE.open(encoding="utf-8"))]
    refs = set(curated.sources.loc[curated.sources["kind"] == "reference", "source_id"])
    missing = []
    for table in ("events", "indicators", "industries"):
        frame = getattr(curated, table)
        for evidence in frame.loc[frame["source_id"].isin(refs), "evidence"]:
            if not any(evidence in quote for quote in quotes):
                missing.append((table, evidence))
    changes = curated.level_changes  # the curated rows: the reference's quotes (not the lc_ pages)
    quoted = changes["source_id"].isin(refs) & ~changes["source_id"].str.startswith(LATER)
    missing += [
        ("level_changes", e)
        for e in changes.loc[
            quoted & changes["park_id"].isin(set(curated.parks["park_id"])), "evidence"
        ]
        if not any(e in q for q in quotes)
    ]
    assert missing == []


def recall_by_article(curated, data_dir) -> dict[str, tuple[int, int, list[str]]]:
    """source_id -> (found, total, misses) for numbers-with-units and dates."""
    sources, indicators, events = curated.sources, curated.indicators, curated.events
    out = {}
    for src in sources[sources["kind"] == "article"].itertuples():
        raw = (ARTICLES / src.article_file).read_text(encoding="utf-8")
        cand = extract_candidates(
            raw, source_id=src.source_id, file_name=src.article_file, data_dir=data_dir
        )
        amounts = {
            (float(v), u)
            for v, u in zip(cand["indicators"]["value"], cand["indicators"]["unit"], strict=True)
        }
        dates = (set(cand["events"]["date"]) | set(cand["level_changes"]["date"])) - {""}
        misses, total = [], 0
        for row in indicators[indicators["source_id"] == src.source_id].itertuples():
            total += 1
            if (float(row.value), row.unit) not in amounts:
                misses.append(f"{row.value} {row.unit}: {row.evidence}")
        changes = curated.level_changes
        changes = changes[changes["change"] != "listed"]  # dated at publication, not in the text
        dated = pd.concat([events, changes])
        dated = dated[(dated["source_id"] == src.source_id) & dated["date"].notna()]
        for row in dated.itertuples():
            total += 1
            if row.date not in dates:
                misses.append(f"{row.date}: {row.evidence}")
        out[src.source_id] = (total - len(misses), total, misses)
    return out


def _print_recall(label: str, result: dict) -> float:
    found = sum(f for f, _, _ in result.values())
    total = sum(t for _, t, _ in result.values())
    for source_id, (f, t, misses) in result.items():
        print(f"{label} {source_id}: {f}/{t} = {f / t:.2f}")  # noqa: T201 - the figure is the point
        for miss in misses:
            print(f"    missed {miss}")  # noqa: T201
    overall = found / total
    print(f"{label} overall recall: {found}/{total} = {overall:.3f}")  # noqa: T201
    return overall


@needs_articles
def test_extract_recalls_the_amounts_and_dates_of_the_dataset(curated):
    """`parkdata extract` proposes most numbers-with-units and dates the dataset holds for each
    article (value+unit, and date), with data/ and without it. Run with -s for the figures."""
    assert _print_recall("with data/", recall_by_article(curated, DATA_DIR)) >= RECALL_FLOOR
    assert _print_recall("article only", recall_by_article(curated, None)) >= RECALL_FLOOR


def test_a_verdict_reused_is_the_verdict_a_full_validation_gives(tmp_path):
    """check_schema reuses a resource's verdict while its bytes, its descriptor and the bytes of
    the resources its foreign keys reference are unchanged: a change to any of them is seen."""
    import json

    from parkdata.data.validation import check_schema
    from parkdata.testing.fixtures import write_fixture

    pkg = write_fixture(tmp_path / "pkg")
    assert check_schema(pkg) == [] and check_schema(pkg) == []  # the second from the cache
    provinces = pkg / "vocab" / "provinces.csv"
    kept = [line for line in provinces.read_text(encoding="utf-8").splitlines()
            if not line.startswith("湖南省,")]  # fmt: skip
    original = provinces.read_text(encoding="utf-8")
    provinces.write_text("\n".join(kept) + "\n", encoding="utf-8")
    found = {(p.file, p.column) for p in check_schema(pkg)}
    assert ("parks.csv", "province") in found  # parks.csv unchanged, its reference is not
    provinces.write_text(original, encoding="utf-8")
    assert check_schema(pkg) == []
    schema = pkg / "schemas" / "parks.json"
    described = json.loads(schema.read_text(encoding="utf-8"))
    next(f for f in described["fields"] if f["name"] == "lat")["constraints"] = {"maximum": 0}
    schema.write_text(json.dumps(described, ensure_ascii=False), encoding="utf-8")
    assert ("parks.csv", "lat") in {(p.file, p.column) for p in check_schema(pkg)}
