"""Plotly figures for the Timeline and Compare pages (pure: frames in, go.Figure out).

Colours, order and labels of levels and statuses come from the vocabularies through `Labels`.
Missing is never drawn as zero: a bar without a value is left out and a "no data" mark stands in
its place; every bar says how many parks stand behind it out of how many in its group. Free text
shown in hovers (park names, event labels) is HTML-escaped, since plotly interprets a subset of
HTML there. Legends sit above the plot on the left and the toolbar stands upright on the right,
so neither covers the other on a narrow screen."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from parkdata.data.schema import LEVEL_UNKNOWN, TARGET
from parkdata.model import compare
from parkdata.model.compare import UNKNOWN_GROUP
from parkdata.present.labels import Labels

FONT = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
MISSING_HEX = "#bbbbbb"
EVENT_MARKER = ("diamond", "#444444")
TARGET_MARKER = ("star", "#d62728")
# What every chart's toolbar offers: no plotly logo, no editing of the figure.
CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
_GRID = "#ebf0f8"
# The look of plotly's "plotly_white" reduced to what these charts use: its full template costs
# ~40 ms to apply by name and adds 6.5 KB to every chart sent to the browser.
TEMPLATE = go.layout.Template(
    layout={
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "font": {"color": "#2a3f5f"},
        "hoverlabel": {"align": "left"},
        "xaxis": {"gridcolor": _GRID, "linecolor": _GRID, "zerolinecolor": _GRID},
        "yaxis": {"gridcolor": _GRID, "linecolor": _GRID, "zerolinecolor": _GRID},
    }
)


def _layout(fig: go.Figure, **kwargs) -> go.Figure:
    fig.update_layout(
        template=TEMPLATE,
        font={"family": FONT},
        margin={"l": 10, "r": 40, "t": 40, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "xanchor": "left"},
        modebar={"orientation": "v"},
        **kwargs,
    )
    return fig


def format_partial(when: object, precision: object) -> str:
    """A date with its precision kept: 2006 / 2006-08 / 2006-08-15."""
    if when is None or pd.isna(when):
        return ""
    stamp = pd.Timestamp(when)
    if precision == "year":
        return f"{stamp.year}"
    if precision == "month":
        return f"{stamp.year}-{stamp.month:02d}"
    return stamp.strftime("%Y-%m-%d")


def status_timeline(
    history: pd.DataFrame,
    markers: pd.DataFrame | None,
    labels: Labels,
    names: pd.Series,
    *,
    today: pd.Timestamp | None = None,
) -> go.Figure:
    """Each park's status over time as horizontal bars (one row per park, one trace per status
    in its vocabulary colour); dated events and targets as markers on the park's row.
    `history`: park_id, status, start, end (NaT = ongoing, drawn to `today`), start_precision.
    `markers`: park_id, date, kind ('target' or an event code), label. `names`: park_id -> name."""
    today = pd.Timestamp(today) if today is not None else pd.Timestamp.today().normalize()
    fig = go.Figure()
    hist = history.assign(
        _name=history["park_id"].map(names).fillna(history["park_id"]).astype("string"),
        _start=pd.to_datetime(history["start"].astype("object")),
        _end=pd.to_datetime(history["end"].astype("object")),
        # a segment ends where the park's next begins: with that change's precision
        _end_precision=history.groupby("park_id")["start_precision"].shift(-1).fillna("day"),
    )
    order = hist.sort_values("_start", kind="stable")["_name"].drop_duplicates().tolist()
    for status in labels.order("statuses"):
        part = hist[hist["status"] == status]
        if part.empty:
            continue
        name = labels.code("statuses", status)
        ends = part["_end"].fillna(today)
        starts_text = [
            format_partial(s, p)
            for s, p in zip(part["_start"], part["start_precision"], strict=True)
        ]
        ends_text = [
            labels.term("ongoing") if pd.isna(e) else format_partial(e, p)
            for e, p in zip(part["_end"], part["_end_precision"], strict=True)
        ]
        fig.add_trace(
            go.Bar(
                name=name,
                orientation="h",
                y=part["_name"].map(html.escape).tolist(),
                base=[s.isoformat() for s in part["_start"]],
                x=[
                    (e - s).total_seconds() * 1000
                    for s, e in zip(part["_start"], ends, strict=True)
                ],
                marker_color=labels.colour("statuses", status),
                customdata=list(zip(starts_text, ends_text, strict=True)),
                hovertemplate="%{y}<br>"
                + html.escape(name)
                + ": %{customdata[0]} – %{customdata[1]}<extra></extra>",
            )
        )
    if markers is not None and not markers.empty:
        marks = markers.assign(
            _name=markers["park_id"].map(names).fillna(markers["park_id"]).astype("string")
        )
        _add_markers(fig, marks, labels)
        order += [n for n in marks["_name"].tolist() if n not in order]
    escaped = [html.escape(n) for n in order]
    fig.update_xaxes(type="date")
    fig.update_yaxes(categoryorder="array", categoryarray=escaped[::-1], title=None)
    return _layout(fig, barmode="overlay", height=max(260, 140 + 28 * len(order)))


def _add_markers(fig: go.Figure, marks: pd.DataFrame, labels: Labels) -> None:
    marks = marks.assign(
        _date=pd.to_datetime(marks["date"].astype("object")),
        _group=marks["kind"].where(marks["kind"] == TARGET, "event"),
    )
    marks = marks[marks["_date"].notna()]
    styles = {"event": EVENT_MARKER, TARGET: TARGET_MARKER}
    for group, (symbol, colour) in styles.items():
        part = marks[marks["_group"] == group]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                name=labels.term(group),
                mode="markers",
                y=part["_name"].map(html.escape).tolist(),
                x=[d.isoformat() for d in part["_date"]],
                marker={"symbol": symbol, "size": 11, "color": colour, "line": {"width": 1}},
                text=[html.escape(str(t)) for t in part["label"].fillna(part["kind"])],
                hovertemplate="%{y}<br>%{text}<extra></extra>",
            )
        )


def _per_level(frame: pd.DataFrame, labels: Labels, by: str):
    """(level, its label, its rows sorted by `by`) for each level with rows, in level order."""
    for level in labels.order("levels"):
        part = frame[frame["level"] == level].sort_values(by)
        if not part.empty:
            yield level, labels.code("levels", level), part


def level_counts_chart(counts: pd.DataFrame, labels: Labels) -> go.Figure:
    """How many parks held each level at each date (columns date, level, n), as step lines in
    the level colours."""
    fig = go.Figure()
    for level, name, part in _per_level(counts, labels, "date"):
        fig.add_trace(
            go.Scatter(
                name=name,
                x=[pd.Timestamp(d).isoformat() for d in part["date"]],
                y=part["n"].astype(int).tolist(),
                mode="lines",
                line={"shape": "hv", "color": labels.colour("levels", level), "width": 3},
                hovertemplate="%{x|%Y-%m-%d}: %{y}<extra>" + html.escape(name) + "</extra>",
            )
        )
    fig.update_yaxes(title=labels.term("n_parks_axis"), rangemode="tozero")
    fig.update_xaxes(title=labels.term("date"), type="date")
    return _layout(fig, height=340)


def _counts(part: pd.DataFrame, column: str) -> list[int | None]:
    if column not in part:
        return [None] * len(part)
    return [None if pd.isna(v) else int(v) for v in part[column]]


DENSE_GROUPS = 12  # more groups than this: horizontal bars, one row per group, counts in the hover


def _group_name(group: str, labels: Labels, x_labels: dict[str, str] | None) -> str:
    """A group's axis label: its vocabulary label, its place name, or 'unknown' for zones
    without one (never a bare dash)."""
    if group == UNKNOWN_GROUP:
        return labels.term("unknown_group")
    return x_labels.get(group, group) if x_labels else labels.place(group) or group


def compare_bar(
    frame: pd.DataFrame,
    x: str,
    y: str,
    labels: Labels,
    *,
    n_col: str = "n_parks",
    y_title: str | None = None,
    x_labels: dict[str, str] | None = None,
    categories: list[str] | None = None,
    unit: str | None = None,
) -> go.Figure:
    """Grouped bars of `y` by `x`, one trace per level (vocabulary colours and order), groups in
    the order of `categories` when given (else as they come). Each bar
    says how many parks stand behind it: 'n' for counts, 'k/n' (parks with a value / parks of
    the group) when the frame has n_missing. A missing `y` draws no bar (never 0) and a
    "no data" mark at its place (the words when groups are few, a grey cross, named in the
    legend, when they are many); a level with no row at all is left out, and so is a group
    where no level has a value (`without_values_note` names them). More than DENSE_GROUPS
    groups (31 provinces): horizontal bars, a group per row with its name written level, the
    counts in the hover. `unit` follows every value in the hover (km², 亿元)."""
    fig = go.Figure()
    empty = set(compare.groups_without_values(frame, x, y))
    keys = frame[x].astype("string").fillna(UNKNOWN_GROUP)
    present = [g for g in dict.fromkeys(keys) if g not in empty]
    categories = [c for c in categories or present if c in present]
    categories += [c for c in present if c not in categories]
    shown = [_group_name(c, labels, x_labels) for c in categories]
    dense = len(categories) > DENSE_GROUPS  # many groups: the counts live in the hover
    value_axis, group_axis = ("x", "y") if dense else ("y", "x")
    suffix = f" {unit}" if unit else ""
    level_codes = set(frame["level"].astype("string").fillna(LEVEL_UNKNOWN))
    cross_named = False
    for level in [lv for lv in labels.order("levels") if lv in level_codes]:
        part = frame[frame["level"].astype("string").fillna(LEVEL_UNKNOWN) == level]
        part = part.set_index(part[x].astype("string").fillna(UNKNOWN_GROUP)).reindex(categories)
        values = [None if pd.isna(v) else float(v) for v in part[y]]
        n = _counts(part, n_col)
        n_missing = _counts(part, "n_missing")
        # "no data" only where the group has parks without a value; no parks at all: nothing.
        without = [k is None or k > 0 for k in n_missing]  # unknown count: assume parks
        missing = [i for i, v in enumerate(values) if v is None and without[i]]
        if all(v is None for v in values) and not missing:
            continue
        name = labels.code("levels", level)
        of = [
            (k or 0) + (m or 0) if m is not None else None
            for k, m in zip(n, n_missing, strict=True)
        ]
        text = [
            ("" if v is None else f"{k}/{t}" if t is not None else f"n={k}")
            for v, k, t in zip(values, n, of, strict=True)
        ]
        hover = (
            f"%{{{group_axis}}}<br>%{{{value_axis}:,.4~g}}{html.escape(suffix)}<br>"
            + html.escape(labels.term("n_parks"))
            + ": %{text}"
        )
        totals: list[float | None] = [None] * len(values)
        if "total" in part and y != "total":
            totals = [None if pd.isna(v) else float(v) for v in part["total"]]
            hover += (
                "<br>" + html.escape(labels.term("total")) + ": %{customdata:,.4~g}"
                + html.escape(suffix)
            )  # fmt: skip
        fig.add_trace(
            go.Bar(
                name=name,
                **{group_axis: shown, value_axis: values},
                orientation="h" if dense else "v",
                offsetgroup=level,
                marker_color=labels.colour("levels", level),
                text=text,
                customdata=totals,
                textposition="none" if dense else "outside",
                hovertemplate=hover + "<extra>" + html.escape(name) + "</extra>",
            )
        )
        if missing:
            no_data = labels.term("no_data")
            mark = (
                {"mode": "markers", "marker": {"symbol": "x-thin-open", "size": 7,
                                                "color": MISSING_HEX, "line": {"width": 1.5}}}
                if dense
                else {"mode": "text", "textposition": "top center",
                      "textfont": {"color": MISSING_HEX}}
            )  # fmt: skip
            fig.add_trace(
                go.Scatter(
                    name=no_data if dense else name + " – " + no_data,
                    **{group_axis: [shown[i] for i in missing], value_axis: [0] * len(missing)},
                    text=[no_data] * len(missing),
                    offsetgroup=level,
                    orientation="h" if dense else "v",
                    # the cross is explained once in the legend; the words need no key
                    showlegend=dense and not cross_named,
                    legendgroup="no_data",
                    hovertemplate=f"%{{{group_axis}}}<br>%{{text}}<extra>"
                    + html.escape(name)
                    + "</extra>",
                    **mark,
                )
            )
            cross_named = cross_named or dense
    title = y_title or y
    if dense:
        fig.update_xaxes(title=title, rangemode="tozero")
        fig.update_yaxes(title=None, autorange="reversed", automargin=True)
        height = 80 + 14 * len(categories) * max(1, len(level_codes))
        return _layout(fig, barmode="group", scattermode="group", height=max(400, height))
    fig.update_yaxes(title=title, rangemode="tozero")
    fig.update_xaxes(title=None)
    return _layout(fig, barmode="group", scattermode="group", height=400)


def without_values_note(
    frame: pd.DataFrame,
    x: str,
    y: str,
    labels: Labels,
    x_labels: dict[str, str] | None = None,
    limit: int = 12,
) -> str | None:
    """What a reader is told about the groups `compare_bar` leaves out for having no value:
    how many and which (the first `limit` by name, then how many more)."""
    groups = compare.groups_without_values(frame, x, y)
    if not groups:
        return None
    names = [_group_name(g, labels, x_labels) for g in groups]
    shown = labels.t("list_sep").join(names[:limit])
    if len(names) > limit:
        shown += labels.t("and_more", n=len(names) - limit)
    return labels.t("groups_without_values", n=len(groups), names=shown)


def sector_heatmap(
    mix: pd.DataFrame,
    by: str,
    labels: Labels,
    *,
    x_labels: dict[str, str] | None = None,
    groups: list[str] | None = None,
) -> go.Figure:
    """Share of parks with each sector (rows) in each group of `by` (columns), one panel per
    level with industry data (from compare.sector_mix_by). Cells read 'parks with the sector /
    parks with industry data'; a group without data is blank, never 0 %."""
    levels = [lv for lv in labels.order("levels") if (mix["level"] == lv).any()]
    levels = [lv for lv in levels if mix.loc[mix["level"] == lv, "n_with_data"].sum() > 0]
    sectors = [s for s in labels.order("sectors") if s in set(mix["sector"])]
    sectors = [s for s in sectors if mix.loc[mix["sector"] == s, "n_parks"].sum() > 0]
    if not levels or not sectors:
        return _layout(go.Figure(), height=200)
    # many groups (31 provinces): groups down the side, sectors across, the figures in the hover
    dense = len(set(mix[by].astype("string").dropna())) > DENSE_GROUPS
    fig = make_subplots(
        rows=1,
        cols=len(levels),
        shared_yaxes=True,
        subplot_titles=[labels.code("levels", lv) for lv in levels],
        horizontal_spacing=0.02 if dense else 0.04,
    )
    rows = [labels.code("sectors", s) for s in sectors]
    n_groups = 0
    for col, level in enumerate(levels, start=1):
        part = mix[mix["level"] == level]
        present = [g for g in dict.fromkeys(part[by].astype("string")) if isinstance(g, str)]
        columns = [g for g in groups or present if g in present]
        columns += [g for g in present if g not in columns]
        n_groups = max(n_groups, len(columns))
        wide = part.drop_duplicates(["sector", by]).set_index(["sector", by])
        wide = wide[["share", "n_parks", "n_with_data"]].unstack(by)
        grid = wide["share"].reindex(index=sectors, columns=columns)
        n = wide["n_parks"].reindex(index=sectors, columns=columns)
        of = wide["n_with_data"].reindex(index=sectors, columns=columns)
        text = [
            ["" if pd.isna(s) else f"{int(a)}/{int(b)}" for s, a, b in zip(sr, ar, br, strict=True)]
            for sr, ar, br in zip(grid.to_numpy(), n.to_numpy(), of.to_numpy(), strict=True)
        ]
        z = [[None if pd.isna(v) else float(v) * 100 for v in r] for r in grid.to_numpy()]
        names = [_group_name(g, labels, x_labels) for g in columns]
        if dense:  # transpose: a row per group
            z, text = (
                [list(r) for r in zip(*z, strict=True)],
                [list(r) for r in zip(*text, strict=True)],
            )
        fig.add_trace(
            go.Heatmap(
                z=z,
                x=rows if dense else names,
                y=names if dense else rows,
                text=text,
                texttemplate="" if dense else "%{text}",
                colorscale="Blues",
                zmin=0,
                zmax=100,
                xgap=1 if dense else 0,
                ygap=1 if dense else 0,
                showscale=col == len(levels),
                colorbar={"title": {"text": "%"}},
                hovertemplate=(
                    "%{y}<br>%{x}: %{z:.0f}% (%{text})"
                    if dense
                    else "%{x}<br>%{y}: %{z:.0f}% (%{text})"
                )
                + "<extra>"
                + html.escape(labels.code("levels", level))
                + "</extra>",
            ),
            row=1,
            col=col,
        )
    fig.update_yaxes(autorange="reversed")
    if dense:
        fig.update_xaxes(tickangle=-60, tickfont={"size": 10})
        return _layout(fig, height=max(420, 160 + 20 * n_groups))
    return _layout(fig, height=max(320, 120 + 26 * len(sectors)))


