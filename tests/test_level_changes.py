"""Levels as they stand: a level is a dated row of the level changes, stored once, and every view
derives it (issue 16).

On the fixture package: one added row moves the map colour, the counts, the filter, the export
and the profile; a new year of changes is one source row and rows in one CSV. On the national
package: the as-of sweep from the catalogue's date to today, the counts beside the official
ones, the reference table's changes that two sources agree on, and the Hunan zones upgraded
since 2018."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pytest

from parkdata.data.dates import date_ends
from parkdata.data.package import load_package
from parkdata.data.schema import DATA_DIR
from parkdata.data.validation import validate_package
from parkdata.model import levels, official, overview
from parkdata.model import profile as model_profile
from parkdata.model.filters import Filters, apply_filters
from parkdata.present import exports, maps, tables
from parkdata.present import profile as present_profile
from parkdata.present.labels import Labels
from parkdata.testing.fixtures import LEVEL_CHANGES, SOURCES, write_fixture

REFERENCE = DATA_DIR.parent.parent / "shared" / "reference" / "later_changes_2018_2026.csv"

UPGRADE = {
    "change_id": "s449001-c02",
    "park_id": "s449001",
    "date": "2021-06",
    "change": "upgraded",
    "level_before": "provincial",
    "level_after": "national",
    "document": "国办函〔2021〕64号",
    "description_zh": "升为国家级经开区",
    "description_en": "Upgraded to a national ETDZ",
    "source_id": "ref-gb",
    "evidence": "遂溪经开区升级为国家级",
    "confidence": "one_source",
}


@pytest.fixture(scope="module")
def before(fixture_dir):
    return load_package(fixture_dir)


@pytest.fixture(scope="module")
def after(tmp_path_factory):
    package = write_fixture(
        tmp_path_factory.mktemp("one-row"), tables={"level_changes": [*LEVEL_CHANGES, UPGRADE]}
    )
    return load_package(package)


def test_one_row_moves_the_level_everywhere(before, after):
    zh = Labels(after.vocab, "zh")
    # the level and its date, source and confidence
    was = before.parks.set_index("park_id").loc["s449001"]
    now = after.parks.set_index("park_id").loc["s449001"]
    assert (was["level"], now["level"]) == ("provincial", "national")
    assert (now["level_as_of"], now["level_change_id"], now["level_confidence"]) == (
        "2021-06", "s449001-c02", "one_source",
    )  # fmt: skip
    # the filter and the counts
    national = apply_filters(after, Filters(levels=("national",)))
    assert "s449001" in set(national.parks["park_id"])
    assert overview.figures(after, pd.Series(dtype="Float64"), "approved_area").n_by_level == {
        "national": 4, "provincial": 2, "unknown": 3,
    }  # fmt: skip
    # the map: the point's colour, its tooltip marks a one-source level
    point = maps.park_points(after.parks, zh).set_index("park_id").loc["s449001"]
    assert point["line_colour"] == maps.rgb(after.vocab["levels"].colour("national"))
    assert point["tt_2"] == "国家级 (单一来源)"
    # the export: the parks table as downloaded, with the date it became national
    frame = tables.labelled(tables.parks_table(after, zh), zh)
    exported = pd.read_csv(io.BytesIO(exports.csv_bytes(frame)), dtype=str, encoding="utf-8-sig")
    row = exported.set_index(zh.column("park_id")).loc["s449001"]
    assert row[zh.column("level")] == "国家级"
    assert row[zh.column("first_national")] == "2021-06"
    assert row[zh.column("level_confidence")] == "单一来源"
    # the profile: the change with its document and source
    got = model_profile.park_profile(after, "s449001")
    history = present_profile.frames(got, after, zh)["level_history"]
    assert list(history["date"]) == ["2006-04", "2021-06"]
    assert history["document"].iloc[-1] == "国办函〔2021〕64号"
    assert history["change"].iloc[-1] == "升级"


def test_the_as_of_view_holds_the_level_before_the_change(after):
    then = apply_filters(after, Filters(as_of="2021-05"))
    assert then.parks.set_index("park_id").loc["s449001", "level"] == "provincial"
    now = apply_filters(after, Filters(as_of="2021-06"))
    assert now.parks.set_index("park_id").loc["s449001", "level"] == "national"
    assert "s449001-c02" not in set(then.level_changes["change_id"])


def test_a_new_year_of_changes_is_one_source_row_and_rows_in_one_csv(tmp_path):
    source = {
        "source_id": "gov-2027",
        "kind": "reference",
        "title_zh": "国务院关于同意遂溪经济开发区升级的批复",
        "title_en": "State Council reply approving the upgrade of the Suixi EDZ",
        "publisher": "国务院",
        "publisher_en": "State Council",
        "published": "2027-05",
        "url": "https://example.org/2027",
        "confidence": "high",
    }
    change = UPGRADE | {
        "change_id": "s449001-c03",
        "date": "2027-05-10",
        "change": "renamed",
        "level_before": "provincial",
        "level_after": "provincial",
        "name_after": "湛江遂溪经济开发区",
        "name_en_after": "Zhanjiang Suixi Economic Development Zone",
        "description_zh": "改用新名称",
        "description_en": "Renamed",
        "source_id": "gov-2027",
        "evidence": "同意更名为湛江遂溪经济开发区",
        "confidence": "official",
    }
    package = write_fixture(
        tmp_path / "pkg",
        tables={"sources": [*SOURCES, source], "level_changes": [*LEVEL_CHANGES, change]},
    )
    assert validate_package(package) == []
    ds = load_package(package)
    zone = ds.parks.set_index("park_id").loc["s449001"]
    assert (zone["name_zh"], zone["name_en"]) == (
        "湛江遂溪经济开发区",
        "Zhanjiang Suixi Economic Development Zone",
    )
    # the old names (full, short and English) stay searchable; the short name follows
    assert zone["former_names"] == "广东遂溪经济开发区 / 遂溪经开区"
    assert zone["short_name_zh"] == "湛江遂溪经开区"
    for old in ("广东遂溪经济开发区", "遂溪经开区", zone["former_names_en"]):
        assert list(apply_filters(ds, Filters(text=old)).parks["park_id"]) == ["s449001"], old
    assert levels.level_at(ds, "2028")["s449001"] == "provincial"


def test_a_change_naming_no_zone_or_an_unknown_confidence_is_found(tmp_path):
    bad = UPGRADE | {"change_id": "x-1", "park_id": "nowhere"}
    package = write_fixture(tmp_path / "pkg", tables={"level_changes": [*LEVEL_CHANGES, bad]})
    problems = [(p.file, p.row, p.column) for p in validate_package(package)]
    assert problems == [("level_changes.csv", len(LEVEL_CHANGES) + 2, "park_id")]


# -- the national package --------------------------------------------------------------------


@pytest.fixture(scope="module")
def real():
    return load_package(DATA_DIR)


def national_by_type(ds, when) -> dict[str, int]:
    held = levels.level_at(ds, when)
    kinds = ds.parks.set_index("park_id")["zone_type"]
    return kinds[held[held == "national"].index].value_counts().to_dict()


def test_as_of_sweep_from_the_catalogue_to_today(real):
    """Month by month from 2018-03: national high-tech zones and ETDZs only rise by dated
    upgrades and fall by dated revocations; at the catalogue's date the package differs from
    the catalogue's 552 by the 2018 upgrades dated in the same months, and names them."""
    months = pd.period_range("2018-03", "2026-12", freq="M")
    previous: dict[str, int] | None = None
    changes = levels.changes_of(real)
    for month in months:
        end = month.end_time.normalize()
        counts = national_by_type(real, end)
        if previous is not None:
            this_month = changes[(changes["start"] > month.start_time - pd.Timedelta(days=1))]
            this_month = this_month[this_month["start"] <= end]
            for kind in ("high_tech_zone", "economic_development_zone"):
                step = counts.get(kind, 0) - previous.get(kind, 0)
                assert step == 0 or len(this_month), (str(month), kind, step)
        previous = counts
    listed, held, moved = official.catalogue_difference(real)
    assert (listed, held) == (552, 564)
    assert len(moved) == held - listed == 12
    assert set(moved["change"]) == {"upgraded"} and set(moved["date"].str[:7]) <= {
        "2018-02", "2018-03",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("when", "high_tech", "etdz"),
    [
        ("2018-03-31", 168, 219),  # 156 + the 12 upgrades of 2018-02/03
        ("2020-01-17", 168, 218),  # 酒泉 revoked
        # 石嘴山 revoked; 雅安 (its sources give the year only) counts from 2021-01-01
        ("2021-01-27", 168, 218),
        ("2021-06-30", 168, 230),  # the 13 of 国办函〔2021〕64号
        ("2022-06-16", 172, 230),  # 滁州, 信阳, 克拉玛依, 遵义
        ("2023-06-30", 176, 230),  # 许昌, 宁乡, 拉萨 (2022-12), 阿拉尔 (2023-06)
        ("2024-10-31", 176, 234),  # the 4 of 国办函〔2024〕83号
        ("2026-02-28", 177, 234),  # 雄安
    ],
)
def test_national_counts_at_the_dates_of_change(real, when, high_tech, etdz):
    counts = national_by_type(real, when)
    assert (counts["high_tech_zone"], counts["economic_development_zone"]) == (high_tech, etdz)


