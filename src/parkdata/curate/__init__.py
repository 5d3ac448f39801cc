"""Curator tools: article text, extraction of candidate rows, evidence checks, the catalogue
build and the `parkdata` command line. A leaf: the app never imports it."""
