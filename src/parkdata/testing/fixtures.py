"""The one small fixture package that unit tests, AppTest and the browser tests share.

Built from readable records onto the real descriptor, schema files and vocabularies of data/ (so
a new vocabulary row reaches it), and awkward on purpose:
- both origins: curated parks and a tiny national catalogue, one catalogue zone linked to a
  curated park (merged into it on loading) and two left on their own;
- every level the curated rows use (national, provincial, unknown), each a dated row of the
  level changes (an approval, levels a source lists), a sub-park, parks with and without
  coordinates, points at the park and at a county seat, two parks sharing one point;
- dates of every precision (1996, 2006-08, 2021-09-28) and an undated event; a target, an
  estimate, a size class, areas of two scopes;
- a province whose parks have no targets (Guangdong: the Timeline once crashed on it), a fact
  about a whole city, a name holding HTML and one starting with '=' (formula injection).

`write_fixture(out_dir, vocab_rows=…)` writes it; `vocab_rows` adds rows to vocabulary tables
(a new zone type or level is one row: tests/test_vocabulary.py shows it)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from parkdata.data.schema import DATA_DIR, DESCRIPTOR, read_descriptor, resource, vocab_names
from parkdata.data.zones import write_zones

HTML_NAME = '<b onmouseover="alert(1)">粗体</b>园区'
FORMULA_NAME = '=HYPERLINK("http://x")园区'

SOURCES: list[dict] = [
    {
        "source_id": "art-a",
        "kind": "article",
        "title_zh": "临武全力申报省级高新区",
        "title_en": "Linwu goes all out for provincial high-tech zone status",
        "publisher": "achie.org",
        "publisher_en": "achie.org",
        "published": "2021-09-28",
        "article_file": "000.txt",
    },
    {
        "source_id": "ref-gb",
        "kind": "reference",
        "title_zh": "GB/T 37028-2018",
        "title_en": "GB/T 37028-2018",
        "publisher": "SAMR",
        "publisher_en": "SAMR",
        "published": "2018",
        "url": "https://example.org/gb",
        "confidence": "medium",
        "notes_en": "National standard.",
    },
    {
        "source_id": "cat_2018",
        "kind": "reference",
        "title_zh": "中国开发区审核公告目录（2018年版）",
        "title_en": "Catalogue of approved development zones of China (2018 edition)",
        "publisher": "国家发展改革委等",
        "publisher_en": "NDRC and five other bodies",
        "published": "2018-03",
        "confidence": "high",
        "licence": "official government announcement",
    },
]

PARKS: list[dict] = [
    {
        "park_id": "cs-hitech",
        "name_zh": "长沙高新技术产业开发区",
        "name_en": "Changsha Hi-tech Zone",
        "short_name_zh": "长沙高新区",
        "province": "湖南省",
        "city": "长沙市",
        "county": "岳麓区",
        "lat": 28.23,
        "lon": 112.88,
        "location_precision": "park",
        "location_source_id": "ref-gb",
        "zone_type": "high_tech_zone",
        "catalog_code": "G431001",
    },
    {
        "park_id": "longping",
        "name_zh": "隆平高科技园",
        "short_name_zh": "隆平高科技园",
        "province": "湖南省",
        "city": "长沙市",
        "county": "芙蓉区",
        "lat": 28.20,
        "lon": 113.08,
        "location_precision": "approximate",
        "location_source_id": "ref-gb",
        "zone_type": "industrial_park",
        "parent_id": "cs-hitech",
    },
    {
        "park_id": "linwu",
        "name_zh": "湖南临武工业园区",
        "name_en": "Linwu Industrial Park",
        "short_name_zh": "临武工业园区",
        "province": "湖南省",
        "city": "郴州市",
        "county": "临武县",
        "lat": 25.28,
        "lon": 112.56,
        "location_precision": "county_seat",
        "location_source_id": "ref-gb",
        "zone_type": "industrial_park",
    },
    {
        "park_id": "cz-etdz",
        "name_zh": "湖南郴州经济开发区",
        "short_name_zh": "郴州经开区",
        "province": "湖南省",
        "city": "郴州市",
        "zone_type": "economic_development_zone",
    },
    {
        "park_id": "zj-etdz",
        "name_zh": "湛江经济技术开发区",
        "name_en": "Zhanjiang ETDZ",
        "short_name_zh": "湛江经开区",
        "province": "广东省",
        "city": "湛江市",
        "lat": 21.2454,
        "lon": 110.393,
        "location_precision": "approximate",
        "location_source_id": "ref-gb",
        "zone_type": "economic_development_zone",
    },
    {
        "park_id": "html-park",
        "name_zh": HTML_NAME,
        "short_name_zh": "粗体园区",
        "province": "广东省",
        "city": "湛江市",
        "lat": 21.2454,
        "lon": 110.393,
        "location_precision": "city",
        "location_source_id": "ref-gb",
        "zone_type": "industrial_cluster",
    },
    {
        "park_id": "formula-park",
        "name_zh": FORMULA_NAME,
        "short_name_zh": "公式园区",
        "province": "广东省",
        "city": "湛江市",
        "zone_type": "other",
    },
]

EVENTS: list[dict] = [
    {
        "event_id": "linwu-e1",
        "park_id": "linwu",
        "date": "1996",
        "event": "established",
        "description_zh": "园区设立",
        "description_en": "Set up",
        "source_id": "art-a",
        "evidence": "湖南临武工业园区设立于1996年",
    },
    {
        "event_id": "linwu-e3",
        "park_id": "linwu",
        "event": "meeting",
        "description_zh": "申报协调会（未注明日期）",
        "description_en": "Coordination meeting (undated)",
        "source_id": "art-a",
        "evidence": "召开省级高新区申报工作协调会",
    },
    {
        "event_id": "linwu-e4",
        "park_id": "linwu",
        "date": "2021-09-28",
        "event": "upgrade_application",
        "description_zh": "提出升级申请",
        "description_en": "Applied to become a provincial high-tech zone",
        "source_id": "art-a",
        "evidence": "2021年9月28日全力申报省级高新区",
    },
    {
        "event_id": "zj-e1",
        "region": "湛江市",
        "date": "2021-12-02",
        "event": "meeting",
        "description_zh": "全市园区大会",
        "description_en": "City-wide park conference",
        "source_id": "art-a",
        "evidence": "2021年12月2日召开全市产业园区发展大会",
    },
]

INDICATORS: list[dict] = [
    {
        "fact_id": "cs-i1",
        "description_en": "Planned area",
        "park_id": "cs-hitech",
        "indicator": "planned_area",
        "year": 2020,
        "value": 12.5,
        "qualifier": "exact",
        "unit": "km2",
        "kind": "actual",
        "source_id": "art-a",
        "evidence": "规划面积12.5平方公里",
    },
    {
        "fact_id": "zj-i1",
        "description_en": "Administrative area after the 2010 merger",
        "park_id": "zj-etdz",
        "indicator": "administrative_area",
        "year": 2020,
        "value": 502.04,
        "qualifier": "exact",
        "unit": "km2",
        "kind": "actual",
        "source_id": "ref-gb",
        "evidence": "502.04平方公里",
    },
    {
        "fact_id": "linwu-i1",
        "description_en": "Expected total revenue",
        "park_id": "linwu",
        "indicator": "total_revenue",
        "year": 2020,
        "value": 100,
        "qualifier": "more_than",
        "unit": "cny_100m",
        "kind": "estimate",
        "source_id": "art-a",
        "evidence": "预计技工贸总收入100亿元以上",
    },
    {
        "fact_id": "linwu-i2",
        "description_en": "Total revenue target for 2025",
        "park_id": "linwu",
        "indicator": "total_revenue",
        "year": 2021,
        "value": 200,
        "qualifier": "exact",
        "unit": "cny_100m",
        "kind": "target",
        "target_year": 2025,
        "source_id": "art-a",
        "evidence": "力争2025年技工贸总收入200亿元",
    },
    {
        "fact_id": "cs-i2",
        "description_en": "A cluster of the 100-billion-yuan class",
        "park_id": "cs-hitech",
        "indicator": "cluster_output",
        "year": 2021,
        "value": 1000,
        "qualifier": "size_class",
        "unit": "cny_100m",
        "kind": "actual",
        "source_id": "art-a",
        "evidence": "千亿级产业集群",
    },
]

INDUSTRIES: list[dict] = [
    {
        "industry_id": "cs-n1",
        "park_id": "cs-hitech",
        "industry_zh": "电子信息",
        "industry_en": "Electronic information",
        "sector": "electronics",
        "role": "leading",
        "year": 2021,
        "source_id": "art-a",
        "evidence": "电子信息产业",
    },
    {
        "industry_id": "cs-n0",
        "park_id": "cs-hitech",
        "industry_zh": "工程机械",
        "industry_en": "Construction machinery",
        "sector": "equipment",
        "role": "leading",
        "year": 2014,
        "source_id": "art-a",
        "evidence": "工程机械产业",
    },
    {
        "industry_id": "linwu-n1",
        "park_id": "linwu",
        "industry_zh": "<i>装备</i>制造",
        "industry_en": "<i>Equipment</i> manufacturing",
        "sector": "equipment",
        "role": "leading",
        "year": 2021,
        "companies_zh": "久森新能源",
        "source_id": "art-a",
        "evidence": "新能源装备制造业",
    },
    {
        "industry_id": "zj-n1",
        "region": "湛江市",
        "industry_zh": "钢铁",
        "industry_en": "Steel",
        "sector": "steel_petrochem",
        "role": "leading",
        "year": 2021,
        "source_id": "art-a",
        "evidence": "钢铁产业",
    },
]

CATALOG_PARKS: list[dict] = [
    {
        "park_id": "g431001",
        "name_zh": "长沙高新技术产业开发区",
        "name_en": "Changsha High-tech Industrial Development Zone",
        "name_en_generated": True,
        "short_name_zh": "长沙高新区",
        "province": "湖南省",
        "city": "长沙市",
        "lat": 28.228,
        "lon": 112.939,
        "location_precision": "city",
        "location_source_id": "cat_2018",
        "zone_type": "high_tech_zone",
        "catalog_code": "G431001",
    },
    {
        "park_id": "s449001",
        "name_zh": "广东遂溪经济开发区",
        "name_en": "Guangdong Suixi Economic Development Zone",
        "name_en_generated": True,
        "short_name_zh": "遂溪经开区",
        "province": "广东省",
        "city": "湛江市",
        "county": "遂溪县",
        "lat": 21.38,
        "lon": 110.25,
        "location_precision": "county_seat",
        "location_source_id": "cat_2018",
        "zone_type": "economic_development_zone",
        "catalog_code": "S449001",
    },
    {
        "park_id": "g111001",
        "name_zh": "北京经济技术开发区",
        "name_en": "Beijing Economic and Technological Development Zone",
        "name_en_generated": True,
        "short_name_zh": "北京经开区",
        "province": "北京市",
        "city": "北京市",
        "lat": 39.9028,
        "lon": 116.4012,
        "location_precision": "city",
        "location_source_id": "cat_2018",
        "zone_type": "economic_development_zone",
        "catalog_code": "G111001",
    },
]


def _approval(park: str, code: str, date: str, level: str) -> dict:
    return {
        "change_id": f"{park}-c01",
        "park_id": park,
        "date": date,
        "change": "approved",
        "level_after": level,
        "description_zh": "目录所列批准时间",
        "description_en": "Approved (date as listed in the 2018 catalogue)",
        "source_id": "cat_2018",
        "evidence": f"{code} {date.replace('-', '.')}",
        "confidence": "official",
    }


def _listed(park: str, level: str, source: str, date: str, evidence: str) -> dict:
    return {
        "change_id": f"{park}-l1",
        "park_id": park,
        "date": date,
        "change": "listed",
        "level_after": level,
        "description_zh": "来源所列级别",
        "description_en": "Level as the source states it",
        "source_id": source,
        "evidence": evidence,
        "confidence": "official",
    }


# Every level of the curated parks is a dated row here: linwu's approval (the article), and the
# levels the standard states (listed, as of its publication).
LEVEL_CHANGES: list[dict] = [
    {
        "change_id": "linwu-c2",
        "park_id": "linwu",
        "date": "2006-08",
        "change": "approved",
        "level_after": "provincial",
        "description_zh": "获批省级园区",
        "description_en": "Provincial approval",
        "source_id": "art-a",
        "evidence": "2006年8月经省政府批准为省级工业园区",
        "confidence": "one_source",
    },
    _listed("cs-hitech", "national", "ref-gb", "2018", "国家级"),
    _listed("cz-etdz", "provincial", "ref-gb", "2018", "省级"),
    _listed("zj-etdz", "national", "ref-gb", "2018", "国家级"),
]


def _area(park: str, code: str, hectares: float) -> dict:
    return {
        "fact_id": f"{park}-i01",
        "park_id": park,
        "indicator": "approved_area",
        "year": 2018,
        "value": hectares,
        "qualifier": "exact",
        "unit": "hectare",
        "kind": "actual",
        "description_en": "Approved area as listed in the 2018 catalogue",
        "source_id": "cat_2018",
        "evidence": f"{code} {hectares}",
    }


CATALOG_LEVEL_CHANGES: list[dict] = [
    _approval("g431001", "G431001", "1991-03", "national"),
    _approval("s449001", "S449001", "2006-04", "provincial"),
    _approval("g111001", "G111001", "1994-08", "national"),
]
CATALOG_INDICATORS: list[dict] = [
    _area("g431001", "G431001", 1117.0),
    _area("s449001", "S449001", 210.5),
    _area("g111001", "G111001", 3980.0),
]
CATALOG_INDUSTRIES: list[dict] = [
    {
        "industry_id": "g111001-n01",
        "park_id": "g111001",
        "industry_zh": "汽车",
        "industry_en": "Automobiles",
        "sector": "automotive",
        "role": "leading",
        "year": 2018,
        "source_id": "cat_2018",
        "evidence": "G111001 汽车、电子信息、装备制造",
    },
    {
        "industry_id": "s449001-n01",
        "park_id": "s449001",
        "industry_zh": "食品",
        "industry_en": "Food",
        "sector": "agri_food",
        "role": "leading",
        "year": 2018,
        "source_id": "cat_2018",
        "evidence": "S449001 食品",
    },
]

TABLES: dict[str, list[dict]] = {
    "sources": SOURCES,
    "parks": PARKS,
    "events": EVENTS,
    "indicators": INDICATORS,
    "industries": INDUSTRIES,
    "catalog_parks": CATALOG_PARKS,
    "catalog_events": [],
    "catalog_indicators": CATALOG_INDICATORS,
    "catalog_industries": CATALOG_INDUSTRIES,
    "national_parks": [],
    "national_events": [],
    "national_indicators": [],
    "national_industries": [],
    "level_changes": LEVEL_CHANGES,
    "catalog_level_changes": CATALOG_LEVEL_CHANGES,
    "official_counts": [],
}


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_table(path: Path, columns: Sequence[str], rows: Sequence[Mapping[str, object]]) -> None:
    """Rows (dicts; missing keys are empty cells) as a CSV with exactly `columns`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    defaults = {"name_en_generated": False}
    frame = pd.DataFrame(
        [[_cell(row.get(c, defaults.get(c))) for c in columns] for row in rows], columns=columns
    )
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def write_fixture(
    out_dir: Path | str,
    *,
    tables: Mapping[str, list[dict]] | None = None,
    vocab_rows: Mapping[str, list[dict]] | None = None,
) -> Path:
    """Write the fixture package to `out_dir` (the real descriptor, schemas and vocabularies;
    the records of TABLES, or `tables` where given; `vocab_rows` appended to vocabularies)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(DATA_DIR / DESCRIPTOR, out_dir / DESCRIPTOR)
    shutil.copytree(DATA_DIR / "schemas", out_dir / "schemas", dirs_exist_ok=True)
    descriptor = read_descriptor(DATA_DIR)
    for name in vocab_names(descriptor):
        path = resource(descriptor, name)["path"]
        (out_dir / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DATA_DIR / path, out_dir / path)
    for name, rows in (vocab_rows or {}).items():
        path = out_dir / resource(descriptor, name)["path"]
        existing = pd.read_csv(path, dtype=str, keep_default_na=False)
        added = pd.DataFrame([{c: _cell(r.get(c)) for c in existing.columns} for r in rows])
        pd.concat([existing, added]).to_csv(
            path, index=False, encoding="utf-8", lineterminator="\n"
        )
    records = {**TABLES, **(tables or {})}
    for name, rows in records.items():
        columns = [f["name"] for f in resource(descriptor, name)["schema"]["fields"]]
        write_table(out_dir / resource(descriptor, name)["path"], columns, rows)
    write_zones(out_dir, strict=False)  # the merged table, as make zones writes it
    return out_dir


def descriptor_json(package_dir: Path) -> dict:
    return json.loads((Path(package_dir) / DESCRIPTOR).read_text(encoding="utf-8"))