def test_every_official_count_matches_or_its_difference_is_explained(real):
    rows = official.reconcile(real)
    assert len(rows) == len(real.official_counts) >= 10
    differs = rows[rows["difference"] != 0]
    assert differs["difference_zh"].notna().all() and differs["difference_en"].notna().all()
    assert (rows.loc[rows["difference"] == 0, "difference_en"].isna()).all()
    by_id = rows.set_index("count_id")
    assert (by_id.at["htz-2022-06-16", "official"], by_id.at["htz-2022-06-16", "package"]) == (
        173, 172,
    )  # fmt: skip
    assert by_id.at["etdz-2021-06", "difference"] == 0
    assert by_id.at["ftz-2023-11", "package"] == 22


def _normal(name: str) -> str:
    return re.sub(r"[（）()\s]", "", name)


@pytest.mark.skipif(
    not REFERENCE.exists(), reason="../shared/reference is not beside the repository"
)
def test_the_reference_changes_two_sources_agree_on_are_applied(real):
    """Every row of the research table whose confidence is 'two sources agree': the zone (by
    its current or former name) holds the new level by the end of the row's date."""
    names: dict[str, str] = {}
    for row in real.parks.itertuples():
        for name in [
            row.name_zh,
            *(str(row.former_names).split(" / ") if isinstance(row.former_names, str) else []),
        ]:
            names[_normal(name)] = row.park_id
    aliases = {"成都青白江经济技术开发区": "成都国际铁路港经济技术开发区"}  # its name on upgrade
    with REFERENCE.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["confidence"] == "two sources agree"]
    assert len(rows) == 33
    checked = 0
    for row in rows:
        if (
            row["zone_type"].startswith("高新技术产业开发区 (rename")
            or "扩展区域" in row["name_zh"]
        ):
            continue  # a provincial zone of three provinces; an area extension: not applied
        park = names.get(_normal(aliases.get(row["name_zh"], row["name_zh"])))
        assert park, row["name_zh"]
        when = date_ends(pd.Series([row["date"].split("..")[0]])).iloc[0]
        expected = {"removed": "removed"}.get(row["new_level"], row["new_level"])
        assert levels.level_at(real, when)[park] == expected, row["name_zh"]
        checked += 1
    assert checked == 32


