"""Park profile (?park=<id>): everything known about one zone, each fact with its source."""

import streamlit as st

from pages._app import components as ui
from pages._app import loaders, state
from pages._app.context import current
from parkdata.model.profile import picker_options
from parkdata.present import profile
from parkdata.present.i18n import escape_markdown

run = current()
lab = run.labels
full = loaders.dataset(run.handle)
shown = loaders.filtered(run.handle, run.filters)
st.title(lab.t("page_profile"))
names = lab.park_names(full.parks)
park_id = st.selectbox(
    lab.t("choose_park"),
    picker_options(full.parks, shown.parks, state.value("park")),
    key=state.widget("park"),
    index=None,
    format_func=lambda pid: str(names.get(pid, pid)),
    placeholder=lab.t("no_park"),
)
p = loaders.park_profile(run.handle, park_id) if park_id else None
if p is None:
    if not ui.empty_state(len(shown.parks), lab):
        st.info(lab.t("no_park"))
else:
    park = p.park
    st.header(escape_markdown(lab.park_name(park)))
    aliases = (park["name_zh"], park.get("name_en"), park["short_name_zh"])
    st.caption(" · ".join(escape_markdown(v) for v in dict.fromkeys(aliases) if isinstance(v, str)))
    if park_id not in set(shown.parks["park_id"]):
        st.caption(lab.t("outside_filter"))
    cols = st.columns(4)
    cols[0].metric(lab.t("level"), lab.code("levels", park["level"]))
    cols[1].metric(lab.t("zone_type"), lab.zone_type(park["zone_type"], park["level"]))
    cols[2].metric(
        lab.t("city"), lab.place_short(park["city"]) or lab.place_short(park["province"])
    )
    cols[3].metric(
        lab.t("location"), lab.code("location_precisions", park.get("location_precision")) or "—"
    )
    st.caption(profile.level_line(park, lab))
    st.caption(profile.origin_line(park, lab))
    if p.parent_id:
        st.markdown(f"**{lab.t('parent')}:** {escape_markdown(str(names.get(p.parent_id)))}")
    if p.children:
        kids = "、".join(escape_markdown(str(names.get(k))) for k in p.children)
        st.markdown(f"**{lab.t('children')}:** {kids}")
    for key, frame in profile.frames(p, full, lab).items():
        st.subheader(lab.t(key))
        if frame.empty:
            st.caption(lab.t("none_known"))
        else:
            ui.dataframe(frame, lab)
    st.subheader(lab.t("peers"))
    st.caption(lab.t("peers_help"))
    ui.peers(run.handle, park_id, run.lang)
    if park.get("level") == "provincial":
        ui.path_to_national(run.handle, park_id, run.lang)
