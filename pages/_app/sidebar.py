"""The shared sidebar: language, then the filters every page obeys, each kept in the URL."""

from __future__ import annotations

import streamlit as st

from parkdata.model import filters as flt
from parkdata.present.i18n import escape_markdown, notice_text
from parkdata.present.labels import Labels

from . import loaders, state
from .loaders import Handle

LANG_NAMES = {"zh": "中文", "en": "English"}


def language() -> str:
    st.segmented_control(
        "语言 / Language",
        tuple(LANG_NAMES),
        key=state.LANG,
        format_func=LANG_NAMES.get,
        required=True,
    )
    return state.lang()


def draw(handle: Handle, labels: Labels, n_shown: int, n_total: int) -> None:
    """The filter widgets (their values were read by `state.filters()` before this run drew
    them), the count of parks shown, the as-of note and the link notices."""
    opts = loaders.filter_options(handle, tuple(state.value("provinces") or ()))  # type: ignore[arg-type]
    st.header(labels.t("filters"))
    # no max_chars: a longer paste would be dropped by the browser without a word; the search
    # uses the first MAX_TEXT characters and says so
    typed = st.text_input(
        labels.t("search"), key=state.widget("text"), help=labels.t("search_help")
    )
    if len((typed or "").strip()) > flt.MAX_TEXT:
        st.caption(labels.t("search_cut", n=flt.MAX_TEXT))
    for field, key, vocabulary in flt.CHOICES:
        options = list(opts[field])
        if field == "cities":  # a chosen city stays an option when its province is unticked
            options += [c for c in state.value("cities") or [] if c not in options]  # type: ignore[union-attr]
        shown = labels.options(vocabulary) if vocabulary else None
        st.multiselect(
            labels.t(key),
            options,
            key=state.widget(field),
            placeholder=labels.t("all"),
            format_func=(lambda v, shown=shown: shown.get(v, v)) if shown else labels.place,
        )
    bounds = loaders.approval_years(handle)
    if bounds is not None:
        st.session_state[state.APPROVED_BOUNDS] = bounds
        key = state.widget("approved")
        chosen = st.session_state.get(key) or bounds  # nothing chosen: the whole range
        low, high = chosen[0], chosen[-1]
        st.session_state[key] = (
            min(max(low, bounds[0]), bounds[1]),
            min(max(high, bounds[0]), bounds[1]),
        )
        st.slider(
            labels.t("approval_years"),
            min_value=bounds[0],
            max_value=bounds[1],
            key=key,
            help=labels.t("approval_years_help"),
        )
    st.text_input(
        labels.t("as_of"),
        key=state.widget("as_of"),
        help=labels.t("as_of_help"),
        placeholder=labels.t("as_of_placeholder"),
    )
    typed = state.typed_date()
    if typed and not flt.valid_date(typed):
        st.warning(labels.t("as_of_invalid", value=escape_markdown(typed[:40])))
    elif typed:
        st.caption(labels.t("as_of_active", date=escape_markdown(typed)))
    st.button(labels.t("reset"), on_click=state.reset_filters, icon=":material/filter_alt_off:")
    st.caption(labels.t("n_parks_shown", n=f"{n_shown:,}", total=f"{n_total:,}"))


NOTICES_SHOWN = 3  # a hostile link's notices: one box, the first few, then how many more


def notices(labels: Labels) -> None:
    """What the link changed, in one notice (a link with nine bad parameters once filled the
    first screen with nine boxes)."""
    found = state.notices()
    if not found:
        return
    lines = [f"- {notice_text(n, labels.lang)}" for n in found[:NOTICES_SHOWN]]
    if len(found) > NOTICES_SHOWN:
        lines.append(f"- {labels.t('notices_more', n=len(found) - NOTICES_SHOWN)}")
    head = labels.t("notices_title", n=len(found))
    st.warning("\n".join([head, *lines]), icon=":material/link_off:")
