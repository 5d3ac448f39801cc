"""`parkdata` command line: normalize, extract, validate (every fault named by its place, each
origin by its own files) and export (the dashboard's downloads), through typer's CliRunner."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from parkdata.curate.cli import app
from parkdata.curate.evidence import check_evidence
from parkdata.testing.synthetic import generate_package

runner = CliRunner()

# A traditional-character article with a pinyin annotation, as the sources come.
ARTICLE = """Network
當前位置:主頁 > 新聞中心 >
郴州經開區:跨越發展正當時
來源:未知 日期:2017-12-25 點擊:次
2017年,郴州經開區預計實現技工貿總收(shōu)入580億元、外貿進出口總額12億美元。
"""
EVIDENCE = "技工贸总收入580亿元"


# --------------------------------------------------------------------------- a small package


def _read(d: Path, table: str) -> pd.DataFrame:
    return pd.read_csv(d / f"{table}.csv", dtype=str, keep_default_na=False)


def _write(d: Path, table: str, frame: pd.DataFrame) -> None:
    frame.to_csv(d / f"{table}.csv", index=False, lineterminator="\n")


@pytest.fixture(scope="module")
def valid(tmp_path_factory) -> tuple[Path, Path]:
    """(package, articles): a valid synthetic package whose first indicator cites an article."""
    root = tmp_path_factory.mktemp("cli")
    package = generate_package(12, root / "package", seed=1)
    articles = root / "articles"
    articles.mkdir()
    (articles / "t.txt").write_text(ARTICLE, encoding="utf-8")
    sources = _read(package, "sources")
    article = {c: "" for c in sources.columns}
    article.update(
        source_id="art-t",
        kind="article",
        title_zh="郴州经开区:跨越发展正当时",
        title_en="Chenzhou EDZ: the time for leapfrog development is now",
        publisher="achie.org",
        publisher_en="achie.org",
        published="2017-12-25",
        article_file="t.txt",
    )
    _write(package, "sources", pd.concat([sources, pd.DataFrame([article])], ignore_index=True))
    indicators = _read(package, "indicators")
    indicators.loc[0, ["park_id", "region", "indicator", "value", "value_max"]] = [
        "syn-000000",
        "",
        "total_revenue",
        "580",
        "",
    ]
    indicators.loc[0, ["qualifier", "unit", "kind", "target_year"]] = [
        "exact",
        "cny_100m",
        "estimate",
        "",
    ]  # the figure its evidence writes, an expectation (预计)
    indicators.loc[0, ["source_id", "evidence"]] = ["art-t", EVIDENCE]
    _write(package, "indicators", indicators)
    return package, articles


def _set(table: str, index: int, **values: str) -> Callable[[Path], None]:
    def mutate(d: Path) -> None:
        frame = _read(d, table)
        for column, value in values.items():
            frame.loc[index, column] = value
        _write(d, table, frame)

    return mutate


def _gbk(d: Path) -> None:
    path = d / "parks.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))


def _duplicate_fact_id(d: Path) -> None:
    frame = _read(d, "indicators")
    frame.loc[2, "fact_id"] = frame.loc[1, "fact_id"]
    _write(d, "indicators", frame)


def _outside_province(d: Path) -> None:
    frame = _read(d, "parks")
    row = frame.index[(frame["province"] != "湖南省") & (frame["lat"] != "")][0]
    frame.loc[row, ["lat", "lon"]] = ["28.2282", "112.9388"]  # Changsha, in 湖南省
    _write(d, "parks", frame)
    (d / "outside_row.txt").write_text(str(row + 2))


# name -> (break, file, row (CSV line; None = read from the package), column, word in message)
FAULTS = {
    "wrong_enum": (_set("parks", 2, zone_type="galactic"), "parks.csv", 4, "zone_type", "galactic"),
    "missing_key": (_set("parks", 3, park_id=""), "parks.csv", 5, "park_id", ""),
    "bad_date": (_set("events", 4, date="2006/08"), "events.csv", 6, "date", "2006/08"),
    "unknown_unit": (_set("indicators", 1, unit="furlong"), "indicators.csv", 3, "unit", "furlong"),
    "evidence_not_in_article": (
        _set("indicators", 0, evidence="技工贸收入580亿元"),  # holds the number, not in the text
        "indicators.csv",
        2,
        "evidence",
        "技工贸收入580",
    ),
    "outside_province": (_outside_province, "parks.csv", None, "lat", "outside"),
    "gbk_encoded": (_gbk, "parks.csv", 2, "", "gbk"),
    "duplicate_id": (_duplicate_fact_id, "indicators.csv", 4, "fact_id", "fact-0000001"),
}


@pytest.fixture
def broken(request, valid, tmp_path):
    package, articles = valid
    mutate, file, row, column, word = FAULTS[request.param]
    target = tmp_path / request.param
    shutil.copytree(package, target)
    mutate(target)
    if row is None:
        row = int((target / "outside_row.txt").read_text())
    return target, articles, f"{file}:{row}:{column}:", word


def test_valid_package_is_ok_with_row_counts_per_file(valid):
    package, articles = valid
    result = runner.invoke(app, ["validate", str(package), "--articles", str(articles)])
    assert result.exit_code == 0, result.output
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"OK {package}: ")
    assert "sources.csv 13, parks.csv 12, events.csv " in line
    assert "catalog/" not in line  # a package of one origin
    assert "evidence checked" in line


def test_both_origins_are_counted_file_by_file(fixture_dir):
    result = runner.invoke(app, ["validate", str(fixture_dir)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        f"OK {fixture_dir}: sources.csv 3, parks.csv 7, events.csv 4, indicators.csv 5, "
        "industries.csv 4, catalog/parks.csv 3, catalog/events.csv 0, "
        "catalog/indicators.csv 3, catalog/industries.csv 2, national/parks.csv 0, "
        "national/events.csv 0, national/indicators.csv 0, national/industries.csv 0, "
        "level_changes.csv 4, catalog/level_changes.csv 3 rows"
    )


@pytest.mark.parametrize("broken", sorted(FAULTS), indirect=True)
def test_validate_names_the_place_of_every_fault(broken):
    package, articles, place, word = broken
    result = runner.invoke(app, ["validate", str(package), "--articles", str(articles)])
    assert result.exit_code == 1
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith(place)]
    assert lines, f"no problem at {place} in:\n{result.output}"
    assert any(word.lower() in ln.lower() for ln in lines)
    assert "problem(s) in" in result.stderr


def test_a_catalogue_fault_is_named_by_its_catalogue_file(fixture_dir, tmp_path):
    target = tmp_path / "pkg"
    shutil.copytree(fixture_dir, target)
    zones = target / "catalog" / "parks.csv"
    zones.write_text(
        zones.read_text(encoding="utf-8").replace(",high_tech_zone,", ",galactic,", 1),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(target)])
    assert result.exit_code == 1
    assert result.stdout.startswith("catalog/parks.csv:")
    assert ":zone_type:" in result.stdout.splitlines()[0] and "galactic" in result.stdout


def test_evidence_is_checked_only_with_articles(valid, tmp_path):
    package, articles = valid
    target = tmp_path / "p"
    shutil.copytree(package, target)
    FAULTS["evidence_not_in_article"][0](target)
    assert runner.invoke(app, ["validate", str(target)]).exit_code == 0
    problems = check_evidence(target, articles)
    assert [(p.file, p.row, p.column) for p in problems] == [("indicators.csv", 2, "evidence")]


def test_a_catalogue_fact_citing_an_article_is_checked_in_its_own_file(fixture_dir, tmp_path):
    """Evidence is checked origin by origin: a catalogue row that cites an article and
    misquotes it is named by its line in catalog/indicators.csv."""
    target = tmp_path / "pkg"
    shutil.copytree(fixture_dir, target)
    path = target / "catalog" / "indicators.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[1, ["source_id", "evidence"]] = ["art-a", "S449001 210.5"]
    frame.to_csv(path, index=False, lineterminator="\n")
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "000.txt").write_text("标题\n正文没有这个数字。\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(target), "--articles", str(articles)])
    assert result.exit_code == 1
    assert "catalog/indicators.csv:3:evidence: evidence not found" in result.stdout


def test_missing_article_file_is_named(valid, tmp_path):
    package, _ = valid
    result = runner.invoke(app, ["validate", str(package), "--articles", str(tmp_path)])
    assert result.exit_code == 1
    assert "sources.csv:14:article_file: no file t.txt" in result.stdout
    assert result.stdout.count("sources.csv:14:article_file") == 1  # once, not once per origin


def test_a_missing_articles_folder_is_a_usage_error(valid, tmp_path):
    package, _ = valid
    result = runner.invoke(app, ["validate", str(package), "--articles", str(tmp_path / "no")])
    assert result.exit_code == 2 and "no folder" in result.stderr


# --------------------------------------------------------------------------- normalize, extract


@pytest.fixture
def article_file(tmp_path) -> Path:
    path = tmp_path / "t.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_normalize_prints_header_then_simplified_body(article_file):
    result = runner.invoke(app, ["normalize", str(article_file)])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "标题 title: 郴州经开区:跨越发展正当时",
        "日期 date: 2017-12-25",
        "来源 publisher: (missing)",
        "",
        "2017年,郴州经开区预计实现技工贸总收入580亿元、外贸进出口总额12亿美元。",
    ]


def test_extract_prints_one_csv_block_per_table(article_file, tmp_path):
    no_data = tmp_path / "empty"  # no dataset: every park is a new candidate
    no_data.mkdir()
    result = runner.invoke(
        app, ["extract", str(article_file), "--source-id", "art-t", "--data", str(no_data)]
    )
    assert result.exit_code == 0
    blocks = result.stdout.split("\n\n")
    assert [b.splitlines()[0] for b in blocks] == [
        "# parks.csv (1 candidates)",
        "# events.csv (1 candidates)",
        "# level_changes.csv (0 candidates)",
        "# indicators.csv (2 candidates)",
    ]
    rows = list(csv.DictReader(io.StringIO(blocks[3].split("\n", 1)[1])))
    assert [(r["value"], r["unit"], r["kind"], r["source_id"]) for r in rows] == [
        ("580", "cny_100m", "estimate", "art-t"),
        ("12", "usd_100m", "estimate", "art-t"),
    ]
    assert EVIDENCE in rows[0]["evidence"]
    parks = list(csv.DictReader(io.StringIO(blocks[0].split("\n", 1)[1])))
    assert [(p["name_zh"], p["zone_type"]) for p in parks] == [
        ("郴州经开区", "economic_development_zone")
    ]


def test_extract_knows_the_datasets_parks_and_source(fixture_dir, tmp_path):
    """With a dataset, a known park gets its park_id and is not proposed again, and the article
    file names its source."""
    article = tmp_path / "000.txt"  # the fixture's art-a
    article.write_text(ARTICLE, encoding="utf-8")
    args = ["extract", str(article), "--data", str(fixture_dir)]
    rows = list(
        csv.DictReader(io.StringIO(runner.invoke(app, [*args, "--table", "indicators"]).stdout))
    )
    assert {r["park_id"] for r in rows} == {"cz-etdz"}  # 郴州经开区, the fixture's short name
    assert {r["source_id"] for r in rows} == {"art-a"}
    parks = runner.invoke(app, [*args, "--table", "parks"]).stdout.splitlines()
    assert len(parks) == 1  # the header only


def test_extract_one_table_without_header_appends_cleanly(article_file):
    result = runner.invoke(
        app,
        ["extract", str(article_file), "--table", "events", "--no-header", "--source-id", "x"]
        + ["--data", str(article_file.parent)],  # no dataset there
    )
    assert result.exit_code == 0
    (row,) = list(csv.reader(io.StringIO(result.stdout)))
    assert row[0] == "x-cand-e01" and row[3] == "2017"


def test_extract_of_a_missing_file_fails(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "none.txt")])
    assert result.exit_code == 2


# --------------------------------------------------------------------------- export


def export(fixture_dir: Path, *args: str):
    return runner.invoke(app, ["export", "--data", str(fixture_dir), *args])


def test_export_csv_has_bom_and_only_the_filtered_parks(fixture_dir, tmp_path):
    result = export(
        fixture_dir, "--level", "national", "--province", "湖南省", "--out", str(tmp_path)
    )
    assert result.exit_code == 0, result.output
    (path,) = tmp_path.iterdir()
    assert path.name == "parkdata_园区_省份-湖南省_级别-国家级.csv"
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.StringIO(data.decode("utf-8-sig")), dtype=str)
    assert list(frame[frame.columns[-1]]) == ["cs-hitech"]  # park_id, last
    assert result.stdout.strip() == f"wrote {path} (1 rows)"


def test_export_parks_carry_the_approved_area_only(fixture_dir, tmp_path):
    out = tmp_path / "parks.csv"
    result = export(fixture_dir, "--lang", "en", "--out", str(out))
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(out.read_text(encoding="utf-8-sig")), dtype=str)
    area = [c for c in frame.columns if "km²" in c or "km2" in c]
    assert len(area) == 1 and "pproved" in area[0]  # one scope, named
    by_id = frame.set_index(frame.columns[-1])[area[0]]
    assert by_id["cs-hitech"] == "11.17"  # the catalogue's 1117 ha, not the planned 12.5 km²
    assert pd.isna(by_id["zj-etdz"])  # an administrative area only: empty, never 0
    assert len(frame) == 9


def test_export_by_origin_and_as_geojson_in_english(fixture_dir, tmp_path):
    geo = tmp_path / "zones.geojson"
    result = export(
        fixture_dir,
        "--format",
        "geojson",
        "--origin",
        "catalog_2018",
        "--lang",
        "en",
        "--out",
        str(geo),
    )
    assert result.exit_code == 0, result.output
    collection = json.loads(geo.read_text(encoding="utf-8"))
    # cs-hitech is curated and linked to its catalogue entry, so it is of both origins
    assert [f["id"] for f in collection["features"]] == ["cs-hitech", "s449001", "g111001"]
    props = collection["features"][1]["properties"]
    assert (props["origin"], props["level"], props["province"]) == (
        "National catalogue",
        "Provincial",
        "Guangdong",
    )
    assert "Source of zone=National catalogue" in collection["metadata"]["filters"]


def test_export_as_of_a_date(fixture_dir, tmp_path):
    out = tmp_path / "then.csv"
    result = export(fixture_dir, "--level", "national", "--as-of", "2000", "--out", str(out))
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(out.read_text(encoding="utf-8-sig")), dtype=str)
    assert sorted(frame[frame.columns[-1]]) == ["cs-hitech", "g111001"]  # national in 2000
    bad = export(fixture_dir, "--as-of", "yesterday", "--out", str(tmp_path / "x.csv"))
    assert bad.exit_code == 2 and "not a date" in bad.stderr


def test_export_xlsx_of_indicators(fixture_dir, tmp_path):
    xlsx = tmp_path / "ind.xlsx"
    result = export(fixture_dir, "--table", "indicators", "--format", "xlsx", "--out", str(xlsx))
    assert result.exit_code == 0, result.output
    book = load_workbook(xlsx)
    assert book.sheetnames == ["data", "metadata"]
    assert book["data"].max_row == 1 + 8  # header and every indicator row
    metadata = {row[0].value: row[1].value for row in book["metadata"].iter_rows(min_row=2)}
    assert metadata["licence"] == "CC-BY-4.0" and metadata["rows"] == "8"


def test_export_refuses_an_unknown_value(fixture_dir, tmp_path):
    result = export(fixture_dir, "--origin", "wikipedia", "--out", str(tmp_path / "x.csv"))
    assert result.exit_code == 2
    assert "--origin wikipedia is not one of: articles, catalog_2018" in result.stderr
    assert not (tmp_path / "x.csv").exists()


def test_export_geojson_is_for_parks_only(fixture_dir, tmp_path):
    result = export(
        fixture_dir,
        "--table",
        "events",
        "--format",
        "geojson",
        "--out",
        str(tmp_path / "x.geojson"),
    )
    assert result.exit_code == 2
    assert not (tmp_path / "x.geojson").exists()


def test_export_of_a_broken_package_names_the_problem(fixture_dir, tmp_path):
    target = tmp_path / "pkg"
    shutil.copytree(fixture_dir, target)
    changes = target / "level_changes.csv"
    changes.write_text(
        changes.read_text(encoding="utf-8").replace(",national,", ",galactic,", 1),
        encoding="utf-8",
    )
    result = export(target, "--out", str(tmp_path / "x.csv"))
    assert result.exit_code == 1
    assert "level_changes.csv:" in result.stderr and ":level_after:" in result.stderr
    assert not (tmp_path / "x.csv").exists()
