"""The model layer: filters, levels over time, and the derivations behind each page, as plain
functions over the Dataset's frames. Works with codes, never with display labels or a language
(that is `parkdata.present`). Depends only on `parkdata.data`."""
