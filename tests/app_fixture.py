"""A small hand-made data package for the dashboard tests (filters, exports, AppTest).

Awkward on purpose: a park with unknown level and no coordinates, a sub-park, a name with HTML
and one starting with '=' (formula injection), a city-wide fact, month-precision dates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from parkdata.data.schema import DATA_DIR, DESCRIPTOR, fields, read_descriptor, resource

SOURCES = [
    (
        "art-a",
        "article",
        "临武全力申报省级高新区",
        "achie.org",
        "2021-09-28",
        "",
        "000.txt",
        "",
        "",
        "",
    ),
    (
        "ref-gb",
        "reference",
        "GB/T 37028-2018",
        "SAMR",
        "2018",
        "https://example.org/gb",
        "",
        "medium",
        "",
        "National standard",
    ),
]
PARK_COLS = [
    "park_id",
    "name_zh",
    "name_en",
    "short_name_zh",
    "province",
    "city",
    "county",
    "lat",
    "lon",
    "location_precision",
    "location_source_id",
    "location_note",
    "level",
    "level_as_of",
    "level_source_id",
    "level_evidence",
    "zone_type",
    "parent_id",
    "notes_en",
]
PARKS = [
    (
        "cs-hitech",
        "长沙高新技术产业开发区",
        "Changsha Hi-tech Zone",
        "长沙高新区",
        "湖南省",
        "长沙市",
        "岳麓区",
        28.23,
        112.88,
        "park",
        "ref-gb",
        "",
        "national",
        "2018",
        "ref-gb",
        "国家级",
        "high_tech_zone",
        "",
        "",
    ),
    (
        "longping",
        "隆平高科技园",
        "",
        "隆平高科技园",
        "湖南省",
        "长沙市",
        "芙蓉区",
        28.20,
        113.08,
        "approximate",
        "ref-gb",
        "",
        "unknown",
        "",
        "",
        "",
        "industrial_park",
        "cs-hitech",
        "",
    ),
    (
        "linwu",
        "湖南临武工业园区",
        "Linwu Industrial Park",
        "临武工业园区",
        "湖南省",
        "郴州市",
        "临武县",
        25.28,
        112.56,
        "county_seat",
        "ref-gb",
        "",
        "provincial",
        "2018",
        "ref-gb",
        "省级",
        "industrial_park",
        "",
        "",
    ),
    (
        "cz-etdz",
        "湖南郴州经济开发区",
        "",
        "郴州经开区",
        "湖南省",
        "郴州市",
        "",
        None,
        None,
        "",
        "",
        "",
        "provincial",
        "2025",
        "ref-gb",
        "省级",
        "economic_development_zone",
        "",
        "",
    ),
    (
        "zj-etdz",
        "湛江经济技术开发区",
        "Zhanjiang ETDZ",
        "湛江经开区",
        "广东省",
        "湛江市",
        "",
        21.2,
        110.4,
        "park",
        "ref-gb",
        "",
        "national",
        "2018",
        "ref-gb",
        "国家级",
        "economic_development_zone",
        "",
        "",
    ),
    (
        "html-park",
        "<b>测试</b>园区",
        "Test <script>alert(1)</script> Park",
        "=HYPERLINK(1)",
        "广东省",
        "湛江市",
        "",
        None,
        None,
        "",
        "",
        "",
        "unknown",
        "",
        "",
        "",
        "other",
        "",
        "",
    ),
]
EVENTS = [
    ("ev1", "linwu", "", "1996", "established", "", "设立", "Established", "art-a", "设立于1996年"),
    (
        "ev2",
        "linwu",
        "",
        "2006-08",
        "provincial_approval",
        "provincial",
        "批准为省级",
        "Provincial approval",
        "art-a",
        "2006年8月",
    ),
    (
        "ev3",
        "cs-hitech",
        "",
        "1991-03",
        "national_approval",
        "national",
        "国家级",
        "National approval",
        "ref-gb",
        "国家级",
    ),
    (
        "ev4",
        "zj-etdz",
        "",
        "1984-11-29",
        "national_approval",
        "national",
        "国务院批准",
        "State Council approval",
        "ref-gb",
        "1984",
    ),
    (
        "ev5",
        "",
        "郴州市",
        "2021",
        "meeting",
        "",
        "全市园区会议",
        "City meeting",
        "art-a",
        "2021年会议",
    ),
    (
        "ev6",
        "linwu",
        "",
        "",
        "upgrade_application",
        "",
        "申报省级高新区",
        "Applies",
        "art-a",
        "申报",
    ),
]
INDICATORS = [
    (
        "f1",
        "linwu",
        "",
        "planned_area",
        2021,
        12.5,
        None,
        "exact",
        "km2",
        "actual",
        None,
        "",
        "Planned area",
        "art-a",
        "规划面积12.5平方公里",
    ),
    (
        "f2",
        "linwu",
        "",
        "output_value",
        2020,
        100.0,
        None,
        "more_than",
        "cny_100m",
        "actual",
        None,
        "",
        "Output",
        "art-a",
        "产值超100亿元",
    ),
    (
        "f3",
        "linwu",
        "",
        "output_value",
        2021,
        200.0,
        None,
        "exact",
        "cny_100m",
        "target",
        2025,
        "十四五",
        "Output target",
        "art-a",
        "力争200亿元",
    ),
    (
        "f4",
        "zj-etdz",
        "",
        "planned_area",
        2010,
        502.04,
        None,
        "exact",
        "km2",
        "actual",
        None,
        "",
        "Area",
        "ref-gb",
        "502.04平方公里",
    ),
    (
        "f5",
        "",
        "郴州市",
        "output_value",
        2020,
        1000.0,
        None,
        "approx",
        "cny_100m",
        "actual",
        None,
        "",
        "City output",
        "art-a",
        "约1000亿元",
    ),
]
INDUSTRIES = [
    (
        "i1",
        "linwu",
        "",
        "有色金属",
        "Non-ferrous metals",
        "new_materials",
        "leading",
        "某公司",
        "art-a",
        "有色金属",
    ),
    (
        "i2",
        "cs-hitech",
        "",
        "电子信息",
        "Electronics",
        "electronics",
        "leading",
        "甲、乙",
        "ref-gb",
        "电子信息",
    ),
    (
        "i3",
        "zj-etdz",
        "",
        "钢铁",
        "Steel",
        "advanced_manufacturing",
        "featured",
        "-cmd",
        "ref-gb",
        "钢铁",
    ),
]
SECTORS = [
    ("advanced_manufacturing", "先进制造", "Advanced manufacturing", ""),
    ("electronics", "电子信息", "Electronics", ""),
    ("new_materials", "新材料", "New materials", ""),
]
INDICATOR_TYPES = [
    ("planned_area", "规划面积", "Planned area", "area", "Planned area"),
    ("output_value", "产值", "Output value", "money_cny", "Output"),
]
UNITS = [
    ("km2", "平方公里", "km²", "area", "km2", 1.0),
    ("mu", "亩", "mu", "area", "km2", 0.00066667),
    ("cny_100m", "亿元", "100 million yuan", "money_cny", "cny_100m", 1.0),
]


# Columns the schema gained after the rows above were written, one value per row (in row order).
LATER_COLUMNS: dict[str, dict[str, list]] = {
    "parks": {
        "name_en_generated": [False] * len(PARKS),
        "catalog_code": ["G432033", None, "S439056", None, None, None],
    },
    "industries": {"year": [2021, 2018, None]},
    "indicator_types": {"scope": ["planned", None]},
}


def frames() -> dict[str, pd.DataFrame]:
    desc = read_descriptor(DATA_DIR)
    rows = {
        "sources": SOURCES,
        "parks": PARKS,
        "events": EVENTS,
        "indicators": INDICATORS,
        "industries": INDUSTRIES,
        "sectors": SECTORS,
        "indicator_types": INDICATOR_TYPES,
        "units": UNITS,
    }
    out = {}
    for name, data in rows.items():
        columns = [fd.name for fd in fields(desc, name)]
        later = LATER_COLUMNS.get(name, {})
        frame = pd.DataFrame(data, columns=[c for c in columns if c not in later])
        for column, values in later.items():
            frame[column] = values
        out[name] = frame[columns]
    return out


def write_package(out_dir: Path) -> Path:
    """Write the fixture package (real descriptor) to `out_dir`."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(DATA_DIR / DESCRIPTOR, out_dir / DESCRIPTOR)
    desc = read_descriptor(DATA_DIR)
    for name, frame in frames().items():
        text = frame.astype(object).where(frame.notna(), "")
        for col in ("year", "target_year"):
            if col in text:
                text[col] = [str(int(v)) if v != "" else "" for v in text[col]]
        text.to_csv(out_dir / resource(desc, name)["path"], index=False, encoding="utf-8")
    return out_dir