def approvals_per_year_chart(counts: pd.DataFrame, labels: Labels) -> go.Figure:
    """Zones first reaching each level per year (columns year, level, n) as grouped bars in the
    level colours; a year without approvals has no bar (it is a real 0, shown as a gap)."""
    fig = go.Figure()
    for level, name, part in _per_level(counts, labels, "year"):
        fig.add_trace(
            go.Bar(
                name=name,
                x=part["year"].astype(int).tolist(),
                y=part["n"].astype(int).tolist(),
                marker_color=labels.colour("levels", level),
                hovertemplate="%{x}: %{y}<extra>" + html.escape(name) + "</extra>",
            )
        )
    fig.update_yaxes(title=labels.term("n_parks_axis"), rangemode="tozero")
    fig.update_xaxes(title=labels.term("year"), dtick=2)
    return _layout(fig, barmode="group", height=340)


UPGRADE_NAMES_SHOWN = 8  # zone names listed in an upgrade bar's hover, then how many more


def upgrades_chart(per_year: pd.DataFrame, labels: Labels, names: dict[str, str]) -> go.Figure:
    """Upgrades from provincial to national per year (model.upgrades.per_year), stacked by zone
    type in its colour; the hover names the zones (the first few, then how many more). A year
    without an upgrade has no bar (the facts give none), never a drawn zero."""
    fig = go.Figure()
    sep = labels.t("list_sep")
    for zone_type in [t for t in labels.order("zone_types") if t in set(per_year["zone_type"])]:
        part = per_year[per_year["zone_type"] == zone_type]
        name = labels.zone_type(zone_type, "national")
        listed = []
        for ids in part["park_ids"]:
            shown = [names.get(i, i) for i in ids[:UPGRADE_NAMES_SHOWN]]
            more = len(ids) - UPGRADE_NAMES_SHOWN
            text = sep.join(html.escape(n) for n in shown)
            listed.append(text + (html.escape(labels.t("and_more", n=more)) if more > 0 else ""))
        fig.add_trace(
            go.Bar(
                name=name,
                x=part["year"].astype(int).tolist(),
                y=part["n"].astype(int).tolist(),
                customdata=listed,
                marker_color=labels.colour("zone_types", zone_type),
                hovertemplate="%{x}: %{y}<br>%{customdata}<extra>" + html.escape(name) + "</extra>",
            )
        )
    fig.update_yaxes(title=labels.term("n_upgrades_axis"), rangemode="tozero")
    fig.update_xaxes(title=labels.term("year"), dtick=2)
    return _layout(fig, barmode="stack", height=340)