def test_the_hunan_zones_upgraded_since_2018_are_national_and_dated(real):
    zh = Labels(real.vocab, "zh")
    hunan = {"s437057": "2021-06", "s437024": "2021-06", "s438064": "2018-02-28",
             "ningxiang_htz": "2022-12"}  # fmt: skip
    parks = real.parks.set_index("park_id")
    frame = tables.parks_table(real, zh).set_index("park_id")
    points = maps.park_points(real.parks, zh).set_index("park_id")
    for park_id, date in hunan.items():
        assert parks.at[park_id, "level"] == "national", park_id
        assert frame.at[park_id, "first_national"] == date, park_id
        assert points.at[park_id, "level"] == "national", park_id
        assert levels.level_at(real, pd.Timestamp(date) - pd.Timedelta(days=1))[park_id] != (
            "national"
        )


def test_a_revoked_zone_keeps_its_history_and_stops_counting(real):
    jiuquan = real.parks.set_index("park_id").loc["g621210"]
    assert jiuquan["level"] == "removed" and jiuquan["level_as_of"] == "2020-01-17"
    assert levels.level_at(real, "2020-01-16")["g621210"] == "national"
    history = levels.status_history(real)
    mine = history[history["park_id"] == "g621210"]
    assert list(mine["status"]) == ["national", "removed"]


def test_a_rename_keeps_the_old_name_searchable(real):
    found = apply_filters(real, Filters(text="东山经济技术开发区")).parks
    assert list(found["name_zh"]) == ["东山湾古雷经济技术开发区"]
    chuxiong = real.parks.set_index("park_id").loc["s537004"]
    assert (chuxiong["name_zh"], chuxiong["zone_type"]) == (
        "楚雄高新技术产业开发区",
        "high_tech_zone",
    )
    assert chuxiong["former_names"] == "云南楚雄经济开发区 / 楚雄经开区"
    assert chuxiong["former_names_en"] == "Yunnan Chuxiong Economic Development Zone"
    assert chuxiong["short_name_zh"] == "楚雄高新区"


def test_zones_outside_the_catalogue_are_zones_of_their_own(real):
    others = real.parks[real.parks["origin"] == "national_other"]
    assert len(others) == 29
    assert (others["zone_type"] == "free_trade_zone").sum() == 22
    assert not set(others["name_zh"]) & set(
        real.parks.loc[real.parks["origin"] != "national_other", "name_zh"]
    )
    assert others["lat"].notna().all() and others["location_precision"].notna().all()


def test_every_level_shown_says_as_of_when(real):
    got = overview.figures(real, pd.Series(dtype="Float64"), "approved_area")
    assert got.levels_as_of == "2026-03-19"  # the newest level fact: a source listing levels
    then = apply_filters(real, Filters(as_of="2019"))
    assert overview.figures(then, pd.Series(dtype="Float64"), "approved_area").levels_as_of == (
        "2019-08-26"
    )


def test_one_source_and_inferred_levels_are_marked(real):
    marked = set(real.vocab["change_confidences"].where("marked"))
    yongzhou = real.parks.set_index("park_id").loc["s437057"]
    assert yongzhou["level_confidence"] in marked  # one unattributed list, matching the total
    zh = Labels(real.vocab, "zh")
    point = maps.park_points(real.parks[real.parks["park_id"] == "s437057"], zh).iloc[0]
    assert point["tt_2"] == "国家级 (推断)"
