"""Park profile (?park=<id>): everything known about one park, each fact with its source."""

import streamlit as st

from pages import _shared as app
from parkdata.model import profile
from parkdata.present.i18n import escape_markdown, label, park_name, place, t

c = app.ctx()
st.title(t("page_profile", c.lang))
options = app.profile_options(c)
park_id = st.selectbox(
    t("choose_park", c.lang),
    list(options),
    key="v_park",
    index=None,
    format_func=options.get,
    persist_state="session",
    placeholder=t("no_park", c.lang),
)
p = profile.park_profile(c.full, park_id, c.lang) if park_id else None
if p is None:
    if not app.empty_state(c):
        st.info(t("no_park", c.lang))
else:
    park = p.park
    st.header(escape_markdown(park_name(park, c.lang)))
    names = (park["name_zh"], park.get("name_en"), park["short_name_zh"])
    st.caption(" · ".join(escape_markdown(v) for v in names if isinstance(v, str)))
    if park_id not in set(c.ds.parks["park_id"]):
        st.caption(t("outside_filter", c.lang))
    cols = st.columns(4)
    cols[0].metric(
        t("level", c.lang),
        label("level", park["level"], c.lang),
        help=f"{t('level_source', c.lang)}: {park.get('level_source_id')} "
        f"({park.get('level_as_of')}) «{park.get('level_evidence')}»",
    )
    cols[1].metric(t("zone_type", c.lang), label("zone_type", park["zone_type"], c.lang))
    cols[2].metric(t("city", c.lang), place(park["city"], c.lang))
    cols[3].metric(
        t("location", c.lang),
        label("location_precision", park.get("location_precision"), c.lang) or "—",
    )
    if p.parent:
        st.write(f"**{t('parent', c.lang)}:** {p.parent}")
    if p.children:
        st.write(f"**{t('children', c.lang)}:** " + "、".join(p.children))
    for title, frame in (
        (t("level_history", c.lang), p.history),
        (t("indicators_targets", c.lang), p.indicators),
        (t("industries_companies", c.lang), p.industries),
        (t("events", c.lang), p.events),
        (t("m_sources", c.lang), app.sources_frame(p.sources, c.lang)),
    ):
        st.subheader(title)
        if frame.empty:
            st.caption(t("none_known", c.lang))
        else:
            st.dataframe(
                frame,
                hide_index=True,
                column_config=app.column_config(frame, c.lang),
                placeholder="—",
            )
