"""Synthetic, valid data packages of any size, for the benchmark and for scale tests.

`generate_package(n_parks, out_dir, seed)` writes the real descriptor (data/datapackage.json)
and every table, built column-wise with numpy so that 50,000 parks take seconds. Facts per
park follow the real dataset's proportions when data/ holds its CSVs. Every source is of kind
`reference` (so no article evidence needs to match), every park lies near a prefecture city of
a province the descriptor allows, and each park's level is the `level_after` of its latest
dated approval event."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from parkdata.data.schema import (
    DATA_DIR,
    DESCRIPTOR,
    TABLES,
    enum_values,
    read_descriptor,
    resource,
)

# Prefecture-level cities: province, city, English name, latitude, longitude of the city seat.
CITIES = [
    ("湖南省", "长沙市", "Changsha", 28.228, 112.939),
    ("湖南省", "株洲市", "Zhuzhou", 27.827, 113.134),
    ("湖南省", "湘潭市", "Xiangtan", 27.829, 112.944),
    ("湖南省", "衡阳市", "Hengyang", 26.894, 112.572),
    ("湖南省", "邵阳市", "Shaoyang", 27.239, 111.468),
    ("湖南省", "岳阳市", "Yueyang", 29.357, 113.129),
    ("湖南省", "常德市", "Changde", 29.032, 111.699),
    ("湖南省", "张家界市", "Zhangjiajie", 29.117, 110.479),
    ("湖南省", "益阳市", "Yiyang", 28.554, 112.355),
    ("湖南省", "郴州市", "Chenzhou", 25.770, 113.015),
    ("湖南省", "永州市", "Yongzhou", 26.420, 111.613),
    ("湖南省", "怀化市", "Huaihua", 27.570, 110.001),
    ("湖南省", "娄底市", "Loudi", 27.700, 111.994),
    ("湖南省", "湘西土家族苗族自治州", "Xiangxi", 28.312, 109.739),
    ("广东省", "广州市", "Guangzhou", 23.129, 113.264),
    ("广东省", "深圳市", "Shenzhen", 22.543, 114.058),
    ("广东省", "珠海市", "Zhuhai", 22.271, 113.577),
    ("广东省", "汕头市", "Shantou", 23.354, 116.682),
    ("广东省", "佛山市", "Foshan", 23.022, 113.122),
    ("广东省", "韶关市", "Shaoguan", 24.810, 113.597),
    ("广东省", "湛江市", "Zhanjiang", 21.271, 110.359),
    ("广东省", "肇庆市", "Zhaoqing", 23.047, 112.465),
    ("广东省", "江门市", "Jiangmen", 22.579, 113.082),
    ("广东省", "茂名市", "Maoming", 21.663, 110.925),
    ("广东省", "惠州市", "Huizhou", 23.111, 114.416),
    ("广东省", "梅州市", "Meizhou", 24.288, 116.122),
    ("广东省", "汕尾市", "Shanwei", 22.786, 115.375),
    ("广东省", "河源市", "Heyuan", 23.743, 114.700),
    ("广东省", "阳江市", "Yangjiang", 21.858, 111.983),
    ("广东省", "清远市", "Qingyuan", 23.682, 113.056),
    ("广东省", "东莞市", "Dongguan", 23.021, 113.752),
    ("广东省", "中山市", "Zhongshan", 22.517, 113.393),
    ("广东省", "潮州市", "Chaozhou", 23.657, 116.622),
    ("广东省", "揭阳市", "Jieyang", 23.550, 116.373),
    ("广东省", "云浮市", "Yunfu", 22.915, 112.044),
]
# Half-width of the box around the city seat a park may lie in (degrees): keeps points in-province.
JITTER_DEG = 0.12

ZONE_SUFFIX = {  # zone_type: (full suffix, short suffix, English)
    "high_tech_zone": ("高新技术产业开发区", "高新区", "High-tech Zone"),
    "economic_development_zone": ("经济技术开发区", "经开区", "Economic Development Zone"),
    "industrial_park": ("工业园区", "工业园", "Industrial Park"),
    "industrial_cluster": ("产业集聚区", "集聚区", "Industrial Cluster"),
    "airport_economy_zone": ("临空经济区", "临空区", "Airport Economy Zone"),
    "other": ("产业园", "产业园", "Industry Park"),
}
ZONE_WEIGHTS = {
    "high_tech_zone": 0.3,
    "economic_development_zone": 0.3,
    "industrial_park": 0.3,
    "industrial_cluster": 0.05,
    "airport_economy_zone": 0.02,
    "other": 0.03,
}
NAME_CHARS = list("金银东西南北新华明江河山湖岭云星光兴龙凤桥港城阳安宁平泰丰盛和德")
LEVEL_SHARES = {"national": 0.25, "provincial": 0.55, "other": 0.1, "unknown": 0.1}
PER_PARK = {"events": 6.0, "indicators": 4.0, "industries": 3.0}
N_SOURCES = 12
REGION_SHARE = 0.08  # fact rows about a whole city, not one park

SECTORS = [
    ("advanced_manufacturing", "先进制造", "Advanced manufacturing", ["工程机械", "轨道交通装备"]),
    ("electronics", "电子信息", "Electronics", ["集成电路", "新型显示"]),
    ("new_materials", "新材料", "New materials", ["先进储能材料", "硬质合金"]),
    ("biomedicine", "生物医药", "Biomedicine", ["医疗器械", "现代中药"]),
    ("automotive", "汽车", "Automotive", ["新能源汽车", "汽车零部件"]),
    ("food", "食品", "Food processing", ["绿色食品", "农产品加工"]),
]
INDICATOR_TYPES = [
    ("planned_area", "规划面积", "Planned area", "area"),
    ("output_value", "产值", "Output value", "money_cny"),
    ("investment", "投资额", "Investment", "money_cny"),
    ("foreign_investment", "实际利用外资", "Foreign investment used", "money_usd"),
    ("enterprises", "企业数量", "Enterprises", "count"),
    ("rd_share", "研发投入占比", "R&D share of revenue", "percent"),
]
UNITS = [
    ("cny_100m", "亿元", "100 million yuan", "money_cny", "cny", 1e8),
    ("cny_10k", "万元", "10 thousand yuan", "money_cny", "cny", 1e4),
    ("usd_100m", "亿美元", "100 million US dollars", "money_usd", "usd", 1e8),
    ("km2", "平方公里", "square kilometres", "area", "m2", 1e6),
    ("mu", "亩", "mu", "area", "m2", 666.67),
    ("hectare", "公顷", "hectares", "area", "m2", 1e4),
    ("count", "个", "count", "count", "count", 1.0),
    ("percent", "%", "percent", "percent", "percent", 1.0),
]
OTHER_EVENTS = [
    "upgrade_application",
    "project_start",
    "project_completion",
    "meeting",
    "target_deadline",
    "award",
    "designation",
    "survey",
]


def generate_package(n_parks: int, out_dir: Path, seed: int = 0) -> Path:
    """Write a complete, valid package of `n_parks` synthetic parks to `out_dir`; return it."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    descriptor = read_descriptor(DATA_DIR)
    shutil.copyfile(DATA_DIR / DESCRIPTOR, out_dir / DESCRIPTOR)
    per_park, level_shares = real_proportions(DATA_DIR)
    lookups = lookup_tables(DATA_DIR)
    sources = make_sources()
    parks = make_parks(rng, n_parks, descriptor, level_shares)
    events = make_events(rng, parks, per_park["events"])
    parks = apply_levels(parks, events)
    frames = {
        "sources": sources,
        "parks": parks,
        "events": events,
        "indicators": make_indicators(rng, parks, per_park["indicators"], lookups),
        "industries": make_industries(rng, parks, per_park["industries"], lookups["sectors"]),
        **lookups,
    }
    for table in TABLES:
        write_table(frames[table], out_dir / resource(descriptor, table)["path"], descriptor, table)
    return out_dir


