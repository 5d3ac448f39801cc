"""URL and session state: one canonical, language-free value per filter and page setting, the
widget keys that show them, and their form in the URL.

- Canonical state: `s:<name>` in st.session_state, for every Filters field (provinces, levels,
  text, as_of …) and every View field (park, indicator, table, by, basemap). Non-widget keys
  outlive the pages that draw their widgets.
- Widgets: a widget whose options are shown through labels of the current language gets one key
  per language (`w:levels:en`), seeded from the canonical value whenever the language changed
  or the widget has no state yet. Streamlit keeps a select widget's choice as its *label*, so a
  single key would show, after a language switch, the old language's label (the Compare
  indicator box kept saying 税收) or drop the choice. Widgets without labels (text, toggles)
  have one key (`w:text`).
- `value(name)` is the value this run uses, read before the widget is drawn (the widget state
  a click left, else the canonical value), so that the URL is written at the start of the run,
  before any page code can stop it, and follows every switch at once.
- The URL is read once per session (`read_url_once`), and written on every run (`write_url`)
  when it differs."""

from __future__ import annotations

from dataclasses import fields

import streamlit as st

from parkdata.data.dataset import Dataset
from parkdata.model import links
from parkdata.model.filters import MAX_TEXT, Filters, valid_date

from .registry import BY_PATH

FILTER_FIELDS = tuple(f.name for f in fields(Filters))
VIEW_FIELDS = tuple(f.name for f in fields(links.View) if f.name != "lang")
TEXT_FIELDS = ("text", "as_of")
# Settings whose widget shows labels in the current language: one widget key per language.
LABELLED = ("provinces", "cities", "levels", "zone_types", "sectors", "origins", "park")
LABELLED += ("indicator", "table", "by", "peer_type")
LANG = "lang"  # the language control's key (its values zh/en never change with the language)
_DEFAULTS = {**{f.name: f.default for f in fields(Filters)}, **vars(links.View())}


def _canonical(name: str) -> str:
    return f"s:{name}"


def _widget_key(name: str, lang: str) -> str:
    return f"w:{name}:{lang}" if name in LABELLED else f"w:{name}"


def _default(name: str) -> object:
    value = _DEFAULTS[name]
    return list(value) if isinstance(value, tuple) else value


def lang() -> str:
    value = st.session_state.get(LANG)
    return value if value in links.LANGS else "zh"


def _switched() -> bool:
    seen = st.session_state.get("_lang_seen")
    return seen is not None and seen != lang()


def value(name: str) -> object:
    """This run's value of a setting, before its widget is drawn: the widget state a click left
    (in the language the widget was last drawn in), else the canonical value."""
    ss = st.session_state
    if name in LABELLED and _switched():
        key = _widget_key(name, ss["_lang_seen"])
    else:
        key = _widget_key(name, lang())
    if key in ss:
        return ss[key]
    return ss.get(_canonical(name), _default(name))


def widget(name: str) -> str:
    """The widget key of setting `name` in this run's language, seeded with `value(name)` when
    the language changed or the widget has no state. Draw the widget with this key and no
    default of its own."""
    ss = st.session_state
    key = _widget_key(name, lang())
    if key not in ss or (name in LABELLED and _switched()):
        current = value(name)
        ss[key] = list(current) if isinstance(current, list | tuple) else current
    return key


def set_value(name: str, new: object) -> None:
    """Set a setting from code (a map click choosing a park): canonical and widget alike."""
    st.session_state[_canonical(name)] = new
    for code in links.LANGS:
        key = _widget_key(name, code)
        if key in st.session_state:
            del st.session_state[key]  # re-seeded from the canonical value when next drawn


def commit() -> None:
    """After the widgets ran: their values become the canonical state."""
    ss = st.session_state
    for name in (*FILTER_FIELDS, *VIEW_FIELDS):
        key = _widget_key(name, lang())
        if key in ss:
            ss[_canonical(name)] = ss[key]
    ss["_lang_seen"] = lang()


APPROVED_BOUNDS = "_approved_bounds"  # the approval-year slider's whole range (set by the sidebar)


def filters() -> Filters:
    """The filters of this run (text cut to MAX_TEXT, an invalid date left out, the approval
    years left out while the slider spans its whole range)."""
    values = {}
    for name in FILTER_FIELDS:
        raw = value(name)
        if name in TEXT_FIELDS:
            values[name] = str(raw or "").strip()
        else:
            values[name] = tuple(raw or ())
    values["text"] = values["text"][:MAX_TEXT]
    if not valid_date(values["as_of"]):
        values["as_of"] = ""
    if values["approved"] == tuple(st.session_state.get(APPROVED_BOUNDS) or ()):
        values["approved"] = ()
    return Filters(**values)  # type: ignore[arg-type]


def typed_date() -> str:
    """The as-of date as typed (to say when it is not a date)."""
    return str(value("as_of") or "").strip()


def view(page: str) -> links.View:
    """This run's page settings that `page` keeps in the URL (the others at their defaults)."""
    kept = BY_PATH[page].view if page in BY_PATH else ()
    values = {name: value(name) for name in kept}
    values = {k: v for k, v in values.items() if v not in (None, "")}
    return links.View(lang=lang(), **values)  # type: ignore[arg-type]


def query_mapping() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def read_url_once(full: Dataset) -> None:
    """First run of a session: query string -> canonical state and notices."""
    ss = st.session_state
    if ss.get("_url_read"):
        ss["_notices"] = []
        return
    params = query_mapping()
    f, notices = links.from_query_params(params, full)
    v, view_notices = links.view_from_query_params(params, full)
    for name in FILTER_FIELDS:
        got = getattr(f, name)
        ss[_canonical(name)] = list(got) if isinstance(got, tuple) else got
    ss[LANG] = v.lang
    for name in VIEW_FIELDS:
        got = getattr(v, name)
        if got or isinstance(got, bool):
            ss[_canonical(name)] = got
    ss["_notices"] = notices + view_notices
    ss["_url_read"] = True


def notices() -> list[links.Notice]:
    return list(st.session_state.get("_notices", []))


def write_url(f: Filters, page: str) -> None:
    """Current filters and this page's settings -> query string (only when it changed)."""
    wanted = links.to_query_params(f, view(page))
    wanted_lists = {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}
    if wanted_lists != query_mapping():
        st.query_params.from_dict(wanted_lists)


def reset_filters() -> None:
    """The sidebar's clear button (a callback: runs before the next run draws the widgets)."""
    ss = st.session_state
    for name in FILTER_FIELDS:
        ss[_canonical(name)] = _default(name)
        for code in links.LANGS:
            key = _widget_key(name, code)
            if key in ss:
                ss[key] = _default(name)
