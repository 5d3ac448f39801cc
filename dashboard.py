"""Parkdata dashboard: `streamlit run dashboard.py` (or `make run`).

Loads the data package once (cached; PARKDATA_DATA_DIR overrides the directory), draws the
shared sidebar (language and filters, kept in the URL), then runs the selected page from pages/
and the footer with source and licence."""

from pathlib import Path

import streamlit as st

import parkdata
from pages import _shared as app
from parkdata.data.dataset import Dataset
from parkdata.model import filters as flt
from parkdata.present.i18n import escape_markdown, label, notice_text, place, t

ICON = Path(parkdata.__file__).parent / "present" / "assets" / "icon.png"

# A local icon file: a ":material/…:" page icon is fetched from a font CDN by the browser.
st.set_page_config(page_title="Parkdata", page_icon=str(ICON), layout="wide")

directory = app.data_dir()
stamp = app.stamp(directory)
full = app.load_dataset(directory, stamp)
if not isinstance(full, Dataset):
    listing = "\n".join(full[:200]) + (f"\n… +{len(full) - 200}" if len(full) > 200 else "")
    st.error(
        f"{t('data_error', 'en', n=len(full))}\n\n{t('data_error', 'zh', n=len(full))}"
        f"\n\n```\n{listing}\n```\n\n`{escape_markdown(directory)}`"
    )
    st.stop()

app.read_url_once(full)

with st.sidebar:
    lang = st.segmented_control(
        t("language", "zh") + " / Language",
        ("zh", "en"),
        key="lang",
        format_func={"zh": "中文", "en": "English"}.get,
        required=True,
    )
    opts = flt.options(full, app.current("f_province", lang))
    st.header(t("filters", lang))
    st.text_input(
        t("search", lang), key="f_text", help=t("search_help", lang), max_chars=flt.MAX_TEXT
    )
    st.multiselect(
        t("province", lang),
        opts["provinces"],
        key=app.lang_key("f_province", lang),
        placeholder=t("all", lang),
        format_func=lambda v: place(v, lang),
    )
    cities = sorted(set(opts["cities"]) | set(app.current("f_city", lang)))
    st.multiselect(
        t("city", lang),
        cities,
        key=app.lang_key("f_city", lang),
        placeholder=t("all", lang),
        format_func=lambda v: place(v, lang),
    )
    st.multiselect(
        t("level", lang),
        opts["levels"],
        key=app.lang_key("f_level", lang),
        placeholder=t("all", lang),
        format_func=lambda v: label("level", v, lang),
    )
    st.multiselect(
        t("zone_type", lang),
        opts["zone_types"],
        key=app.lang_key("f_zone", lang),
        placeholder=t("all", lang),
        format_func=lambda v: label("zone_type", v, lang),
    )
    sector_labels = app.sector_labels(directory, stamp, lang)
    st.multiselect(
        t("sector", lang),
        opts["sectors"],
        key=app.lang_key("f_sector", lang),
        placeholder=t("all", lang),
        format_func=lambda v: sector_labels.get(v, v),
    )
    date_text = st.text_input(
        t("as_of", lang), key="f_date", help=t("as_of_help", lang), placeholder="2015-06"
    )
    if date_text and not flt.valid_date(date_text.strip()):
        st.warning(
            t("notice_bad_value", lang, key=t("as_of", lang), value=escape_markdown(date_text[:40]))
        )
    st.button(t("reset", lang), on_click=app.reset_filters, icon=":material/filter_alt_off:")
    app.keep_canonical(lang)

filters = app.filters_from_state()
ds = app.filtered(directory, stamp, filters)
st.session_state["_ctx"] = app.Ctx(
    directory, stamp, lang, filters, full, ds, app.package_meta(directory, stamp)
)
st.sidebar.caption(t("n_parks_shown", lang, n=len(ds.parks), total=len(full.parks)))
for notice in st.session_state.get("_notices", []):
    st.warning(notice_text(notice, lang), icon=":material/link_off:")

pages = [
    st.Page(
        f"pages/{path}_page.py",
        title=t(f"page_{path}", lang),
        url_path=path,
        icon=icon,
        default=path == "overview",
    )
    for path, icon in app.PAGES.items()
]
page = st.navigation(pages, position="top")
app.write_url(filters, page.url_path)
page.run()
app.footer(st.session_state["_ctx"])
