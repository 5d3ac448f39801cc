"""Chinese and English labels for everything the dashboard shows.

`t(key, lang)` gives a UI string; `label(kind, value, lang)` a code's label (level, zone type,
industry role, event, indicator kind, qualifier, location precision, source kind);
`column(name, lang)` a column header. Unknown keys fall back to the key itself, so a missing
label is visible rather than an exception. Park names: `park_name(row, lang)` gives the English
name when asked for English and one exists, else the Chinese name (always present)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

# UI strings: key -> (zh, en)
UI: dict[str, tuple[str, str]] = {
    "app_title": ("园区数据", "Parkdata"),
    "app_subtitle": (
        "湖南、广东产业园区：级别、时间线、指标与来源",
        "Industrial parks in Hunan and Guangdong: levels, timelines, indicators, sources",
    ),
    "language": ("语言", "Language"),
    "filters": ("筛选", "Filters"),
    "search": ("搜索园区名称", "Search park names"),
    "search_short": ("名称", "name"),
    "search_help": (
        "匹配中文全称、简称和英文名（繁体也可）",
        "Matches Chinese full name, short name and English name",
    ),
    "province": ("省份", "Province"),
    "city": ("城市", "City"),
    "level": ("级别", "Level"),
    "zone_type": ("园区类型", "Zone type"),
    "sector": ("产业门类", "Sector"),
    "as_of": ("截至日期", "As of date"),
    "as_of_help": (
        "YYYY、YYYY-MM 或 YYYY-MM-DD；设定后级别按该日期计算",
        "YYYY, YYYY-MM or YYYY-MM-DD; levels are then taken as of that date",
    ),
    "reset": ("清除筛选", "Clear filters"),
    "all": ("全部", "All"),
    "n_parks_shown": ("显示 {n} / {total} 个园区", "Showing {n} of {total} parks"),
    "empty": (
        "没有园区符合当前筛选条件。请放宽或清除筛选。",
        "No park matches the current filters. Loosen or clear the filters.",
    ),
    "empty_table": ("当前筛选下没有{what}记录。", "No {what} rows under the current filters."),
    "data_error": (
        "数据包无法加载，发现 {n} 个问题（文件:行:列）：",
        "The data package could not be loaded: {n} problem(s) (file:row:column):",
    ),
    "footer": (
        "数据：{title} · 许可：{licence} · 来源：{n_articles} 篇新闻报道和 {n_refs} 项背景资料"
        "（见“来源与方法”）。每条事实均注明来源。",
        "Data: {title} · Licence: {licence} · Sources: {n_articles} news articles and "
        "{n_refs} background references (see Sources and method). Every fact cites a source.",
    ),
    # notices about the URL
    "notice_unknown_key": (
        "已忽略链接中的未知参数“{key}”。",
        "Ignored unknown link parameter '{key}'.",
    ),
    "notice_bad_value": (
        "已忽略链接参数“{key}”的无效值“{value}”。",
        "Ignored invalid value '{value}' for link parameter '{key}'.",
    ),
    "notice_truncated": (
        "链接参数“{key}”过长，已截断为 {n} 个字符。",
        "Link parameter '{key}' was too long and was cut to {n} characters.",
    ),
    # pages
    "page_overview": ("概览", "Overview"),
    "page_map": ("地图", "Map"),
    "page_timeline": ("时间线", "Timeline"),
    "page_compare": ("比较", "Compare"),
    "page_table": ("表格与下载", "Table and downloads"),
    "page_profile": ("园区档案", "Park profile"),
    "page_sources": ("来源与方法", "Sources and method"),
    # overview
    "m_parks": ("园区", "Parks"),
    "m_national": ("国家级", "National"),
    "m_provincial": ("省级", "Provincial"),
    "m_area": ("规划面积合计 (km²)", "Total planned area (km²)"),
    "m_area_help": (
        "已知面积之和；{n} 个园区面积未知（未计为 0）",
        "Sum of known areas; {n} parks have no known area (not counted as 0)",
    ),
    "m_area_missing": ("{n} 个园区未知", "{n} parks unknown"),
    "m_facts": ("事实条数", "Facts"),
    "m_sources": ("来源", "Sources"),
    "counts_by_level": ("按级别和省份统计园区数", "Parks by level and province"),
    "recent_events": ("最近的有日期事件", "Most recent dated events"),
    "small_map": ("园区分布", "Where the parks are"),
    "total": ("合计", "Total"),
    # map
    "basemap": ("显示在线底图（需能访问 CARTO）", "Show online basemap (needs access to CARTO)"),
    "map_help": (
        "点击园区打开其档案。颜色表示级别，大小表示规划面积（未知则为固定大小）。",
        "Click a park to open its profile. Colour shows level, size planned area "
        "(a fixed size where unknown).",
    ),
    "unmapped": ("无坐标的园区（未在地图上显示）", "Parks without coordinates (not on the map)"),
    "open_profile": ("打开档案", "Open profile"),
    # timeline
    "status_history": ("各园区级别历程", "Status history of each park"),
    "level_counts_time": (
        "各时期国家级、省级园区数量",
        "Number of national and provincial parks over time",
    ),
    "timeline_help": (
        "条形为级别持续的时间；标记为有日期的事件和目标年份。只有年份或月份的日期保持其精度。",
        "Bars show how long each level was held; markers are dated events and "
        "target years. Dates known only to the year or month keep that precision.",
    ),
    "undated_levels": (
        "另有 {n} 个国家级或省级园区没有有日期的批准记录，未计入上图。",
        "{n} more national or provincial parks have no dated approval and are not counted above.",
    ),
    "no_history": (
        "所选园区没有有日期的级别记录。",
        "The selected parks have no dated level records.",
    ),
    # compare
    "compare_by": ("分组", "Group by"),
    "indicator": ("指标", "Indicator"),
    "counts": ("园区数量", "Number of parks"),
    "planned_area": ("规划面积", "Planned area"),
    "sector_mix": ("产业门类构成", "Sector mix"),
    "indicator_compare": ("指标比较（单位：{unit}）", "Indicator (unit: {unit})"),
    "targets_vs_actuals": ("目标与实际", "Targets against actuals"),
    "no_indicator": (
        "当前筛选下没有该指标的数据。",
        "No values of this indicator under the current filters.",
    ),
    "missing_note": (
        "缺失值不计为 0；柱旁数字为该柱背后的园区数。",
        "Missing values are not counted as zero; the number beside a bar is how "
        "many parks are behind it.",
    ),
    "no_targets": (
        "没有同时具有目标和实际值的指标。",
        "No indicator has both a target and an actual value.",
    ),
    # table
    "table_kind": ("表格", "Table"),
    "kind_parks": ("园区", "Parks"),
    "kind_indicators": ("指标", "Indicators"),
    "kind_events": ("事件", "Events"),
    "kind_industries": ("产业", "Industries"),
    "rows": ("{n} 行", "{n} rows"),
    "download_csv": ("下载 CSV（Excel 可直接打开）", "Download CSV (opens in Excel)"),
    "download_xlsx": ("下载 Excel (.xlsx)", "Download Excel (.xlsx)"),
    "download_geojson": ("下载 GeoJSON（园区）", "Download GeoJSON (parks)"),
    "download_note": (
        "下载文件与上表行数完全一致，并附带来源、许可和筛选条件。"
        "以 = + - @ 开头的单元格前加了单引号，以防 Excel 公式注入。",
        "Downloads hold exactly the rows above, with sources, licence and filters. "
        "Cells starting with = + - @ get a leading single quote against formula "
        "injection in Excel.",
    ),
    # profile
    "choose_park": ("选择园区", "Choose a park"),
    "no_park": ("请选择一个园区。", "Choose a park."),
    "unknown_park": ("找不到园区“{park}”。", "No park '{park}'."),
    "level_history": ("级别历程", "Level history"),
    "indicators_targets": ("指标与目标", "Indicators and targets"),
    "industries_companies": ("产业与企业", "Industries and companies"),
    "events": ("事件", "Events"),
    "location": ("位置", "Location"),
    "parent": ("所属园区", "Part of"),
    "children": ("下属园区", "Sub-parks"),
    "ongoing": ("至今", "ongoing"),
    "none_known": ("暂无记录。", "Nothing recorded."),
    "level_source": ("级别来源", "Source of level"),
    "outside_filter": ("该园区不在当前筛选结果中。", "This park is outside the current filters."),
    # sources
    "sources_list": ("来源列表", "Sources"),
    "method": ("方法说明", "Method"),
    "levels_meaning": ("级别的含义", "What the levels mean"),
    "units_meaning": ("单位", "Units"),
    "method_text": (
        "每条事实（事件、指标、产业）均注明来源和原文片段。来源分两类：“新闻报道”是五篇原始文章，"
        "“背景资料”是其他公开来源（国家标准、政府网站、百科等），用于补充文章未给出的级别、日期和面积，"
        "其可信度另行标注。缺失的数值保持缺失，不计为 0；"
        "日期保留来源给出的精度（如“2006-08”只到月）。",
        "Every fact (event, indicator, industry) names its source and a verbatim evidence "
        "fragment. Sources are of two kinds: 'article' is one of the five news articles; "
        "'reference' is background knowledge from other public sources (national standard, "
        "government sites, encyclopedias) that fills in levels, dates and areas the articles do "
        "not give, each with a confidence grade. Missing values stay missing, never zero; dates "
        "keep the precision their source gives ('2006-08' is a month).",
    ),
    "level_text_national": (
        "国家级：国务院批准的国家级经开区或高新区。",
        "National: a State Council approved national ETDZ or high-tech zone.",
    ),
    "level_text_provincial": (
        "省级：省政府批准的开发区或园区。",
        "Provincial: approved by the provincial government.",
    ),
    "level_text_other": (
        "其他：市级、县级或未经批准的集聚区。",
        "Other: city or county level, or a cluster without approval.",
    ),
    "level_text_unknown": ("未知：没有来源给出级别。", "Unknown: no source gives the level."),
}

# Code labels: kind -> code -> (zh, en)
CODES: dict[str, dict[str, tuple[str, str]]] = {
    "level": {
        "national": ("国家级", "National"),
        "provincial": ("省级", "Provincial"),
        "other": ("其他", "Other"),
        "unknown": ("级别未知", "Level unknown"),
        "founded": ("设立", "Founded"),
    },
    "status": {
        "established": ("已设立", "Established"),
        "provincial": ("省级", "Provincial"),
        "national": ("国家级", "National"),
    },
    "zone_type": {
        "high_tech_zone": ("高新区", "High-tech zone"),
        "economic_development_zone": ("经济开发区", "Economic development zone"),
        "industrial_park": ("工业园区", "Industrial park"),
        "industrial_cluster": ("产业集聚区", "Industrial cluster"),
        "airport_economy_zone": ("空港经济区", "Airport economy zone"),
        "other": ("其他", "Other"),
    },
    "role": {
        "leading": ("主导", "Leading"),
        "featured": ("特色", "Featured"),
        "emerging": ("新兴", "Emerging"),
        "traditional": ("传统", "Traditional"),
        "planned": ("规划", "Planned"),
    },
    "event": {
        "established": ("设立", "Established"),
        "provincial_approval": ("批准为省级", "Provincial approval"),
        "national_approval": ("批准为国家级", "National approval"),
        "upgrade_application": ("申报升级", "Upgrade application"),
        "renamed": ("更名", "Renamed"),
        "target_deadline": ("目标期限", "Target deadline"),
        "project_start": ("项目开工", "Project start"),
        "project_completion": ("项目竣工", "Project completion"),
        "meeting": ("会议", "Meeting"),
        "survey": ("调研", "Survey"),
        "award": ("荣誉", "Award"),
        "designation": ("认定", "Designation"),
        "other": ("其他", "Other"),
    },
    "kind": {
        "actual": ("实际", "Actual"),
        "estimate": ("预计", "Estimate"),
        "target": ("目标", "Target"),
    },
    "qualifier": {
        "exact": ("", ""),
        "approx": ("约", "about"),
        "more_than": ("超过", "more than"),
        "at_least": ("至少", "at least"),
        "up_to": ("最多", "up to"),
        "nearly": ("近", "nearly"),
        "size_class": ("量级(至少)", "size class (at least)"),
    },
    "location_precision": {
        "park": ("园区本身", "At the park"),
        "approximate": ("园区附近地标", "Landmark near the park"),
        "district": ("区政府所在地", "District seat"),
        "county_seat": ("县城", "County seat"),
        "city": ("市中心", "City centre"),
    },
    "source_kind": {
        "article": ("新闻报道", "News article"),
        "reference": ("背景资料", "Background reference"),
    },
    "confidence": {
        "high": ("高", "High"),
        "medium": ("中", "Medium"),
        "low": ("低", "Low"),
    },
    "table": {
        "parks": ("园区", "Parks"),
        "indicators": ("指标", "Indicators"),
        "events": ("事件", "Events"),
        "industries": ("产业", "Industries"),
    },
}

# Words on charts and maps (axis titles, legend entries, tooltips).
TERMS: dict[str, tuple[str, str]] = {
    "target": ("目标", "Target"),
    "event": ("事件", "Event"),
    "ongoing": ("至今", "ongoing"),
    "no_data": ("无数据", "no data"),
    "n_parks": ("园区数", "parks"),
    "n_missing": ("缺失", "missing"),
    "date": ("日期", "Date"),
    "share": ("占有该门类的园区比例", "Share of parks with the sector"),
    "n_parks_axis": ("园区数量", "Number of parks"),
    "level": ("级别", "Level"),
    "zone_type": ("类型", "Type"),
    "city": ("城市", "City"),
    "industries": ("主导产业", "Leading industries"),
    "area": ("规划面积", "Planned area"),
    "area_unknown": ("面积未知", "area unknown"),
    "parks_here": ("园区数", "Parks"),
}


def term(key: object, lang: str) -> str:
    """A word on a chart or map: a level, status or zone type code, a chart word (TERMS) or a
    place; a missing key reads 'no data'; anything else passes through."""
    if not isinstance(key, str):
        return _pick(TERMS["no_data"], lang)
    for kind in ("level", "status", "zone_type"):
        if key in CODES[kind]:
            return _pick(CODES[kind][key], lang)
    if key in TERMS:
        return _pick(TERMS[key], lang)
    return place(key, lang)


# Place names shown in English mode (provinces and the prefecture-level cities of the dataset);
# an unlisted place keeps its Chinese name.
PLACES: dict[str, str] = {
    "湖南省": "Hunan",
    "广东省": "Guangdong",
    "长沙市": "Changsha",
    "郴州市": "Chenzhou",
    "衡阳市": "Hengyang",
    "湘潭市": "Xiangtan",
    "株洲市": "Zhuzhou",
    "湛江市": "Zhanjiang",
}


def place(name: object, lang: str) -> str:
    """A province or city in `lang`: '湖南省' in zh, 'Hunan (湖南省)' in en; '' for missing."""
    if not isinstance(name, str) or not name:
        return ""
    english = PLACES.get(name)
    return f"{english} ({name})" if lang == "en" and english else name


# Column headers: name -> (zh, en)
COLUMNS: dict[str, tuple[str, str]] = {
    "park_id": ("园区编号", "Park ID"),
    "name_zh": ("名称", "Chinese name"),
    "name_en": ("英文名称", "English name"),
    "short_name_zh": ("简称", "Short name"),
    "name": ("园区", "Park"),
    "province": ("省份", "Province"),
    "city": ("城市", "City"),
    "county": ("区县", "County"),
    "lat": ("纬度", "Latitude"),
    "lon": ("经度", "Longitude"),
    "location_precision": ("位置精度", "Location precision"),
    "level": ("级别", "Level"),
    "level_as_of": ("级别截至", "Level as of"),
    "zone_type": ("类型", "Zone type"),
    "parent_id": ("所属园区", "Part of"),
    "planned_area_km2": ("规划面积 (km²)", "Planned area (km²)"),
    "leading_industries": ("主导产业", "Leading industries"),
    "region": ("地区", "Region"),
    "date": ("日期", "Date"),
    "event": ("事件", "Event"),
    "level_after": ("之后级别", "Level after"),
    "description": ("说明", "Description"),
    "description_zh": ("说明（中文）", "Description (Chinese)"),
    "description_en": ("说明（英文）", "Description (English)"),
    "indicator": ("指标", "Indicator"),
    "year": ("年份", "Year"),
    "value": ("数值", "Value"),
    "value_max": ("上限", "Upper value"),
    "target_value": ("目标值", "Target"),
    "target_unit": ("目标单位", "Target unit"),
    "actual_value": ("实际值", "Actual"),
    "actual_unit": ("实际单位", "Actual unit"),
    "actual_year": ("实际年份", "Actual year"),
    "ratio": ("实际/目标", "Actual / target"),
    "qualifier": ("限定", "Qualifier"),
    "unit": ("单位", "Unit"),
    "kind": ("类别", "Kind"),
    "target_year": ("目标年份", "Target year"),
    "period": ("时期", "Period"),
    "industry": ("产业", "Industry"),
    "industry_zh": ("产业（中文）", "Industry (Chinese)"),
    "industry_en": ("产业（英文）", "Industry (English)"),
    "sector": ("门类", "Sector"),
    "role": ("地位", "Role"),
    "companies_zh": ("代表企业", "Companies"),
    "source_id": ("来源", "Source"),
    "source": ("来源", "Source"),
    "evidence": ("原文片段", "Evidence"),
    "title_zh": ("标题", "Title"),
    "publisher": ("发布者", "Publisher"),
    "published": ("发布日期", "Published"),
    "url": ("网址", "URL"),
    "confidence": ("可信度", "Confidence"),
    "licence": ("许可", "Licence"),
    "n_facts": ("支持的事实数", "Facts supported"),
    "n_parks": ("园区数", "Parks"),
    "n": ("数量", "Count"),
    "status": ("级别", "Status"),
    "start": ("开始", "Start"),
    "end": ("结束", "End"),
    "label": ("名称", "Label"),
    "family": ("类别", "Family"),
    "base_unit": ("基准单位", "Base unit"),
    "to_base": ("换算系数", "Factor to base"),
    "notes_en": ("备注（英文）", "Notes (English)"),
}


def lang_or_default(lang: str | None) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def t(name: str, lang: str, /, **values: object) -> str:
    """UI string `name` in `lang`, formatted with `values`; the name itself when unknown."""
    text = _pick(UI[name], lang) if name in UI else name
    return text.format(**values) if values else text


def label(kind: str, code: object, lang: str) -> str:
    """Label of a code (e.g. label("level", "national", "zh") == "国家级"); '' for missing."""
    if code is None or code != code or str(code) in ("", "<NA>"):
        return ""
    pair = CODES.get(kind, {}).get(str(code))
    return _pick(pair, lang) if pair else str(code)


def column(name: str, lang: str) -> str:
    return _pick(COLUMNS[name], lang) if name in COLUMNS else name


def park_name(row: Mapping[str, object], lang: str) -> str:
    """English name when asked for English and one exists; otherwise the Chinese name."""
    name_en = row.get("name_en")
    if lang == "en" and isinstance(name_en, str) and name_en:
        return name_en
    return str(row.get("name_zh"))


# Parentheses stay as they are: escaped, "\\(" ... "\\)" would open Streamlit's inline LaTeX.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#!|<>~$&])")


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown and HTML punctuation so user text renders as plain text."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def notice_text(notice: Any, lang: str) -> str:
    """A filters.Notice (code, key, value, n) as a sentence in `lang`, safe as Markdown."""
    key = escape_markdown(str(notice.key))
    value = escape_markdown(str(notice.value))
    return t(notice.code, lang, key=key, value=value, n=notice.n)
