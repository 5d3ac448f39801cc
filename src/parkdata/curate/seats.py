"""Seats for curated parks whose county is known but whose own position is not: the point of
that county or district seat from the 2016 division codes (adcode_2016, GCJ-02 converted to
WGS-84 as the catalogue build does), marked county_seat or district, never as the park.

    parkdata seats data --reference ../shared/reference [--check]

Fills lat, lon, location_precision, location_source_id and location_note of the rows of
data/parks.csv that have a county and no point, and nothing else: every other cell and row
keeps its bytes. A row whose county the table does not hold (a name changed after 2016 is
found by its stem in the same prefecture: 宁乡市 is 宁乡县 there) stops the tool with its line.
The rule `seat_when_county_known` (parkdata validate) fails while such a row has no point."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from parkdata.curate.catalog_places import (
    Division,
    Gazetteer,
    PlaceError,
    load_divisions,
    precision_of,
    stem,
    to_wgs84,
)

SEAT_SOURCE = "adcode_2016"  # the division codes' row of data/sources.csv, as the catalogue's
SEAT_PRECISIONS = ("county_seat", "district")


@dataclass(frozen=True)
class Seat:
    park_id: str
    line: int
    division: Division
    lat: float
    lon: float
    precision: str
    note: str


def needs_seat(row: Mapping[str, str]) -> bool:
    return bool(row.get("county")) and not (row.get("lat") or row.get("lon"))


def find_county(gazetteer: Gazetteer, province: str, city: str, county: str) -> Division | None:
    """The county-level division written `county` in `city`: by its name, else by its stem
    within the prefecture (a name changed after 2016: 宁乡市 is 宁乡县 in the table)."""
    found = [
        d
        for d in gazetteer.keys.get(province, {}).get(county, [])
        + gazetteer.keys.get(province, {}).get(stem(county), [])
        if d.level == "county" and (not city or d.prefecture == city)
    ]
    exact = {d.adcode: d for d in found if d.name == county}
    found_by_code = exact or {d.adcode: d for d in found}
    return next(iter(found_by_code.values())) if len(found_by_code) == 1 else None


def seat_note(county: str, division: Division) -> str:
    named = county if county == division.name else f"{county} ({division.name} in the table)"
    return (
        f"Seat of {named}, from the 2016 division codes (adcode centre, GCJ-02 converted to "
        "WGS-84): the county is known, the park's own position is not."
    )


def seats_for(rows: Sequence[Mapping[str, str]], gazetteer: Gazetteer, path: Path) -> list[Seat]:
    """The seat of every row that needs one (header is line 1)."""
    out = []
    for line, row in enumerate(rows, start=2):
        if not needs_seat(row):
            continue
        division = find_county(gazetteer, row["province"], row.get("city", ""), row["county"])
        if division is None or not division.has_point:
            raise PlaceError(
                f"{path} line {line} column county: {row['county']} ({row.get('city', '')}) "
                "is not one division with a centre in the division table"
            )
        lat, lon = to_wgs84(division.lat_gcj, division.lon_gcj)  # type: ignore[arg-type]
        precision = precision_of(division, row["province"])
        out.append(
            Seat(
                row["park_id"],
                line,
                division,
                lat,
                lon,
                precision,
                seat_note(row["county"], division),
            )  # fmt: skip
        )
    return out


def fill_seats(path: Path, gazetteer: Gazetteer, write: bool = True) -> list[Seat]:
    """Put each seat into its row of `path` (a curated parks.csv); the other cells keep their
    text, and the file its quoting, line ends and encoding."""
    text = path.read_text(encoding="utf-8")
    table = list(csv.reader(io.StringIO(text, newline="")))
    header, body = table[0], table[1:]
    rows = [dict(zip(header, cells, strict=True)) for cells in body]
    found = seats_for(rows, gazetteer, path)
    if not found or not write:
        return found
    column = {name: header.index(name) for name in header}
    for seat in found:
        cells = body[seat.line - 2]
        cells[column["lat"]] = f"{seat.lat:.6f}"
        cells[column["lon"]] = f"{seat.lon:.6f}"
        cells[column["location_precision"]] = seat.precision
        cells[column["location_source_id"]] = SEAT_SOURCE
        cells[column["location_note"]] = seat.note
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(table)
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return found


def seat_figures(rows: Sequence[Mapping[str, str]]) -> dict[str, int]:
    """Curated parks placed at their county's seat from the division codes (they had no point
    before this tool), and those whose county is known that still have none."""
    filled = sum(
        1
        for r in rows
        if r.get("location_source_id") == SEAT_SOURCE
        and r.get("location_precision") in SEAT_PRECISIONS
    )
    return {"filled": filled, "without_point": sum(1 for r in rows if needs_seat(r))}


def gazetteer_from(reference: Path) -> Gazetteer:
    return Gazetteer(load_divisions(reference / "adcode_2016.csv"))
