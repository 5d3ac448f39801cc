"""Builds of generated data files from the shared reference tables (see parkdata.curate.catalog)."""
