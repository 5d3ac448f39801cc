"""The one place for colours: park levels, status bars and map background.

Level and status colours come from the Okabe-Ito palette (distinguishable with the common
colour-vision deficiencies). RGB lists for pydeck, hex strings for plotly."""

from __future__ import annotations

LEVEL_ORDER = ("national", "provincial", "other", "unknown")

LEVEL_COLOURS: dict[str, list[int]] = {
    "national": [0, 114, 178],  # Okabe-Ito blue
    "provincial": [230, 159, 0],  # Okabe-Ito orange
    "other": [0, 158, 115],  # Okabe-Ito bluish green
    "unknown": [153, 153, 153],  # grey
}

# Status over time (timeline bars): founded but not yet approved, then the two levels.
STATUS_ORDER = ("established", "provincial", "national")
STATUS_COLOURS: dict[str, list[int]] = {
    "established": [86, 180, 233],  # Okabe-Ito sky blue
    "provincial": LEVEL_COLOURS["provincial"],
    "national": LEVEL_COLOURS["national"],
}

# Map background layers (no tile server).
FOCUS_FILL = [255, 249, 230, 255]  # pale cream: the two provinces of the dataset
CONTEXT_FILL = [229, 229, 226, 255]  # light grey: neighbours, for orientation
OUTLINE = [110, 110, 110, 255]
LABEL = [40, 40, 40, 255]
MISSING_HEX = "#bbbbbb"


def to_hex(rgb: list[int]) -> str:
    """'#rrggbb' for an RGB(A) list (alpha dropped)."""
    return "#{:02x}{:02x}{:02x}".format(*rgb[:3])


LEVEL_HEX: dict[str, str] = {level: to_hex(rgb) for level, rgb in LEVEL_COLOURS.items()}
STATUS_HEX: dict[str, str] = {status: to_hex(rgb) for status, rgb in STATUS_COLOURS.items()}


def level_rgba(level: object, alpha: int = 200) -> list[int]:
    """RGBA for a level; anything not in LEVEL_ORDER (including missing) is 'unknown'."""
    key = level if isinstance(level, str) and level in LEVEL_COLOURS else "unknown"
    return [*LEVEL_COLOURS[key], alpha]
