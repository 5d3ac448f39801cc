"""`parkdata` command line: normalize, extract, validate (every fault named by its place) and
export, through typer's CliRunner."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from parkdata.curate.cli import app
from parkdata.curate.evidence import check_evidence
from parkdata.data.schema import DATA_DIR
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
        published="2017-12-25",
        article_file="t.txt",
    )
    _write(package, "sources", pd.concat([sources, pd.DataFrame([article])], ignore_index=True))
    indicators = _read(package, "indicators")
    indicators.loc[0, ["indicator", "value", "value_max", "qualifier", "unit"]] = [
        "total_revenue",
        "580",
        "",
        "exact",
        "cny_100m",
    ]  # the figure its evidence writes
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
    row = frame.index[frame["province"] == "广东省"][0]
    frame.loc[row, ["lat", "lon"]] = ["28.2282", "112.9388"]  # Changsha, in 湖南省
    _write(d, "parks", frame)
    (d / "outside_row.txt").write_text(str(row + 2))


# name -> (break, file, row (CSV line; None = read from the package), column, word in message)
FAULTS = {
    "wrong_enum": (_set("parks", 2, level="galactic"), "parks.csv", 4, "level", "galactic"),
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


def test_valid_package_is_ok_with_row_counts(valid):
    package, articles = valid
    result = runner.invoke(app, ["validate", str(package), "--articles", str(articles)])
    assert result.exit_code == 0, result.output
    (line,) = result.output.strip().splitlines()
    assert line.startswith("OK ") and "parks 12" in line and "sources 13" in line
    assert "evidence checked" in line


@pytest.mark.parametrize("broken", sorted(FAULTS), indirect=True)
def test_validate_names_the_place_of_every_fault(broken):
    package, articles, place, word = broken
    result = runner.invoke(app, ["validate", str(package), "--articles", str(articles)])
    assert result.exit_code == 1
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith(place)]
    assert lines, f"no problem at {place} in:\n{result.output}"
    assert any(word.lower() in ln.lower() for ln in lines)


def test_evidence_is_checked_only_with_articles(valid, tmp_path):
    package, articles = valid
    target = tmp_path / "p"
    shutil.copytree(package, target)
    FAULTS["evidence_not_in_article"][0](target)
    assert runner.invoke(app, ["validate", str(target)]).exit_code == 0
    problems = check_evidence(target, articles)
    assert [(p.file, p.row, p.column) for p in problems] == [("indicators.csv", 2, "evidence")]


def test_missing_article_file_is_named(valid, tmp_path):
    package, _ = valid
    result = runner.invoke(app, ["validate", str(package), "--articles", str(tmp_path)])
    assert result.exit_code == 1
    assert "sources.csv:14:article_file: no file t.txt" in result.stdout


# --------------------------------------------------------------------------- normalize, extract

needs_data_dir = pytest.mark.skipif(
    not (DATA_DIR / "parks.csv").is_file(), reason="the curated dataset is not in data/ yet"
)


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
        "# indicators.csv (2 candidates)",
    ]
    rows = list(csv.DictReader(io.StringIO(blocks[2].split("\n", 1)[1])))
    assert [(r["value"], r["unit"], r["kind"], r["source_id"]) for r in rows] == [
        ("580", "cny_100m", "estimate", "art-t"),
        ("12", "usd_100m", "estimate", "art-t"),
    ]
    assert EVIDENCE in rows[0]["evidence"]
    parks = list(csv.DictReader(io.StringIO(blocks[0].split("\n", 1)[1])))
    assert [(p["name_zh"], p["zone_type"]) for p in parks] == [
        ("郴州经开区", "economic_development_zone")
    ]


@needs_data_dir
def test_extract_knows_the_datasets_parks_and_source(article_file):
    """With data/, a known park gets its park_id and is not proposed again."""
    result = runner.invoke(app, ["extract", str(article_file), "--table", "indicators"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    parks = _read(DATA_DIR, "parks")
    known = parks.loc[parks["short_name_zh"] == "郴州经开区", "park_id"]
    assert {r["park_id"] for r in rows} == set(known)


def test_extract_one_table_without_header_appends_cleanly(article_file):
    result = runner.invoke(
        app, ["extract", str(article_file), "--table", "events", "--no-header", "--source-id", "x"]
    )
    assert result.exit_code == 0
    (row,) = list(csv.reader(io.StringIO(result.stdout)))
    assert row[0] == "x-cand-e01" and row[3] == "2017"


def test_extract_of_a_missing_file_fails(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "none.txt")])
    assert result.exit_code == 2


# --------------------------------------------------------------------------- export


needs_data = pytest.mark.skipif(
    not (DATA_DIR / "parks.csv").is_file(), reason="the curated dataset is not in data/ yet"
)


@needs_data
def test_export_csv_has_bom_and_only_the_filtered_parks(tmp_path):
    result = runner.invoke(
        app,
        [
            "export",
            "--table",
            "parks",
            "--level",
            "national",
            "--province",
            "湖南省",
            "--out",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    (path,) = tmp_path.iterdir()
    assert path.suffix == ".csv" and "国家级" in path.name
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.StringIO(data.decode("utf-8-sig")), dtype=str)
    parks = _read(DATA_DIR, "parks")
    expected = parks[(parks["level"] == "national") & (parks["province"] == "湖南省")]
    assert len(frame) == len(expected) > 0
    assert f"({len(expected)} rows)" in result.stdout


@needs_data
def test_export_geojson_and_xlsx(tmp_path):
    geo = tmp_path / "parks.geojson"
    result = runner.invoke(
        app, ["export", "--format", "geojson", "--province", "广东省", "--out", str(geo)]
    )
    assert result.exit_code == 0, result.output
    collection = json.loads(geo.read_text(encoding="utf-8"))
    parks = _read(DATA_DIR, "parks")
    assert len(collection["features"]) == (parks["province"] == "广东省").sum()
    assert {f["properties"]["province"] for f in collection["features"]} == {"广东省"}
    xlsx = tmp_path / "ind.xlsx"
    result = runner.invoke(
        app, ["export", "--table", "indicators", "--format", "xlsx", "--out", str(xlsx)]
    )
    assert result.exit_code == 0 and xlsx.read_bytes()[:2] == b"PK"


def test_export_geojson_is_for_parks_only(tmp_path):
    result = runner.invoke(
        app,
        [
            "export",
            "--table",
            "events",
            "--format",
            "geojson",
            "--out",
            str(tmp_path / "x.geojson"),
        ],
    )
    assert result.exit_code == 2
    assert not (tmp_path / "x.geojson").exists()
