"""Plotly figures for the Timeline and Compare pages (pure: frames in, go.Figure out).

Missing is never drawn as zero: a bar without a value is left out and a "no data" mark stands
in its place; every bar says how many parks are behind it. Free text shown in hovers (park
names, event labels) is HTML-escaped, since plotly interprets a subset of HTML there."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from parkdata.present import palette
from parkdata.present.i18n import term

FONT = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'


def label(key: object, lang: str) -> str:
    """Display label for a level/status/marker kind, chart word or place (`i18n.term`)."""
    return term(key, lang)


def _layout(fig: go.Figure, **kwargs) -> go.Figure:
    fig.update_layout(
        template="plotly_white",
        font={"family": FONT},
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
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


def _names(frame: pd.DataFrame) -> pd.Series:
    if "park_name" in frame:
        return frame["park_name"].astype("string").fillna(frame["park_id"].astype("string"))
    return frame["park_id"].astype("string")


def status_timeline(
    history: pd.DataFrame,
    markers: pd.DataFrame | None,
    lang: str = "zh",
    *,
    today: pd.Timestamp | None = None,
) -> go.Figure:
    """Each park's status over time as horizontal bars (one row per park, one trace per status
    in palette colours); dated events and targets as markers on the park's row. `history`:
    park_id, [park_name], status, start, end (NaT = ongoing, drawn to `today`), start_precision.
    `markers`: park_id, [park_name], date, kind (event slug or 'target'), label."""
    today = pd.Timestamp(today) if today is not None else pd.Timestamp.today().normalize()
    fig = go.Figure()
    hist = history.assign(
        _name=_names(history),
        _start=pd.to_datetime(history["start"].astype("object")),
        _end=pd.to_datetime(history["end"].astype("object")),
    )
    order = hist.sort_values("_start", kind="stable")["_name"].drop_duplicates().tolist()
    for status in palette.STATUS_ORDER:
        part = hist[hist["status"] == status]
        if part.empty:
            continue
        ends = part["_end"].fillna(today)
        starts_text = [
            format_partial(s, p)
            for s, p in zip(part["_start"], part["start_precision"], strict=True)
        ]
        ends_text = [
            label("ongoing", lang) if pd.isna(e) else format_partial(e, "day") for e in part["_end"]
        ]
        fig.add_trace(
            go.Bar(
                name=label(status, lang),
                orientation="h",
                y=part["_name"].map(html.escape).tolist(),
                base=[s.isoformat() for s in part["_start"]],
                x=[
                    (e - s).total_seconds() * 1000
                    for s, e in zip(part["_start"], ends, strict=True)
                ],
                marker_color=palette.STATUS_HEX[status],
                customdata=list(zip(starts_text, ends_text, strict=True)),
                hovertemplate="%{y}<br>"
                + label(status, lang)
                + ": %{customdata[0]} – %{customdata[1]}<extra></extra>",
            )
        )
    if markers is not None and not markers.empty:
        _add_markers(fig, markers, lang)
        order += [n for n in _names(markers).tolist() if n not in order]
    escaped = [html.escape(n) for n in order]
    fig.update_xaxes(type="date")
    fig.update_yaxes(categoryorder="array", categoryarray=escaped[::-1], title=None)
    return _layout(fig, barmode="overlay", height=max(260, 120 + 28 * len(order)))


def _add_markers(fig: go.Figure, markers: pd.DataFrame, lang: str) -> None:
    marks = markers.assign(
        _name=_names(markers),
        _date=pd.to_datetime(markers["date"].astype("object")),
        _group=markers["kind"].where(markers["kind"] == "target", "event"),
    )
    marks = marks[marks["_date"].notna()]
    styles = {"event": ("diamond", "#444444"), "target": ("star", "#d62728")}
    for group, (symbol, colour) in styles.items():
        part = marks[marks["_group"] == group]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                name=label(group, lang),
                mode="markers",
                y=part["_name"].map(html.escape).tolist(),
                x=[d.isoformat() for d in part["_date"]],
                marker={"symbol": symbol, "size": 11, "color": colour, "line": {"width": 1}},
                text=[html.escape(str(t)) for t in part["label"].fillna(part["kind"])],
                hovertemplate="%{y}<br>%{text}<extra></extra>",
            )
        )


def level_counts_chart(counts: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """How many parks were national / provincial at each date (columns date, level, n), as step
    lines in the level colours."""
    fig = go.Figure()
    for level in palette.LEVEL_ORDER:
        part = counts[counts["level"] == level].sort_values("date")
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                name=label(level, lang),
                x=[pd.Timestamp(d).isoformat() for d in part["date"]],
                y=part["n"].astype(int).tolist(),
                mode="lines+markers",
                line={"shape": "hv", "color": palette.LEVEL_HEX[level], "width": 3},
                hovertemplate="%{x|%Y-%m-%d}: %{y}<extra>" + label(level, lang) + "</extra>",
            )
        )
    fig.update_yaxes(title=label("n_parks_axis", lang), rangemode="tozero", dtick=1)
    fig.update_xaxes(title=label("date", lang), type="date")
    return _layout(fig, height=320)


def compare_bar(
    frame: pd.DataFrame,
    x: str,
    y: str,
    color: str = "level",
    n_col: str = "n_parks",
    lang: str = "zh",
    *,
    y_title: str | None = None,
    x_labels: dict[str, str] | None = None,
) -> go.Figure:
    """Grouped bars of `y` by `x`, one trace per `color` value (levels in palette colours). Each
    bar shows n = `n_col` parks behind it; a missing `y` draws no bar (never 0) and a "no data"
    mark at its place. Colour groups with no row at all are left out."""
    fig = go.Figure()
    categories = list(dict.fromkeys(frame[x].astype("string").fillna("—")))
    shown = [x_labels.get(c, c) if x_labels else label(c, lang) for c in categories]
    groups = list(dict.fromkeys(frame[color].astype("string").fillna("unknown")))
    if color == "level":
        groups = [g for g in palette.LEVEL_ORDER if g in groups]
    for group in groups:
        part = frame[frame[color].astype("string").fillna("unknown") == group]
        part = part.set_index(part[x].astype("string").fillna("—")).reindex(categories)
        values = [None if pd.isna(v) else float(v) for v in part[y]]
        n = _counts(part, n_col)
        n_missing = _counts(part, "n_missing")
        # "no data" only where the group has parks without a value; no parks at all: nothing.
        without = [k is None or k > 0 for k in n_missing]  # unknown count: assume parks
        missing = [i for i, v in enumerate(values) if v is None and without[i]]
        if all(v is None for v in values) and not missing:
            continue
        colour = palette.LEVEL_HEX.get(group) if color == "level" else None
        hover = "%{x}<br>%{y:,.4~g}<br>" + label("n_parks", lang) + ": %{customdata[0]}"
        if "n_missing" in part:
            hover += "<br>" + label("n_missing", lang) + ": %{customdata[1]}"
        fig.add_trace(
            go.Bar(
                name=label(group, lang),
                x=shown,
                y=values,
                offsetgroup=group,
                marker_color=colour,
                text=[f"n={k}" if v is not None else "" for v, k in zip(values, n, strict=True)],
                textposition="outside",
                customdata=list(zip(n, n_missing, strict=True)),
                hovertemplate=hover + "<extra>" + label(group, lang) + "</extra>",
            )
        )
        if missing:
            fig.add_trace(
                go.Scatter(
                    name=label(group, lang) + " – " + label("no_data", lang),
                    x=[shown[i] for i in missing],
                    y=[0] * len(missing),
                    mode="text",
                    text=[label("no_data", lang)] * len(missing),
                    textposition="top center",
                    textfont={"color": palette.MISSING_HEX},
                    offsetgroup=group,
                    showlegend=False,
                    hoverinfo="skip",
                )
            )
    fig.update_yaxes(title=y_title or y, rangemode="tozero")
    fig.update_xaxes(title=None)
    return _layout(fig, barmode="group", scattermode="group", height=380)


def _counts(part: pd.DataFrame, column: str) -> list[int | None]:
    if column not in part:
        return [None] * len(part)
    return [None if pd.isna(v) else int(v) for v in part[column]]


def sector_mix_chart(mix: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """Share of parks with each sector, one horizontal bar trace per level that has industry
    data (from compare.sector_mix); text shows parks with the sector / parks with data."""
    fig = go.Figure()
    names = mix["label_en"] if lang == "en" else mix["label_zh"]
    mix = mix.assign(_name=names.astype("string").fillna(mix["sector"]))
    present = mix.groupby("sector")["n_parks"].transform("sum") > 0
    mix = mix[present]  # sectors no park has are left out (the table lists them)
    for level in palette.LEVEL_ORDER:
        part = mix[(mix["level"] == level) & mix["share"].notna()]
        if part.empty:
            continue  # no park of this level has industry data: not drawn as 0 %
        fig.add_trace(
            go.Bar(
                name=f"{label(level, lang)} (n={int(part['n_with_data'].iloc[0])})",
                orientation="h",
                y=part["_name"].tolist(),
                x=(part["share"].astype(float) * 100).tolist(),
                marker_color=palette.LEVEL_HEX[level],
                text=[
                    f"{a}/{b}" for a, b in zip(part["n_parks"], part["n_with_data"], strict=True)
                ],
                textposition="outside",
                hovertemplate="%{y}: %{x:.0f}% (%{text})<extra>" + label(level, lang) + "</extra>",
            )
        )
    fig.update_xaxes(title=label("share", lang) + " (%)", range=[0, 110])
    fig.update_yaxes(title=None, autorange="reversed")
    n_rows = mix["_name"].nunique()
    return _layout(fig, barmode="group", height=max(300, 90 + 22 * n_rows * max(1, len(fig.data))))
