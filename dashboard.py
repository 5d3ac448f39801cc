"""Parkdata dashboard: `make run` (scripts/serve.py, i.e. `streamlit run dashboard.py`).

Loads the data package (cached; PARKDATA_DATA_DIR overrides the directory), reads the view from
the URL once, writes it back at the start of every run, draws the shared sidebar, then runs the
selected page (pages/registry.toml) and the footer with source and licence."""

from pathlib import Path

import streamlit as st

import parkdata
from pages._app import components, context, loaders, sidebar, state
from pages._app.registry import DEFAULT, PAGES
from parkdata.present.i18n import t

# A local icon file: a ":material/…:" page icon is fetched from a font CDN by the browser.
ICON = Path(parkdata.__file__).parent / "present" / "assets" / "icon.png"
st.set_page_config(page_title="Parkdata", page_icon=str(ICON), layout="wide")

loaded = loaders.current_data()
if loaded.handle is None:  # no package has loaded: say why, file by file
    problems = loaded.problems
    listing = "\n".join(problems[:200]) + (
        f"\n… +{len(problems) - 200}" if len(problems) > 200 else ""
    )
    st.error(
        f"{t('data_error', 'en', n=len(problems))}\n\n{t('data_error', 'zh', n=len(problems))}"
        f"\n\n```\n{listing}\n```"
    )
    st.stop()
handle = loaded.handle
context.set_handle(handle)
full = loaders.dataset(handle)
state.read_url_once(full)

with st.sidebar:
    lang = sidebar.language()
labels = loaders.labels(handle, lang)
page = st.navigation(
    [
        st.Page(
            spec.script,
            title=labels.t(spec.title_key),
            url_path=spec.path,
            icon=spec.icon,
            default=spec is DEFAULT,
        )
        for spec in PAGES
    ],
    position="top",
)
filters = state.filters()
state.write_url(filters, page.url_path or DEFAULT.path)  # first: the URL follows every change
with st.sidebar:
    sidebar.draw(handle, labels, len(loaders.filtered(handle, filters).parks), len(full.parks))
state.commit()
if loaded.problems:  # a newer package did not load: this one is still served
    st.warning(
        labels.t("data_newer_invalid", n=len(loaded.problems)), icon=":material/sync_problem:"
    )
sidebar.notices(labels)
page.run()
state.commit()
# and last: what the page itself set (another park's own peer type) reaches the URL this run
state.write_url(filters, page.url_path or DEFAULT.path)
components.footer(handle, labels)
