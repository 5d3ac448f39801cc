"""parkdata.curate.extract: candidate rows in the package's own columns, verbatim evidence, and
what a dataset (the fixture package) already knows. Recall against the real data and articles:
tests/test_package.py."""

from __future__ import annotations

import shutil

import pytest

from parkdata.curate.extract import (
    Known,
    evidence,
    extract_candidates,
    find_dates,
    find_parks,
    load_known,
)
from parkdata.data.schema import fields, read_descriptor
from parkdata.data.textnorm import simplified_text

PAGE = """郴州經(jīng)開區(qū):跨越發(fā)展正當時
來源:未知 日期:2017-12-25 點擊:次
2017年,郴州經(jīng)開區(qū)預計實現(xiàn)技工貿總收入580億元、外貿進出口總額12億美元。
湖南臨武工業園區設立於1996年,2006年8月經省政府批準為省級工業園區。
為此,園區先期規劃了3000畝土地,計劃用3-5年時間,培育上市企業3-5家。
力爭“十四五”期間引進和培育100名領軍人才。
12月19日,郴州經開區“電子信息新材料產業園(一期)”正式開工建設。
"""


@pytest.fixture(scope="module")
def page():
    return extract_candidates(PAGE, source_id="art_x", data_dir=None)


def test_columns_are_the_packages_own(page, fixture_dir):
    descriptor = read_descriptor(fixture_dir)
    for table, frame in page.items():
        assert list(frame.columns) == [f.name for f in fields(descriptor, table)]


def test_amounts_become_indicator_rows(page):
    ind = page["indicators"]
    got = list(
        zip(ind["value"], ind["value_max"], ind["unit"], ind["qualifier"], ind["kind"], strict=True)
    )
    assert got == [
        ("580", "", "cny_100m", "exact", "estimate"),
        ("12", "", "usd_100m", "exact", "estimate"),
        ("3000", "", "mu", "exact", "actual"),
        ("3", "5", "count", "exact", "target"),
        ("100", "", "count", "exact", "target"),
    ]
    assert list(ind["year"]) == ["2017"] * 5
    assert list(ind["period"])[2:] == ["", "3-5年", "十四五"]
    assert list(ind["target_year"]) == ["", "", "", "", "2025"]  # 十四五 ends in 2025
    assert set(ind["source_id"]) == {"art_x"}
    assert ind["fact_id"].str.fullmatch(r"art_x-cand-i\d\d").all()


def test_dates_keep_their_precision_and_kind(page):
    ev = page["events"]
    assert list(ev["date"]) == ["2017", "1996", "2017-12-19"]
    assert list(ev["event"]) == ["other", "established", "project_start"]
    assert "year from the article date" in ev["description_en"].iloc[2]
    changes = page["level_changes"]  # an approval is a level change, not an event
    dated = changes[changes["change"] != "listed"]
    assert list(zip(dated["date"], dated["change"], dated["level_after"], strict=True)) == [
        ("2006-08", "approved", "provincial")
    ]


def test_parks_by_suffix_with_level_and_zone_type(page):
    parks = page["parks"].set_index("name_zh")
    assert {"郴州经开区", "湖南临武工业园区", "电子信息新材料产业园"} <= set(parks.index)
    assert parks.loc["郴州经开区", "zone_type"] == "economic_development_zone"
    assert parks.loc["湖南临武工业园区", "zone_type"] == "industrial_park"


def test_every_evidence_is_a_short_verbatim_substring(page):
    text = simplified_text(PAGE)
    for frame in page.values():
        col = "evidence"
        if col not in frame:
            continue
        for fragment in frame[col]:
            assert len(fragment) <= 40
            assert fragment == "" or fragment in text


def test_evidence_contains_the_match_and_stays_within_40():
    line = (
        "2017年,郴州经开区预计实现技工贸总收入580亿元、实缴税金5.5亿元、"
        "招商引资总额49亿元、外贸进出口总额12亿美元"
    )
    start = line.index("12亿美元")
    fragment = evidence(line, start, start + 6)
    assert "12亿美元" in fragment and len(fragment) <= 40 and fragment in line


def test_known_names_map_to_park_ids_but_bare_suffixes_need_a_boundary():
    known = Known(names={"郴州经开区": "chenzhou", "经开区": "zhanjiang"})
    lines = ["郴州经开区提出了2018年创建国家级经开区的目标", "经开区、奋勇、雷州:推动建设"]
    found = [(m.line, name) for m, name in find_parks(lines, known)]
    assert found == [(0, "郴州经开区"), (1, "经开区")]


def test_alias_names_the_park_before_it():
    lines = ["衡阳高新区2012年升级为国家高新区(以下统称高新区)。高新区位于衡阳市。"]
    names = [name for _, name in find_parks(lines, Known())]
    assert names[-1] == "衡阳高新区" and "以下统称高新区" not in names


def test_month_day_without_any_year_stays_undated():
    (dm,) = find_dates(["6月3日,推进会在浏阳召开。"], None)
    assert dm.date == "" and dm.inferred_year


def test_a_dataset_names_its_parks_and_they_are_not_proposed_again(fixture_dir):
    known = extract_candidates(PAGE, source_id="art_x", data_dir=fixture_dir)
    ind = known["indicators"]
    assert list(ind["park_id"]) == ["cz-etdz", "cz-etdz", "linwu", "linwu", "linwu"]
    assert list(known["events"]["park_id"][:2]) == ["cz-etdz", "linwu"]
    approval = known["level_changes"][known["level_changes"]["change"] == "approved"]
    assert list(approval["park_id"]) == ["linwu"]
    assert list(known["parks"]["name_zh"]) == ["电子信息新材料产业园"]  # the only new name


def test_load_known_reads_the_packages_tables(fixture_dir):
    known = load_known(fixture_dir)
    assert known.names["郴州经开区"] == "cz-etdz" and known.names["湖南临武工业园区"] == "linwu"
    assert known.sources == {"000.txt": "art-a"}
    assert known.published["art-a"] == "2021-09-28"
    assert load_known(None) == Known()


def test_indicators_are_named_by_the_packages_vocabulary(fixture_dir, ds):
    """With a dataset, the indicator of an amount is a code of its indicator_types (read from
    vocab/indicator_types.csv): 工业产值 is industrial_output, never a slug the package lacks."""
    raw = "标题\n来源:未知 日期:2021-09-28 点击:\n2020年园区实现工业产值58亿元。\n"
    rows = extract_candidates(raw, source_id="art-a", data_dir=fixture_dir)["indicators"]
    assert list(rows["indicator"]) == ["industrial_output"]
    assert load_known(fixture_dir).indicators == set(ds.vocab["indicator_types"].codes())


def test_nothing_is_written(fixture_dir, tmp_path):
    package = tmp_path / "pkg"
    shutil.copytree(fixture_dir, package)
    before = {p: p.stat().st_mtime_ns for p in package.rglob("*")}
    extract_candidates(PAGE, data_dir=package)
    assert {p: p.stat().st_mtime_ns for p in package.rglob("*")} == before