def real_proportions(data_dir: Path) -> tuple[dict[str, float], dict[str, float]]:
    """Facts per park and the level mix of the real package; defaults when it has no CSVs yet."""
    parks_csv = Path(data_dir) / "parks.csv"
    if not parks_csv.is_file():
        return dict(PER_PARK), dict(LEVEL_SHARES)
    parks = pd.read_csv(parks_csv, dtype=str, keep_default_na=False)
    if parks.empty:
        return dict(PER_PARK), dict(LEVEL_SHARES)
    per_park = {}
    for table, default in PER_PARK.items():
        path = Path(data_dir) / f"{table}.csv"
        rows = len(pd.read_csv(path, dtype=str)) if path.is_file() else default * len(parks)
        per_park[table] = rows / len(parks)
    shares = parks["level"].value_counts(normalize=True).to_dict()
    levels = {lv: float(shares.get(lv, 0.0)) for lv in LEVEL_SHARES}
    return per_park, levels if sum(levels.values()) > 0 else dict(LEVEL_SHARES)


def lookup_tables(data_dir: Path) -> dict[str, pd.DataFrame]:
    """sectors, indicator_types, units: the real ones when present, else built-in defaults."""
    defaults = {
        "sectors": pd.DataFrame(
            [(s, zh, en, f"Synthetic sector {en}") for s, zh, en, _ in SECTORS],
            columns=["sector", "label_zh", "label_en", "description_en"],
        ),
        "indicator_types": pd.DataFrame(
            [(i, zh, en, fam, f"{en} (synthetic)") for i, zh, en, fam in INDICATOR_TYPES],
            columns=["indicator", "label_zh", "label_en", "unit_family", "description_en"],
        ),
        "units": pd.DataFrame(
            UNITS, columns=["unit", "label_zh", "label_en", "family", "base_unit", "to_base"]
        ),
    }
    out = {}
    for table, frame in defaults.items():
        path = Path(data_dir) / f"{table}.csv"
        real = pd.read_csv(path, dtype=str, keep_default_na=False) if path.is_file() else None
        out[table] = real if real is not None and not real.empty else frame
    return out


