"""The presentation layer: labels in zh/en, display tables, charts, maps and exports. Depends on
`parkdata.model` and `parkdata.data`; nothing below it depends on it."""
