"""Candidate facts from an article, in the data package's own columns, for a curator to review.

`extract_candidates(raw, ...)` reads the clean body (see `articles`) and proposes:
- parks: names found by their suffixes (高新区, 经开区, 工业园区, 产业园, 产业集聚区 …) or, when a
  dataset is given, by the names and short forms it already holds, with a level read from 国家级 /
  省级 words next to the name;
- events: every date (2012年8月19日, 2006年8月, 1996年, 7月21日 with the article's year, 到2025年,
  十四五) with a guessed event kind;
- indicators: every amount with a unit (money, area, count, percent) parsed by `units`, with its
  kind (actual, estimate 预计, target 力争/目标/计划) and target year or period.
Every row carries an `evidence` fragment (at most 40 characters) that is a verbatim substring of
`simplified_text(raw)`. Nothing here writes files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from parkdata.curate.articles import parse_article
from parkdata.data.schema import DATA_DIR, read_descriptor, resource
from parkdata.data.schema import fields as schema_fields
from parkdata.data.textnorm import simplified_text
from parkdata.data.units import YEARS, Amount, find_amounts

EVIDENCE_MAX = 40
CANDIDATE_TABLES = ("parks", "events", "level_changes", "indicators")

# Longest first: the suffix decides zone_type.
PARK_SUFFIXES = {
    "高新技术产业开发区": "high_tech_zone",
    "经济技术开发区": "economic_development_zone",
    "临空经济示范区": "airport_economy_zone",
    "经济开发区": "economic_development_zone",
    "空港经济区": "airport_economy_zone",
    "产业集聚区": "industrial_cluster",
    "工业园区": "industrial_park",
    "产业园区": "industrial_park",
    "高科技园": "high_tech_zone",
    "工业小区": "industrial_park",
    "高新区": "high_tech_zone",
    "经开区": "economic_development_zone",
    "工业园": "industrial_park",
    "产业园": "industrial_park",
}
_SUFFIX_RE = re.compile("|".join(sorted(PARK_SUFFIXES, key=len, reverse=True)))
# A park name's prefix stops after one of these words (verbs, particles, level words).
_PREFIX_STOPS = re.compile(
    r".*(?:申报|创建|建设|打造|发展|推动|推进|加快|深化|谋划|规划|培育|落户|全市|全省|我市|一批|"
    r"首批|晋升|实现|构建|年度|融入|抵达|对接|认定|成为|批准|国家级|省级|市级|协助|助力|未来|促进|跑出|"
    r"统称|简称|研究院|早日|[的在和与及是为了将到于对把被等好成个受以标])"
)
_HAN = re.compile(r"[\u4e00-\u9fff]+$")
_THIS_YEAR = re.compile(r"今年")
_GENERIC_PREFIXES = {"国家", "省", "市", "县", "全国", "园区"}
_ALIAS = re.compile(r"[(（]以下(?:简称|统称|称)[“\"]?([\u4e00-\u9fff]{2,10})[”\"]?[)）]")
_MAX_PREFIX = 10

LEVEL_WORDS = {
    "国家级": "national",
    "国家": "national",
    "国务院": "national",
    "省级": "provincial",
    "省政府": "provincial",
    "省人民政府": "provincial",
}
_LEVEL_RE = re.compile("|".join(sorted(LEVEL_WORDS, key=len, reverse=True)))
TARGET_WORDS = ("力争", "目标", "计划", "争取", "争创", "力求", "打造", "形成")
ESTIMATE_WORDS = ("预计",)
PERIODS = {
    "十二五": (2011, 2015),
    "十三五": (2016, 2020),
    "十四五": (2021, 2025),
    "十五五": (2026, 2030),
}
_PERIOD_RE = re.compile("|".join(PERIODS))

_FULL = r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})(?:[-至到]\d{1,2})?日"
_MONTH = r"(?P<y2>\d{4})年(?P<m2>\d{1,2})月(?!\d)"
_YEAR = r"(?P<y3>(?:19|20)\d{2})年(?![\d代])"
_MONTH_DAY = r"(?<![\d年])(?P<m4>\d{1,2})月(?P<d4>\d{1,2})(?:[-至到]\d{1,2})?日"
DATE_RE = re.compile(f"{_FULL}|{_MONTH}|{_YEAR}|{_MONTH_DAY}")

EVENT_RULES: tuple[tuple[str, str], ...] = (
    (r"国务院.{0,6}批准|升级为国家|晋升为国家|国家级.{0,4}批准", "national_approval"),
    (r"(省政府|省人民政府).{0,4}批准|批准为省级", "provincial_approval"),
    (r"设立|成立|创办|组建", "established"),
    (r"更名", "renamed"),
    (r"申报|创建国家|创建省级|晋升", "upgrade_application"),
    (r"力争|目标|到\d{4}年|争取|计划", "target_deadline"),
    (r"开工", "project_start"),
    (r"建成|投产|竣工", "project_completion"),
    (r"召开|会议|大会|动员会|推进会", "meeting"),
    (r"调研|考察|抵达", "survey"),
    (r"评为|授予|认定|表扬", "award"),
)
# Kinds read from a clause that are level changes, not events: (change, level after).
LEVEL_CHANGES = {
    "national_approval": ("approved", "national"),
    "provincial_approval": ("approved", "provincial"),
    "renamed": ("renamed", ""),
}
UPGRADE = re.compile(r"升级|晋升|升格|升为")

# Words before an amount -> indicator slug (kept only if the dataset's indicator_types has it).
INDICATOR_WORDS = (
    (r"规划面积|规划用地|面积|土地|亩", "planned_area"),
    (r"总收入|技工贸", "total_revenue"),
    (r"产值", "output_value"),
    (r"税", "tax_revenue"),
    (r"招商引资", "investment_attracted"),
    (r"投资", "investment"),
    (r"进出口|外贸", "foreign_trade"),
    (r"企业", "enterprises"),
    (r"项目", "projects"),
)


@dataclass
class Known:
    """Names, sources and indicator slugs the dataset already holds (all empty without one)."""

    names: dict[str, str] = field(default_factory=dict)  # name or short form -> park_id
    indicators: set[str] = field(default_factory=set)
    labels: dict[str, str] = field(default_factory=dict)  # label_zh -> indicator
    sources: dict[str, str] = field(default_factory=dict)  # article_file -> source_id
    published: dict[str, str] = field(default_factory=dict)  # source_id -> published


def load_known(data_dir: Path | str | None = DATA_DIR) -> Known:
    """What the dataset in `data_dir` already names; empty when it is missing or unreadable."""
    known = Known()
    if data_dir is None:
        return known
    data_dir = Path(data_dir)
    try:
        descriptor = read_descriptor(data_dir)
    except (OSError, ValueError):
        return known

    def path(name: str) -> Path:
        return data_dir / resource(descriptor, name)["path"]

    parks = _read(path("parks"))
    for row in parks.itertuples():
        for name in (row.name_zh, row.short_name_zh):
            if name:
                known.names[str(name)] = str(row.park_id)
    types = _read(path("indicator_types"))
    known.indicators = set(types.get("indicator", []))
    known.labels = dict(zip(types.get("label_zh", []), types.get("indicator", []), strict=True))
    sources = _read(path("sources"))
    if "article_file" in sources:
        known.sources = {
            f: s for f, s in zip(sources["article_file"], sources["source_id"], strict=True) if f
        }
        known.published = dict(zip(sources["source_id"], sources["published"], strict=True))
    return known


def _read(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError):
        return pd.DataFrame()


# --------------------------------------------------------------------------- mentions


@dataclass(frozen=True)
class Mention:
    """Something found in one body line: where, what, and the matched text."""

    line: int
    start: int
    end: int
    text: str


def find_parks(lines: list[str], known: Known) -> list[tuple[Mention, str]]:
    """Park mentions as (mention, name): known names first, then names by suffix."""
    out: list[tuple[Mention, str]] = []
    aliases: dict[str, str] = {}
    for i, line in enumerate(lines):
        taken: list[tuple[int, int]] = []
        for m in _ALIAS.finditer(line):  # (以下统称高新区): the alias names the park before it
            taken.append((m.start(), m.end()))
            before = [name for mn, name in out if mn.line == i and mn.start < m.start()]
            if before:
                aliases[m[1]] = before[-1]
        for name in sorted(known.names, key=len, reverse=True):
            for m in re.finditer(re.escape(name), line):
                bare = name in PARK_SUFFIXES and m.start() > 0 and _HAN.match(line[m.start() - 1])
                if not bare and not _overlaps(m.start(), m.end(), taken):
                    taken.append((m.start(), m.end()))
                    out.append((Mention(i, m.start(), m.end(), name), name))
        for m in _SUFFIX_RE.finditer(line):
            name_start = _name_start(line, m.start())
            if name_start is None or _overlaps(name_start, m.end(), taken):
                continue
            taken.append((name_start, m.end()))
            name = line[name_start : m.end()]
            out.append((Mention(i, name_start, m.end(), name), name))
        for alias, name in aliases.items():
            for m in re.finditer(re.escape(alias), line):
                if not _overlaps(m.start(), m.end(), taken):
                    taken.append((m.start(), m.end()))
                    out.append((Mention(i, m.start(), m.end(), alias), name))
        out.sort(key=lambda t: (t[0].line, t[0].start))
    return out


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _name_start(line: str, suffix_at: int) -> int | None:
    """Where the name before a suffix begins, or None when the prefix is not a name."""
    head = line[max(0, suffix_at - _MAX_PREFIX) : suffix_at]
    han = _HAN.search(head)
    if not han:
        return None
    prefix = han.group()
    stop = _PREFIX_STOPS.match(prefix)
    if stop:
        prefix = prefix[stop.end() :]
    if len(prefix) < 2 or prefix in _GENERIC_PREFIXES:
        return None
    return suffix_at - len(prefix)


def zone_type(name: str) -> str:
    m = _SUFFIX_RE.search(name)
    return PARK_SUFFIXES[m.group()] if m else "other"


# --------------------------------------------------------------------------- evidence


def evidence(line: str, start: int, end: int, limit: int = EVIDENCE_MAX) -> str:
    """A fragment of `line` of at most `limit` characters that contains line[start:end]: its
    list item (between 、) when that says enough, else its clause (between commas), widened
    to the right and then to the left while it is short."""
    if end - start >= limit:
        return line[start : start + limit]
    for marks in ("、" + _CLAUSE_MARKS, _CLAUSE_MARKS):
        left, right = _between(line, start, end, marks, limit)
        if right - left >= 8:
            return line[left:right]
    right = min(len(line), left + limit)
    left = max(0, right - limit) if right - left < 8 else left
    return line[left:right]


def _between(line: str, start: int, end: int, marks: str, limit: int) -> tuple[int, int]:
    left = max(line.rfind(ch, 0, start) for ch in marks) + 1
    stops = [p for p in (line.find(ch, end) for ch in marks) if p != -1]
    left = max(left, end - limit)
    return left, min(min(stops, default=len(line)), left + limit)


_CLAUSE_MARKS = ",，。;；:：!！?？"


def _sentence(line: str, start: int, end: int) -> tuple[int, int]:
    left = max(line.rfind(ch, 0, start) for ch in "。;；!！?？") + 1
    stops = [line.find(ch, end) for ch in "。;；!！?？"]
    return left, min([s for s in stops if s != -1], default=len(line))


# --------------------------------------------------------------------------- dates


@dataclass(frozen=True)
class DateMention:
    mention: Mention
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    inferred_year: bool = False


def find_dates(lines: list[str], article_date: str | None) -> list[DateMention]:
    """Every calendar date, with the precision written (a month-day takes the article's year)."""
    out = []
    for i, line in enumerate(lines):
        for m in DATE_RE.finditer(line):
            mention = Mention(i, m.start(), m.end(), m.group())
            if m["y"]:
                out.append(DateMention(mention, f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}"))
            elif m["y2"]:
                out.append(DateMention(mention, f"{m['y2']}-{int(m['m2']):02d}"))
            elif m["y3"]:
                out.append(DateMention(mention, m["y3"]))
            elif article_date:
                date = f"{article_date[:4]}-{int(m['m4']):02d}-{int(m['d4']):02d}"
                out.append(DateMention(mention, date, inferred_year=True))
            else:
                out.append(DateMention(mention, "", inferred_year=True))
        if article_date:
            for m in _THIS_YEAR.finditer(line):
                mention = Mention(i, m.start(), m.end(), m.group())
                out.append(DateMention(mention, article_date[:4], inferred_year=True))
    out.sort(key=lambda d: (d.mention.line, d.mention.start))
    return out


def _event_kind_near(
    line: str, mn: Mention, dates: list[DateMention], s_start: int, s_end: int
) -> str:
    """The kind read from the date's clause, else from the sentence part between its dates."""
    c_start = max(line.rfind(ch, 0, mn.start) for ch in _CLAUSE_MARKS) + 1
    c_ends = [p for p in (line.find(ch, mn.end) for ch in _CLAUSE_MARKS) if p != -1]
    kind = event_kind(line[c_start : min(c_ends, default=len(line))])
    if kind != "other":
        return kind
    same = [d.mention for d in dates if d.mention.line == mn.line]
    w_start = max([m.end for m in same if m.end <= mn.start] + [s_start])
    w_end = min([m.start for m in same if m.start >= mn.end] + [s_end])
    return event_kind(line[w_start:w_end])


def event_kind(clause: str) -> str:
    for pattern, kind in EVENT_RULES:
        if re.search(pattern, clause):
            return kind
    return "other"


# --------------------------------------------------------------------------- tables


@dataclass
class Context:
    lines: list[str]
    parks: list[tuple[Mention, str]]
    known: Known
    source_id: str
    pub_year: int | None


def _park_before(ctx: Context, line: int, pos: int) -> str | None:
    """The park named last before (line, pos): same line first, else earlier lines."""
    best = None
    for mention, name in ctx.parks:
        if (mention.line, mention.start) <= (line, pos):
            best = name
    return best


def _park_columns(ctx: Context, name: str | None) -> tuple[str, str]:
    """(park_id, hint): the id when the dataset knows the name, else a hint for description_en."""
    if name is None:
        return "", ""
    park_id = ctx.known.names.get(name, "")
    return park_id, "" if park_id else f"; park? {name}"


def dated_rows(ctx: Context, dates: list[DateMention]) -> tuple[list[dict], list[dict]]:
    """(event rows, level change rows): a dated clause that approves, upgrades or renames a
    zone is a level change (kept apart from the events); any other is an event."""
    events: list[dict[str, str]] = []
    changes: list[dict[str, str]] = []
    for dm in dates:
        mn, line = dm.mention, ctx.lines[dm.mention.line]
        s_start, s_end = _sentence(line, mn.start, mn.end)
        kind = _event_kind_near(line, mn, dates, s_start, s_end)
        park_id, hint = _park_columns(ctx, _park_before(ctx, mn.line, s_end))
        note = "; year from the article date" if dm.inferred_year and dm.date else ""
        if not dm.date:
            note = f"; no year given ({mn.text})"
        common = {
            "park_id": park_id,
            "date": dm.date,
            "description_zh": line[s_start:s_end][:80],
            "source_id": ctx.source_id,
            "evidence": evidence(line, mn.start, mn.end),
        }
        if kind in LEVEL_CHANGES:
            change, level = LEVEL_CHANGES[kind]
            upgrade = level == "national" and UPGRADE.search(line[s_start:s_end])
            changes.append(
                common
                | {
                    "change_id": _id(ctx, "c", len(changes) + 1),
                    "change": "upgraded" if upgrade else change,
                    "level_before": "provincial" if upgrade else "",
                    "level_after": level,
                    "description_en": f"candidate {kind}{hint}{note}",
                    "confidence": "one_source",
                }
            )
        else:
            events.append(
                common
                | {
                    "event_id": _id(ctx, "e", len(events) + 1),
                    "event": kind,
                    "description_en": f"candidate {kind}{hint}{note}",
                }
            )
    return events, changes


def indicator_rows(ctx: Context) -> list[dict]:
    rows: list[dict] = []
    for i, line in enumerate(ctx.lines):
        for start, end, amount in find_amounts(line):
            if amount.unit == YEARS:
                continue
            rows.append(_indicator(ctx, i, line, start, end, amount, len(rows) + 1))
    return rows


def _indicator(ctx: Context, i: int, line: str, start: int, end: int, amount: Amount, n: int):
    s_start, s_end = _sentence(line, start, end)
    before = line[s_start:start]
    kind = _kind(before, line[start:s_end])
    year, target_year, period = _when(ctx, before, line[s_start:s_end], kind)
    park_id, hint = _park_columns(ctx, _park_before(ctx, i, start))
    return {
        "fact_id": _id(ctx, "i", n),
        "park_id": park_id,
        "indicator": _indicator_slug(ctx.known, before, amount.unit),
        "year": year,
        "value": f"{amount.value:g}",
        "value_max": "" if amount.value_max is None else f"{amount.value_max:g}",
        "qualifier": amount.qualifier,
        "unit": amount.unit,
        "kind": kind,
        "target_year": target_year,
        "period": period,
        "description_en": f"candidate: {line[start:end]}{hint}",
        "source_id": ctx.source_id,
        "evidence": evidence(line, start, end),
    }


def _kind(before: str, after: str) -> str:
    if any(w in before for w in ESTIMATE_WORDS):
        return "estimate"
    if any(w in before for w in TARGET_WORDS) or re.search(r"到\d{4}年", before):
        return "target"
    # "... 的目标" later in the sentence, unless a new plan (计划, 力争) starts before it
    after = re.split(r"计划|力争|争取", after, maxsplit=1)[0]
    if "目标" in after:
        return "target"
    return "actual"


def _when(ctx: Context, before: str, sentence: str, kind: str) -> tuple[str, str, str]:
    """(year, target_year, period) as text; empty where the article does not say."""
    years = re.findall(r"((?:19|20)\d{2})年", before) or re.findall(r"((?:19|20)\d{2})年", sentence)
    period_m = _PERIOD_RE.search(sentence)
    duration = re.search(r"(\d+[-至到]\d+年|[一二两三四五六七八九]{2}年)", sentence)
    period = period_m.group() if period_m else (duration.group() if duration else "")
    pub = str(ctx.pub_year) if ctx.pub_year else ""
    if kind == "target":
        target_year = years[-1] if years else ""
        if not target_year and period_m:
            target_year = str(PERIODS[period_m.group()][1])
        return pub, target_year, period
    period = period_m.group() if period_m and period_m.group() in before else ""
    if years:
        return years[-1], "", period
    if period:
        return str(PERIODS[period][1]), "", period
    return pub, "", ""


def _indicator_slug(known: Known, before: str, unit: str) -> str:
    tail = before[-12:]
    for label, slug in known.labels.items():
        if label and label in tail:
            return slug
    for pattern, slug in INDICATOR_WORDS:
        if re.search(pattern, tail) and (not known.indicators or slug in known.indicators):
            return slug
    return ""


def park_rows(ctx: Context, article_date: str | None) -> tuple[list[dict], list[dict]]:
    """(park rows, level change rows): a new park, and where a level word stands by its name
    (国家级高新区, 批准为省级工业园区), that level as the article states it (listed, dated at
    the article's date)."""
    rows: list[dict[str, str]] = []
    listed: list[dict[str, str]] = []
    seen: set[str] = set()
    for mention, name in ctx.parks:
        if name in seen or name in ctx.known.names:
            continue
        seen.add(name)
        line = ctx.lines[mention.line]
        level, level_ev = _level_near(line, mention)
        rows.append(
            {
                "park_id": "",
                "name_zh": name,
                "short_name_zh": name,
                "zone_type": zone_type(name),
                "notes_en": "candidate: fill park_id, province, city, location",
            }
        )
        if level != "unknown":
            listed.append(
                {
                    "change_id": _id(ctx, "l", len(listed) + 1),
                    "park_id": "",
                    "date": article_date or "",
                    "change": "listed",
                    "level_after": level,
                    "description_zh": f"报道称{name}为{level}园区",
                    "description_en": f"candidate: the article states the level of {name}",
                    "source_id": ctx.source_id,
                    "evidence": level_ev,
                    "confidence": "one_source",
                }
            )
    return rows, listed


def _level_near(line: str, mention: Mention) -> tuple[str, str]:
    """A level word in the clause of the mention (国家级高新区, 批准为省级工业园区)."""
    s_start, s_end = _sentence(line, mention.start, mention.end)
    window_start = max(s_start, mention.start - 12)
    for m in _LEVEL_RE.finditer(line, window_start, min(s_end, mention.end + 12)):
        start, end = min(m.start(), mention.start), max(m.end(), mention.end)
        return LEVEL_WORDS[m.group()], evidence(line, start, end)
    return "unknown", ""


def _id(ctx: Context, kind: str, n: int) -> str:
    return f"{ctx.source_id or 'new'}-cand-{kind}{n:02d}"


# --------------------------------------------------------------------------- entry point


def extract_candidates(
    raw: str,
    source_id: str | None = None,
    file_name: str | None = None,
    data_dir: Path | str | None = DATA_DIR,
) -> dict[str, pd.DataFrame]:
    """Candidate rows per table ("parks", "events", "level_changes", "indicators") in the
    package's columns."""
    known = load_known(data_dir)
    article = parse_article(raw)
    if source_id is None:
        source_id = known.sources.get(file_name or "", "")
    # A page without a date takes the publication date the curator gave in sources.csv.
    article_date = article.date or known.published.get(source_id) or None
    ctx = Context(
        lines=article.body,
        parks=find_parks(article.body, known),
        known=known,
        source_id=source_id,
        pub_year=int(article_date[:4]) if article_date else None,
    )
    parks, listed = park_rows(ctx, article_date)
    events, changes = dated_rows(ctx, find_dates(article.body, article_date))
    frames = {
        "parks": parks,
        "events": events,
        "level_changes": changes + listed,
        "indicators": indicator_rows(ctx),
    }
    check_evidence_fragments(frames, simplified_text(raw))
    return {table: _frame(table, rows) for table, rows in frames.items()}


def check_evidence_fragments(frames: dict[str, list[dict]], text: str) -> None:
    """Every evidence fragment is a verbatim substring (an internal invariant)."""
    for rows in frames.values():
        for row in rows:
            for column in ("evidence",):
                fragment = row.get(column, "")
                if fragment and (fragment not in text or len(fragment) > EVIDENCE_MAX):
                    raise AssertionError(f"evidence not verbatim: {fragment!r}")


def _frame(table: str, rows: list[dict]) -> pd.DataFrame:
    columns = [f.name for f in schema_fields(read_descriptor(DATA_DIR), table)]
    return pd.DataFrame(rows, columns=columns, dtype="string").fillna("")
