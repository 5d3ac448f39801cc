"""The app layer between the pages and `parkdata`: the page registry, URL and session state,
cached loaders, and reusable components (the only code besides dashboard.py and the page
scripts that imports Streamlit). The leading underscore keeps this folder from being a page."""
