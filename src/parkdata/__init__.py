"""Parkdata: a source-cited dataset of Chinese industrial parks and the functions of its dashboard.

The package is importable without Streamlit: loading, validation, filters, derivations,
chart and map builders and exports are plain functions over pandas frames.
"""

__version__ = "0.1.0"