def make_sources() -> pd.DataFrame:
    ids = [f"syn-ref-{i:02d}" for i in range(N_SOURCES)]
    return pd.DataFrame(
        {
            "source_id": ids,
            "kind": "reference",
            "title_zh": [f"合成参考资料第{i + 1}号" for i in range(N_SOURCES)],
            "publisher": "Parkdata synthetic generator",
            "published": [f"{2015 + i % 8}-{1 + i % 12:02d}" for i in range(N_SOURCES)],
            "url": "",
            "article_file": "",
            "confidence": [("high", "medium", "low")[i % 3] for i in range(N_SOURCES)],
            "licence": "CC0-1.0",
            "notes_en": "Synthetic source for benchmarks; not a real publication.",
        }
    )


def make_parks(
    rng: np.random.Generator, n: int, descriptor: dict, level_shares: dict[str, float]
) -> pd.DataFrame:
    """Park rows (level filled in later from the events)."""
    allowed = set(enum_values(descriptor, "parks", "province"))
    cities = pd.DataFrame(CITIES, columns=["province", "city", "city_en", "lat", "lon"])
    cities = cities[cities["province"].isin(allowed)].reset_index(drop=True)
    if cities.empty:
        raise ValueError(f"no built-in city lies in an allowed province: {sorted(allowed)}")
    c = cities.iloc[rng.integers(0, len(cities), n)].reset_index(drop=True)
    zone_types = np.array(list(ZONE_WEIGHTS))
    weights = np.array(list(ZONE_WEIGHTS.values()))
    zone = zone_types[rng.choice(len(zone_types), n, p=weights / weights.sum())]
    levels = np.array(list(level_shares))
    shares = np.array(list(level_shares.values()))
    level = levels[rng.choice(len(levels), n, p=shares / shares.sum())]
    idx = np.arange(n)
    chars = np.array(NAME_CHARS)
    first, second = chars[idx % len(chars)], chars[(idx // len(chars)) % len(chars)]
    ordinal = pd.Series(idx // len(chars) ** 2).map(lambda k: "" if k == 0 else f"{k + 1}号")
    full = pd.Series([ZONE_SUFFIX[z][0] for z in zone])
    short = pd.Series([ZONE_SUFFIX[z][1] for z in zone])
    english = pd.Series([ZONE_SUFFIX[z][2] for z in zone])
    city_short = c["city"].str.replace("市", "", regex=False).str.slice(0, 4)
    stem = city_short + first + second + ordinal
    located = rng.random(n) > 0.02  # a few parks without coordinates, as in the real data
    lat, lon = points_in_province(
        rng, c["province"].to_numpy(), c["lat"].to_numpy(), c["lon"].to_numpy()
    )
    lat, lon = np.where(located, lat, np.nan), np.where(located, lon, np.nan)
    precision = np.array(["park", "approximate", "district", "county_seat", "city"])
    return pd.DataFrame(
        {
            "park_id": [f"syn-{i:06d}" for i in idx],
            "name_zh": stem + full,
            "name_en": c["city_en"] + " " + pd.Series(idx).astype(str) + " " + english,
            "name_en_generated": True,  # made by this generator, not written by a person
            "short_name_zh": stem + short,
            "province": c["province"],
            "city": c["city"],
            "county": "",
            "lat": np.round(lat, 5),
            "lon": np.round(lon, 5),
            "location_precision": np.where(located, precision[rng.integers(0, 5, n)], ""),
            "location_source_id": np.where(located, "syn-ref-00", ""),
            "location_note": np.where(located, "Synthetic point near the city seat", ""),
            "level": level,
            "level_as_of": "",
            "level_source_id": "",
            "level_evidence": "",
            "zone_type": zone,
            "parent_id": "",
            "notes_en": "Synthetic park for benchmarks.",
        }
    )


def points_in_province(
    rng: np.random.Generator, province: np.ndarray, lat0: np.ndarray, lon0: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Points drawn around each city seat, redrawn until they fall inside the province outline
    of data/boundaries (coastal cities otherwise put parks in the sea or in Hong Kong)."""
    n = len(province)
    lat = lat0 + rng.uniform(-JITTER_DEG, JITTER_DEG, n)
    lon = lon0 + rng.uniform(-JITTER_DEG, JITTER_DEG, n)
    shapes = _province_shapes()
    if not shapes:
        return np.round(lat, 5), np.round(lon, 5)
    bad = ~_inside(shapes, province, lat, lon)
    for attempt in range(40):
        if not bad.any():
            break
        scale = JITTER_DEG * (0.97**attempt)
        rows = np.flatnonzero(bad)
        lat[rows] = lat0[rows] + rng.uniform(-scale, scale, len(rows))
        lon[rows] = lon0[rows] + rng.uniform(-scale, scale, len(rows))
        bad[rows] = ~_inside(shapes, province[rows], lat[rows], lon[rows])
    for i in np.flatnonzero(bad):  # rare: fall back to a point surely inside the province
        point = shapes[province[i]].representative_point()
        lat[i], lon[i] = point.y, point.x
    return np.round(lat, 5), np.round(lon, 5)


def _province_shapes() -> dict:
    from parkdata.data import boundaries

    if not boundaries.PROVINCES_FILE.is_file():
        return {}
    return boundaries.province_shapes(boundaries.load_boundaries())


def _inside(shapes: dict, province: np.ndarray, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    import shapely

    inside = np.zeros(len(province), dtype=bool)
    for name in np.unique(province):
        rows = province == name
        if name not in shapes:
            inside[rows] = True
            continue
        pts = shapely.points(np.round(lon[rows], 5), np.round(lat[rows], 5))
        inside[rows] = shapely.contains(shapes[name], pts)
    return inside


def make_events(rng: np.random.Generator, parks: pd.DataFrame, per_park: float) -> pd.DataFrame:
    """About `per_park` events per park: approvals that explain part of the levels, foundings,
    then other events; a share of rows is about a whole city (empty park_id, region set).

    When the budget is tight (the real package has ~1.5 events per park) only some parks get
    their level-setting approval; the earlier provincial approval of a national park is kept
    only with its national one, so the latest approval always states the park's level."""
    level = parks["level"].to_numpy()
    pid = parks["park_id"].to_numpy()
    n = len(parks)
    budget = int(round(per_park * n))
    founded = rng.integers(1988, 2012, n)
    prov_year = founded + rng.integers(1, 6, n)
    nat_year = prov_year + rng.integers(1, 8, n)
    ranked = np.isin(level, ["provincial", "national"])
    top = ranked & (rng.random(n) < min(1.0, 0.6 * budget / max(ranked.sum(), 1)))
    nat = top & (level == "national")
    spare = max(budget - int(top.sum()), 0)
    lower = nat & (rng.random(n) < min(1.0, 0.4 * spare / max(nat.sum(), 1)))
    spare = max(spare - int(lower.sum()), 0)
    est = rng.random(n) < min(1.0, 0.4 * spare / n)
    prov = (top & (level == "provincial")) | lower
    parts = [
        _events(rng, pid[est], founded[est], "established", "", "设立", "Established"),
        _events(
            rng,
            pid[prov],
            prov_year[prov],
            "provincial_approval",
            "provincial",
            "获批省级开发区",
            "Approved as a provincial zone",
        ),
        _events(
            rng,
            pid[nat],
            nat_year[nat],
            "national_approval",
            "national",
            "升级为国家级开发区",
            "Upgraded to a national zone",
        ),
    ]
    extra = max(budget - sum(len(p) for p in parts), 0)
    if extra:
        who = pid[rng.integers(0, n, extra)]
        kinds = np.array(OTHER_EVENTS)[rng.integers(0, len(OTHER_EVENTS), extra)]
        years = rng.integers(2000, 2031, extra)
        undated = rng.random(extra) < 0.05
        news = _events(rng, who, years, kinds, "", "园区动态", "Park news", undated)
        parts.append(_city_wide(rng, news, parks))
    events = pd.concat(parts, ignore_index=True)
    events.insert(0, "event_id", [f"ev-{i:07d}" for i in range(len(events))])
    return events


def _city_wide(rng: np.random.Generator, facts: pd.DataFrame, parks: pd.DataFrame) -> pd.DataFrame:
    """Turn a share of fact rows into facts about a whole city: park_id empty, region named."""
    m = len(facts)
    city = rng.random(m) < REGION_SHARE
    cities = parks["city"].to_numpy()[rng.integers(0, len(parks), m)]
    facts = facts.copy()
    facts["region"] = np.where(city, cities, "")
    facts["park_id"] = np.where(city, "", facts["park_id"].to_numpy())
    return facts


def _events(rng, park_ids, years, kind, level_after, zh, en, undated=None) -> pd.DataFrame:
    m = len(park_ids)
    dates = _partial_dates(rng, np.asarray(years))
    if undated is not None:
        dates = dates.where(~undated, "")
    return pd.DataFrame(
        {
            "park_id": park_ids,
            "region": "",
            "date": dates,
            "event": kind,
            "level_after": level_after,
            "description_zh": zh,
            "description_en": en,
            "source_id": _source_ids(rng, m),
            "evidence": "合成证据：" + pd.Series(zh, index=range(m)).astype(str),
        }
    )


def _partial_dates(rng: np.random.Generator, years: np.ndarray) -> pd.Series:
    """YYYY, YYYY-MM or YYYY-MM-DD, the precision drawn per row (a third each)."""
    m = len(years)
    precision = rng.integers(0, 3, m)
    month = pd.Series(rng.integers(1, 13, m)).map("{:02d}".format)
    day = pd.Series(rng.integers(1, 29, m)).map("{:02d}".format)
    y = pd.Series(years).astype(str)
    return y.where(precision == 0, y + "-" + month + np.where(precision == 2, "-" + day, ""))


def _source_ids(rng: np.random.Generator, m: int) -> np.ndarray:
    return np.array([f"syn-ref-{i:02d}" for i in range(N_SOURCES)])[rng.integers(0, N_SOURCES, m)]


def apply_levels(parks: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Each park's level, as-of date, source and evidence from its latest dated approval.

    Approval years of one park never tie (national comes years after provincial), so the
    year alone orders them whatever the dates' precision. Parks without an approval keep
    their drawn level, citing a reference source unless it is `unknown`."""
    approvals = events[(events["level_after"] != "") & (events["date"] != "")]
    year = approvals["date"].str.slice(0, 4).astype(int).to_numpy()
    latest = approvals.assign(_y=year).sort_values("_y").groupby("park_id").last()
    parks = parks.copy()
    has = parks["park_id"].isin(latest.index).to_numpy()
    row = latest.reindex(parks["park_id"])
    other = (parks["level"] != "unknown").to_numpy()
    parks["level"] = np.where(has, row["level_after"].to_numpy(), parks["level"])
    parks["level_as_of"] = np.where(has, row["date"].to_numpy(), np.where(other, "2020", ""))
    parks["level_source_id"] = np.where(
        has, row["source_id"].to_numpy(), np.where(other, "syn-ref-01", "")
    )
    parks["level_evidence"] = np.where(
        has, row["evidence"].to_numpy(), np.where(other, "合成证据：园区级别", "")
    )
    return parks


def make_indicators(
    rng: np.random.Generator, parks: pd.DataFrame, per_park: float, lookups: dict[str, pd.DataFrame]
) -> pd.DataFrame:
    m = int(round(per_park * len(parks)))
    types, units = lookups["indicator_types"], lookups["units"]
    first_unit = units.groupby("family")["unit"].first()
    types = types[types["unit_family"].isin(first_unit.index)]
    pick = types.iloc[rng.integers(0, len(types), m)].reset_index(drop=True)
    kind = np.array(["actual", "estimate", "target"])[rng.choice(3, m, p=[0.6, 0.1, 0.3])]
    year = rng.integers(2010, 2024, m)
    is_target = kind == "target"
    value = np.round(rng.lognormal(3.0, 1.2, m), 2)
    ranged = rng.random(m) < 0.05
    facts = pd.DataFrame(
        {
            "fact_id": [f"fact-{i:07d}" for i in range(m)],
            "park_id": parks["park_id"].to_numpy()[rng.integers(0, len(parks), m)],
            "region": "",
            "indicator": pick["indicator"],
            "year": year,
            "value": value,
            "value_max": pd.array(
                np.where(ranged, np.round(value * 1.5, 2), np.nan), dtype="Float64"
            ),
            "qualifier": np.array(["exact", "approx", "more_than"])[rng.integers(0, 3, m)],
            "unit": pick["unit_family"].map(first_unit).to_numpy(),
            "kind": kind,
            "target_year": pd.array(
                np.where(is_target, year + rng.integers(1, 8, m), np.nan), dtype="Int64"
            ),
            "period": "",
            "description_en": pick["label_en"] + " (synthetic)",
            "source_id": _source_ids(rng, m),
            "evidence": "合成证据：" + pick["label_zh"] + _written(value, ranged),
        }
    )
    return _city_wide(rng, facts, parks)


def _written(value: np.ndarray, ranged: np.ndarray) -> pd.Series:
    """The figure as the evidence writes it (13.63, or 13.63-20.45 for a range): a fragment
    holds its number (rules.indicator_evidence_holds_the_number)."""
    low = pd.Series(value).map("{:g}".format)
    high = pd.Series(np.round(value * 1.5, 2)).map("{:g}".format)
    return low.where(~ranged, low + "-" + high)


def make_industries(
    rng: np.random.Generator, parks: pd.DataFrame, per_park: float, sectors: pd.DataFrame
) -> pd.DataFrame:
    m = int(round(per_park * len(parks)))
    pick = sectors.iloc[rng.integers(0, len(sectors), m)].reset_index(drop=True)
    facts = pd.DataFrame(
        {
            "industry_id": [f"ind-{i:07d}" for i in range(m)],
            "park_id": parks["park_id"].to_numpy()[rng.integers(0, len(parks), m)],
            "region": "",
            "industry_zh": pick["label_zh"] + "产业",
            "industry_en": pick["label_en"] + " industry",
            "sector": pick["sector"],
            "role": np.array(["leading", "featured", "emerging", "traditional", "planned"])[
                rng.integers(0, 5, m)
            ],
            "companies_zh": np.where(rng.random(m) < 0.5, "合成科技有限公司、示例制造股份公司", ""),
            "source_id": _source_ids(rng, m),
            "evidence": "合成证据：" + pick["label_zh"],
        }
    )
    return _city_wide(rng, facts, parks)


def write_table(frame: pd.DataFrame, path: Path, descriptor: dict, table: str) -> None:
    """Columns in descriptor order, UTF-8 without BOM, empty cells for missing values.

    Cells are rendered and quoted column-wise (pandas' row-by-row CSV writer needs ~6 s for
    the 700,000 rows of a 50,000-park package; this takes well under one)."""
    names = [f["name"] for f in resource(descriptor, table)["schema"]["fields"]]
    out = frame.reindex(columns=names)
    cells = [_csv_cells(out[name]).tolist() for name in names]
    body = "\n".join([",".join(names), *map(",".join, zip(*cells, strict=True))]) + "\n"
    path.write_text(body, encoding="utf-8", newline="")


def _csv_cells(column: pd.Series) -> pd.Series:
    if pd.api.types.is_float_dtype(column):
        text = column.astype("Float64").astype("string")
        text = text.str.replace(r"\.0$", "", regex=True)
    else:
        text = column.astype("string")
    text = text.fillna("")
    needs = text.str.contains('[",\n\r]', regex=True)
    if needs.any():
        quoted = '"' + text.str.replace('"', '""', regex=False) + '"'
        text = text.where(~needs, quoted)
    return text


# Names a spreadsheet would run as formulas, and names a browser would run as HTML. The
# package stays valid: nothing in the schema forbids such text, so the app must cope with it.
HOSTILE_NAMES = (
    ('=HYPERLINK("http://example.invalid","点我")高新区', "=1+1 Zone"),
    ("+86经开区", "+SUM(A1:A9) Park"),
    ("-2工业园", "-1 Park"),
    ("@SUM(1,2)产业园", "@cmd Park"),
    ('<img src=x onerror="window.__xss=1">长沙园区', "<script>window.__xss=2</script> Park"),
    ("<b>粗体</b>&amp;园区", 'Comma, "quote" and\nnewline Park'),
)


def hostile_package(n_parks: int, out_dir: Path, seed: int = 0) -> Path:
    """A valid package whose first parks carry HOSTILE_NAMES (name_zh, short_name_zh, name_en)."""
    out_dir = generate_package(max(n_parks, len(HOSTILE_NAMES)), out_dir, seed)
    path = out_dir / "parks.csv"
    parks = pd.read_csv(path, dtype=str, keep_default_na=False)
    for i, (zh, en) in enumerate(HOSTILE_NAMES):
        parks.loc[i, ["name_zh", "short_name_zh", "name_en"]] = [zh, zh, en]
    parks.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return out_dir
