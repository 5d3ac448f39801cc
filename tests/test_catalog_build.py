"""The catalogue build (parkdata.curate.catalog): reproducible bytes, the catalogue's quirks,
spot checks of values, and the location rules."""

from __future__ import annotations

import csv
import json
import math
import shutil
from pathlib import Path

import pytest

from parkdata.curate.catalog import CATALOG_COLUMNS, CatalogError, build
from parkdata.curate.catalog_places import ProvinceCheck, load_divisions, to_wgs84

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
OUT = DATA / "catalog"
REFERENCE = ROOT.parent / "shared" / "reference"
FILES = (
    "parks.csv", "events.csv", "level_changes.csv", "indicators.csv", "industries.csv", "REPORT.md",
)  # fmt: skip
needs_reference = pytest.mark.skipif(
    not (REFERENCE / "catalog_2018.csv").exists(),
    reason="../shared/reference (the build's input) is not beside the repository",
)


def read(name: str) -> list[dict[str, str]]:
    with (OUT / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def parks() -> dict[str, dict[str, str]]:
    return {row["park_id"]: row for row in read("parks.csv")}


@pytest.fixture(scope="module")
def events() -> list[dict[str, str]]:
    """The catalogue's level changes: the approval dates it lists (it dates nothing else)."""
    return read("level_changes.csv")


@pytest.fixture(scope="module")
def curated_changes() -> list[dict[str, str]]:
    with (DATA / "level_changes.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_catalogue_dates_approvals_only() -> None:
    assert read("events.csv") == []
    assert {(c["change"], c["source_id"], c["confidence"]) for c in read("level_changes.csv")} == {
        ("approved", "cat_2018", "official")
    }
    assert "level" not in read("parks.csv")[0]


# -- reproducible ---------------------------------------------------------------------------


@needs_reference
def test_rebuild_gives_the_committed_bytes(tmp_path: Path) -> None:
    build(REFERENCE, tmp_path / "a", DATA)
    build(REFERENCE, tmp_path / "b", DATA)
    for name in FILES:
        committed = (OUT / name).read_bytes()
        assert (tmp_path / "a" / name).read_bytes() == committed, name
        assert (tmp_path / "b" / name).read_bytes() == committed, name


def test_files_are_utf8_without_bom_with_newline_ends() -> None:
    for name in FILES:
        raw = (OUT / name).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), name
        assert b"\r" not in raw, name
        assert raw.endswith(b"\n"), name
        raw.decode("utf-8")


# -- the catalogue's zones -----------------------------------------------------------------


def test_counts_ids_and_sections(parks: dict[str, dict[str, str]]) -> None:
    assert len(parks) == 2543
    codes = [p["catalog_code"] for p in parks.values()]
    assert sum(c.startswith("G") for c in codes) == 552
    assert sum(c.startswith("S") for c in codes) == 1991
    assert all(p["name_en_generated"] == "true" for p in parks.values())
    assert all(p["park_id"] == p["park_id"].lower() for p in parks.values())


def test_repeated_code_s377018_is_allowed_and_noted(parks: dict[str, dict[str, str]]) -> None:
    first, second = parks["s377018"], parks["s377018-b"]
    assert (first["name_zh"], second["name_zh"]) == ("山东淄川经济开发区", "山东临淄经济开发区")
    assert first["catalog_code"] == second["catalog_code"] == "S377018"
    assert "same code S377018" in first["notes_en"]
    assert "suffix -b" in second["notes_en"]


def test_typo_fixed_and_noted(parks: dict[str, dict[str, str]]) -> None:
    zibo = parks["g372026"]
    assert zibo["name_zh"] == "淄博高新技术产业开发区"
    assert "湽博 is a typo of 淄博" in zibo["notes_en"]
    assert zibo["city"] == "淄博市"


def test_hengyang_high_tech_zone(parks: dict[str, dict[str, str]], events) -> None:
    zone = parks["g432126"]
    assert zone["name_zh"] == "衡阳高新技术产业开发区"
    assert (zone["short_name_zh"], zone["city"], zone["county"]) == ("衡阳高新区", "衡阳市", "")
    assert zone["location_precision"] == "city"
    mine = [e for e in events if e["park_id"] == "g432126"]
    assert [(e["date"], e["change"], e["level_after"], e["evidence"]) for e in mine] == [
        ("2012-08", "approved", "national", "G432126 2012.08")
    ]
    area = [r for r in read("indicators.csv") if r["park_id"] == "g432126"]
    assert [(r["indicator"], r["value"], r["unit"], r["kind"], r["year"]) for r in area] == [
        ("approved_area", "600", "hectare", "actual", "2018")
    ]
    industries = [r for r in read("industries.csv") if r["park_id"] == "g432126"]
    assert [(r["industry_zh"], r["sector"], r["role"]) for r in industries] == [
        ("电子信息", "electronics", "leading"),
        ("电气机械器材", "equipment", "leading"),
        ("通用设备", "equipment", "leading"),
    ]
    assert {r["evidence"] for r in industries} == {"G432126 电子信息、电气机械器材、通用设备"}


def test_linwu_industrial_park(parks: dict[str, dict[str, str]], events) -> None:
    zone = parks["s439056"]
    assert zone["name_zh"] == "湖南临武工业园区"
    assert (zone["city"], zone["county"], zone["location_precision"]) == (
        "郴州市",
        "临武县",
        "county_seat",
    )
    assert zone["short_name_zh"] == "临武工业园区"
    mine = [(e["date"], e["level_after"]) for e in events if e["park_id"] == "s439056"]
    assert mine == [("2006-08", "provincial")]


def test_hanshou_place_and_names(parks: dict[str, dict[str, str]]) -> None:
    hanshou = next(p for p in parks.values() if p["name_zh"] == "湖南汉寿高新技术产业园区")
    assert (hanshou["city"], hanshou["county"]) == ("常德市", "汉寿县")
    assert hanshou["short_name_zh"] == "汉寿高新区"
    assert hanshou["name_en"] == "Hunan Hanshou High-tech Industrial Park"
    assert hanshou["location_note"].startswith("Hanshou County seat")


GBT_UPGRADES = {
    "S348033", "S368047", "S368008", "S428084", "S428054", "S428061",
    "S438064", "S448049", "S448053", "S508027", "S508022", "S537004",
}  # fmt: skip


def test_twelve_gbt_upgrades_are_curated_level_changes_the_build_checks(
    parks, curated_changes
) -> None:
    """The twelve zones GB/T 37028-2018 lists as national high-tech zones while the catalogue
    lists them as provincial are upgraded in data/level_changes.csv (the State Council's 2018
    replies), each with its source; the catalogue's files are not changed by them."""
    upgraded = {
        c["park_id"]: c
        for c in curated_changes
        if c["change"] == "upgraded" and c["date"].startswith("2018")
    }
    assert set(upgraded) == {code.lower() for code in GBT_UPGRADES}
    assert all(c["level_after"] == "national" and c["source_id"] for c in upgraded.values())
    chuxiong = upgraded["s537004"]
    assert (chuxiong["zone_type_after"], chuxiong["document"]) == (
        "high_tech_zone",
        "国函〔2018〕45号",
    )
    assert chuxiong["name_after"] == "楚雄高新技术产业开发区"
    assert parks["s537004"]["zone_type"] == "economic_development_zone"  # the catalogue's


@needs_reference
def test_a_gbt_upgrade_without_its_level_change_stops_the_build(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    lines = (data / "level_changes.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if ",s537004," not in line]
    (data / "level_changes.csv").write_text("".join(kept), encoding="utf-8")
    with pytest.raises(CatalogError, match="no upgrade of s537004"):
        build(REFERENCE, tmp_path / "out", data, vocab_out=tmp_path / "vocab")


def test_two_approval_dates_give_two_level_changes(events) -> None:
    songjiang = [e for e in events if e["park_id"] == "g313031"]
    assert [e["date"] for e in songjiang] == ["2000-04", "2002-12"]
    assert songjiang[0]["description_en"] != songjiang[1]["description_en"]


def test_under_construction_is_not_an_industry(parks) -> None:
    industries = read("industries.csv")
    assert not [r for r in industries if r["industry_zh"] == "在建"]
    noted = [p for p in parks.values() if "在建 (under construction)" in p["notes_en"]]
    assert len(noted) == 13
    stray = [r for r in industries if r["evidence"].startswith("S") and "食品.、" in r["evidence"]]
    assert [r["industry_zh"] for r in stray][:1] == ["食品"]


def test_evidence_is_short_and_verbatim() -> None:
    catalogue: dict[str, list[str]] = {}  # code -> cells (S377018 has two rows)
    if (REFERENCE / "catalog_2018.csv").exists():
        with (REFERENCE / "catalog_2018.csv").open(encoding="utf-8") as handle:
            for line in csv.DictReader(handle):
                catalogue.setdefault(line["code"], []).extend(line.values())
    for name in ("level_changes.csv", "indicators.csv", "industries.csv"):
        for row in read(name):
            assert 0 < len(row["evidence"]) <= 40
            if row["source_id"] == "cat_2018" and catalogue:
                code, cell = row["evidence"].split(" ", 1)
                assert any(cell in value for value in catalogue[code]), row


ENGLISH = {
    "g111001": "Beijing Economic and Technological Development Zone",
    "g432126": "Hengyang High-tech Industrial Development Zone",
    "g372026": "Zibo High-tech Industrial Development Zone",
    "s439056": "Hunan Linwu Industrial Park",
    "s437018": "Hunan Zhuzhou Lukou Economic Development Zone",
    "s377018-b": "Shandong Linzi Economic Development Zone",
    "g313031": "Shanghai Songjiang Export Processing Zone and Zone B",
    "g655012": "Bole Border Economic Cooperation Zone",
    "g651048": "Ürümqi Economic and Technological Development Zone",
    "s447052": "Guangdong Lianjiang Economic Development Zone",
}


def test_english_names_checked_by_hand(parks) -> None:
    assert {k: parks[k]["name_en"] for k in ENGLISH} == ENGLISH
    by_name = {p["name_zh"]: p["name_en"] for p in parks.values()}
    yongchuan = "Chongqing Yongchuan High-tech Industrial Development Zone"
    assert by_name["重庆永川高新技术产业开发区"] == yongchuan
    assert by_name["厦门象屿保税区"] == "Xiamen Xiangyu Bonded Zone"
    assert by_name["六安经济技术开发区"] == "Lu'an Economic and Technological Development Zone"
    assert by_name["蚌埠高新技术产业开发区"] == "Bengbu High-tech Industrial Development Zone"
    assert by_name["长治高新技术产业开发区"] == "Changzhi High-tech Industrial Development Zone"
    assert by_name["长沙经济技术开发区"] == "Changsha Economic and Technological Development Zone"


# -- locations ------------------------------------------------------------------------------


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371000 * math.asin(math.sqrt(a))


def test_gcj02_to_wgs84_of_a_published_test_point() -> None:
    # eviltransform's published vector (Shanghai): WGS 31.1774276, 121.5272106 is GCJ
    # 31.17530398364597, 121.531541859215; the two are about 470 m apart.
    lat, lon = to_wgs84(31.17530398364597, 121.531541859215)
    assert distance_m(lat, lon, 31.1774276, 121.5272106) < 2
    assert distance_m(31.17530398364597, 121.531541859215, 31.1774276, 121.5272106) > 400


@needs_reference
def test_every_point_lies_in_its_province_and_precision_share(parks) -> None:
    geojson = json.loads((DATA / "boundaries" / "provinces.geojson").read_text(encoding="utf-8"))
    check = ProvinceCheck(geojson, load_divisions(REFERENCE / "adcode_2016.csv"))
    for park in parks.values():
        assert check.inside(park["province"], float(park["lat"]), float(park["lon"])), park
    good = [p for p in parks.values() if p["location_precision"] != "province"]
    assert len(good) / len(parks) >= 0.90
    assert {p["location_precision"] for p in parks.values()} == {
        "county_seat",
        "district",
        "city",
        "province",
    }
    assert all(p["location_source_id"] == "adcode_2016" for p in parks.values())


@needs_reference
def test_province_check_rejects_a_point_elsewhere() -> None:
    geojson = json.loads((DATA / "boundaries" / "provinces.geojson").read_text(encoding="utf-8"))
    check = ProvinceCheck(geojson, load_divisions(REFERENCE / "adcode_2016.csv"))
    assert check.inside("湖南省", 26.9, 112.57)  # Hengyang
    assert not check.inside("湖南省", 23.13, 113.26)  # Guangzhou
    assert not check.inside("山东省", 39.9, 116.4)  # Beijing, by the box of Shandong


# -- bad input stops the build --------------------------------------------------------------


def tiny_reference(tmp_path: Path, rows: list[list[str]]) -> Path:
    reference = tmp_path / "reference"
    reference.mkdir()
    for name in ("gbt37028_2018.csv", "adcode_2016.csv", "park_facts.csv"):
        shutil.copy(REFERENCE / name, reference / name)
    with (reference / "catalog_2018.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CATALOG_COLUMNS)
        writer.writerows(rows)
    return reference


def row(code: str, name: str, approved: str = "2006.08", province: str = "湖南省") -> list[str]:
    return ["provincial", "1", code, name, province, "省政府", "工业园区", approved, "342.89",
            "电子"]  # fmt: skip


@needs_reference
def test_a_repeated_code_off_the_allow_list_fails_naming_both_rows(tmp_path: Path) -> None:
    reference = tiny_reference(
        tmp_path, [row("S439056", "湖南临武工业园区"), row("S439056", "湖南嘉禾工业园区")]
    )
    with pytest.raises(CatalogError) as error:
        build(reference, tmp_path / "out", DATA)
    message = str(error.value)
    assert "S439056" in message
    assert "line 2: 湖南临武工业园区" in message and "line 3: 湖南嘉禾工业园区" in message


@needs_reference
def test_a_date_before_1984_fails(tmp_path: Path) -> None:
    reference = tiny_reference(tmp_path, [row("S439056", "湖南临武工业园区", approved="1983.05")])
    with pytest.raises(CatalogError, match=r"line 2 column approved: 1983\.05 lies outside"):
        build(reference, tmp_path / "out", DATA)


@needs_reference
def test_an_unknown_province_fails(tmp_path: Path) -> None:
    reference = tiny_reference(tmp_path, [row("S439056", "临武工业园区", province="湘南省")])
    with pytest.raises(CatalogError, match="line 2 column province: '湘南省'"):
        build(reference, tmp_path / "out", DATA)


def test_industrial_clusters_are_one_type_in_the_catalogue_and_the_articles(parks) -> None:
    """The catalogue lists its 产业集聚区 among industrial parks; the articles' 集聚区 are
    industrial_cluster: one kind, one type (105 catalogue zones typed industrial_park before)."""
    clusters = [p for p in parks.values() if p["name_zh"].endswith("产业集聚区")]
    assert len(clusters) == 105
    assert {p["zone_type"] for p in clusters} == {"industrial_cluster"}
    others = [p for p in parks.values() if p["zone_type"] == "industrial_cluster"]
    assert len(others) == 105  # nothing else is taken for a cluster
    with (DATA / "parks.csv").open(encoding="utf-8", newline="") as handle:
        curated = [r for r in csv.DictReader(handle) if r["name_zh"].endswith("集聚区")]
    assert curated and {r["zone_type"] for r in curated} == {"industrial_cluster"}


def test_glassware_is_light_industry_not_building_materials() -> None:
    """玻璃器皿 (glassware) matched 玻璃 -> construction; the longer keyword wins now."""
    glass = {
        r["industry_zh"]: r["sector"] for r in read("industries.csv") if "玻璃" in r["industry_zh"]
    }
    assert glass["玻璃器皿"] == "appliances_light"
    assert glass["玻璃制品"] == "construction"  # GB/T 4754 C305, non-metallic mineral products


def test_generated_english_descriptions_have_no_chinese() -> None:
    han = [
        r
        for r in read("indicators.csv")
        if any("\u4e00" <= c <= "\u9fff" for c in r["description_en"])
    ]
    assert han == []  # 'Approved area (核准面积) …' on 2,543 rows before
