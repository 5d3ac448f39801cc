"""`parkdata`: curator tooling from the command line (typer).

    parkdata normalize ARTICLE            clean simplified text, header first
    parkdata extract ARTICLE              candidate facts as CSV, one block per table
    parkdata validate [DIR] --articles D  every problem as file:row:column: message
    parkdata export --table parks ...     the dashboard's filtered exports
    parkdata seats [DIR] --write          county seats for curated parks with no point
    parkdata zones [DIR]                  write DIR/zones.csv, the merged table of zones

Nothing here writes to data/ unless told: extract prints, export writes only where --out says,
seats prints what it would fill and writes data/parks.csv only with --write, zones writes
only the generated zones.csv.

Each command imports the modules it works with (pandas, frictionless, OpenCC …) inside its
function: `parkdata --help` then starts in 0.38–0.47 s instead of 2.3–4.3 s with them at the
top (best of seven runs each, two measurements, on the shared 2-CPU machine under load). The
descriptor helpers of parkdata.data.schema and Problem/PackageError are plain Python and
imported here."""

from __future__ import annotations

import io
import sys
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from parkdata.data.problems import PackageError
from parkdata.data.schema import DATA_DIR, ORIGINS, read_descriptor, resource

app = typer.Typer(
    help="Parkdata curator tools: normalize and extract articles, validate and export the data.",
    no_args_is_help=True,
    add_completion=False,
)


def _read_article(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return path.read_bytes().decode("gb18030", errors="replace")


@app.command()
def normalize(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Article text file.")],
) -> None:
    """Print the article as clean simplified text: header (title, date, publisher), then body."""
    # imported on use, for the start-up time of `parkdata --help` (module doc)
    from parkdata.curate.articles import normalized_text

    typer.echo(normalized_text(_read_article(file)), nl=False)


class CandidateTable(StrEnum):
    all = "all"
    parks = "parks"
    events = "events"
    level_changes = "level_changes"
    indicators = "indicators"


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Article text file.")],
    source_id: Annotated[
        str | None,
        typer.Option("--source-id", help="source_id for the rows (default: from sources.csv)."),
    ] = None,
    table: Annotated[
        CandidateTable, typer.Option("--table", help="Print only this table's CSV.")
    ] = CandidateTable.all,
    header: Annotated[bool, typer.Option(help="Print the CSV header row.")] = True,
    data: Annotated[
        Path, typer.Option("--data", help="Dataset whose parks, sources and indicators are known.")
    ] = DATA_DIR,
) -> None:
    """Print candidate facts as CSV in the dataset's own columns, for review.

    With --table all (default) each table is a CSV block preceded by a line '# <table>.csv';
    with --table NAME the output is one plain CSV whose rows can be appended to data/NAME.csv."""
    # imported on use, for the start-up time of `parkdata --help` (module doc)
    from parkdata.curate.extract import CANDIDATE_TABLES, extract_candidates

    frames = extract_candidates(
        _read_article(file), source_id=source_id, file_name=file.name, data_dir=data
    )
    tables = CANDIDATE_TABLES if table is CandidateTable.all else (table.value,)
    for n, name in enumerate(tables):
        if table is CandidateTable.all:
            typer.echo(("\n" if n else "") + f"# {name}.csv ({len(frames[name])} candidates)")
        buffer = io.StringIO()
        frames[name].to_csv(buffer, index=False, header=header, lineterminator="\n")
        typer.echo(buffer.getvalue(), nl=False)


@app.command()
def validate(
    directory: Annotated[Path, typer.Argument(help="Data package directory.")] = DATA_DIR,
    articles: Annotated[
        Path | None,
        typer.Option("--articles", help="Folder of the article files: check evidence fragments."),
    ] = None,
) -> None:
    """Validate a data package; print every problem as file:row:column: message (exit 1 if any).

    Each origin's tables are checked on their own and named by their own files (parks.csv,
    catalog/parks.csv …); on success, the row count of every file."""
    # imported on use, for the start-up time of `parkdata --help` (module doc)
    from parkdata.data.dataset import read_parts
    from parkdata.data.validation import validate_package  # start-up

    problems = validate_package(directory)
    if not problems:
        from parkdata.data.zones import zones_problems  # start-up

        problems = zones_problems(directory)
    parts = None
    try:
        parts = read_parts(directory)
    except Exception as exc:  # noqa: BLE001 - a package that does not read has problems already
        if not problems:
            typer.echo(f"{directory}: cannot read the tables: {exc}", err=True)
            raise typer.Exit(1) from exc
    if articles is not None and parts is not None:
        if not articles.is_dir():
            typer.echo(f"--articles: no folder {articles}", err=True)
            raise typer.Exit(2)
        problems = [*problems, *_evidence_problems(directory, parts, articles)]
    unique = sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.column or ""))
    for problem in unique:
        typer.echo(str(problem))
    if unique:
        typer.echo(f"{len(unique)} problem(s) in {directory}", err=True)
        raise typer.Exit(1)
    typer.echo(_ok_summary(directory, parts, articles))


def _evidence_problems(directory: Path, parts: dict, articles: Path) -> list:
    """Evidence checked against the articles origin by origin, each problem naming the file of
    its own origin (a catalogue fact's row is a row of catalog/…)."""
    # imported on use, for the start-up time of `parkdata --help` (module doc)
    from parkdata.curate.evidence import check_evidence
    from parkdata.data.dataset import ZONE_TABLES  # start-up

    descriptor = read_descriptor(directory)
    problems = []
    for origin, part in parts.items():
        paths = {f"{t}.csv": resource(descriptor, ORIGINS[origin] + t)["path"] for t in ZONE_TABLES}
        for problem in check_evidence(part, articles):
            problems.append(replace(problem, file=paths.get(problem.file, problem.file)))
    return problems


def _ok_summary(directory: Path, parts: dict | None, articles: Path | None) -> str:
    """'OK data: sources.csv 52, parks.csv 49, …, catalog/parks.csv 2543, … rows'."""
    # imported on use, for the start-up time of `parkdata --help` (module doc)
    from parkdata.data.dataset import ZONE_TABLES, present_changes, read_table  # start-up

    counts = []
    if parts:
        descriptor = read_descriptor(directory)
        first = next(iter(parts.values()))
        counts.append(f"{resource(descriptor, 'sources')['path']} {len(first.sources)}")
        for origin, part in parts.items():
            for table in ZONE_TABLES:
                path = resource(descriptor, ORIGINS[origin] + table)["path"]
                counts.append(f"{path} {len(getattr(part, table))}")
        for name in present_changes(descriptor):
            rows = len(read_table(directory, descriptor, name))
            counts.append(f"{resource(descriptor, name)['path']} {rows}")
    checked = " ; evidence checked against " + str(articles) if articles else ""
    return f"OK {directory}: {', '.join(counts)} rows{checked}"


@app.command()
def seats(
    directory: Annotated[Path, typer.Argument(help="Data package directory.")] = DATA_DIR,
    reference: Annotated[
        Path, typer.Option("--reference", help="Folder holding adcode_2016.csv.")
    ] = Path("../shared/reference"),
    write: Annotated[bool, typer.Option("--write", help="Write the seats into parks.csv.")] = False,
) -> None:
    """Curated parks whose county is known and that have no point: the county or district
    seat from the 2016 division codes, marked as a seat. Prints each; without --write, exits 1
    if any park needs one (a check), with --write fills them into DIR/parks.csv."""
    # imported on use, for the start-up time of `parkdata --help` (module doc)
    from parkdata.curate.catalog_places import PlaceError
    from parkdata.curate.seats import fill_seats, gazetteer_from  # start-up

    if not (reference / "adcode_2016.csv").exists():
        typer.echo(f"--reference: no adcode_2016.csv in {reference}", err=True)
        raise typer.Exit(2)
    try:
        found = fill_seats(directory / "parks.csv", gazetteer_from(reference), write=write)
    except PlaceError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from exc
    for seat in found:
        typer.echo(
            f"{seat.park_id}: {seat.division.name} {seat.precision} "
            f"({seat.lat:.6f}, {seat.lon:.6f})"
        )
    if found and not write:
        typer.echo(f"{len(found)} park(s) without a point; --write fills them", err=True)
        raise typer.Exit(1)
    typer.echo(f"{'wrote' if write else 'checked'} {directory / 'parks.csv'}: {len(found)} seat(s)")


@app.command()
def zones(
    directory: Annotated[Path, typer.Argument(help="Data package directory.")] = DATA_DIR,
) -> None:
    """Write DIR/zones.csv, the merged table (one row per zone, as the app shows it), from the
    package's source layers (parks.csv, catalog/parks.csv, national/parks.csv)."""
    import csv

    # imported on use, for the start-up time of `parkdata --help` (module doc)
    from parkdata.data.zones import write_zones

    path = write_zones(directory)
    with path.open(encoding="utf-8", newline="") as f:
        rows = sum(1 for _ in csv.reader(f)) - 1
    typer.echo(f"wrote {path}: {rows} zones")


class TableKind(StrEnum):
    parks = "parks"
    level_changes = "level_changes"
    indicators = "indicators"
    events = "events"
    industries = "industries"


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    geojson = "geojson"


@app.command()
def export(
    table: Annotated[TableKind, typer.Option("--table", help="Table to export.")] = TableKind.parks,
    fmt: Annotated[ExportFormat, typer.Option("--format", help="File format.")] = ExportFormat.csv,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="File or folder to write (default: the dashboard's file name)."),
    ] = None,
    province: Annotated[
        list[str] | None, typer.Option("--province", help="Province (repeat).")
    ] = None,
    city: Annotated[list[str] | None, typer.Option("--city", help="City (repeat).")] = None,
    level: Annotated[list[str] | None, typer.Option("--level", help="Level (repeat).")] = None,
    zone_type: Annotated[
        list[str] | None, typer.Option("--zone-type", help="Zone type (repeat).")
    ] = None,
    sector: Annotated[list[str] | None, typer.Option("--sector", help="Sector (repeat).")] = None,
    origin: Annotated[
        list[str] | None,
        typer.Option("--origin", help="Where zones come from: articles, catalog_2018 (repeat)."),
    ] = None,
    q: Annotated[str, typer.Option("--q", help="Text search in park names.")] = "",
    as_of: Annotated[
        str, typer.Option("--as-of", help="The state on a date (YYYY, YYYY-MM or YYYY-MM-DD).")
    ] = "",
    lang: Annotated[str, typer.Option("--lang", help="Language of labels: zh or en.")] = "zh",
    data: Annotated[Path, typer.Option("--data", help="Data package directory.")] = DATA_DIR,
) -> None:
    """Write the same filtered export as the dashboard (CSV with BOM, xlsx, GeoJSON)."""
    # imported on use, for the start-up time of `parkdata --help` (module doc)
    from parkdata.data.package import load_package
    from parkdata.model.filters import Filters, options, valid_date  # start-up

    if fmt is ExportFormat.geojson and table is not TableKind.parks:
        typer.echo("export: --format geojson exports parks only (use --table parks)", err=True)
        raise typer.Exit(2)
    if as_of and not valid_date(as_of):
        typer.echo(f"export: --as-of {as_of!r} is not a date (YYYY, YYYY-MM, YYYY-MM-DD)", err=True)
        raise typer.Exit(2)
    f = Filters(
        provinces=tuple(province or ()),
        cities=tuple(city or ()),
        levels=tuple(level or ()),
        zone_types=tuple(zone_type or ()),
        sectors=tuple(sector or ()),
        origins=tuple(origin or ()),
        text=q,
        as_of=as_of,
    )
    try:
        ds = load_package(data)
    except PackageError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from exc
    allowed = options(ds)
    for field, option in (
        ("levels", "--level"),
        ("zone_types", "--zone-type"),
        ("sectors", "--sector"),
        ("origins", "--origin"),
    ):
        unknown = [v for v in getattr(f, field) if v not in allowed[field]]
        if unknown:
            choices = ", ".join(allowed[field])
            typer.echo(f"export: {option} {', '.join(unknown)} is not one of: {choices}", err=True)
            raise typer.Exit(2)
    payload, n_rows, name = export_bytes(ds, data, f, table.value, fmt.value, lang)
    path = out / name if out is not None and out.is_dir() else out or Path(name)
    path.write_bytes(payload)
    typer.echo(f"wrote {path} ({n_rows} rows)")


# The one area scope of the parks table, as on the dashboard: the approved area, which the
# national catalogue gives for every zone (another scope is never mixed in).
AREA = "approved_area"


def export_bytes(ds, data: Path, f, kind: str, fmt: str, lang: str) -> tuple[bytes, int, str]:
    """(file bytes, row count, dashboard file name): the dashboard's download pipeline."""
    # imported on use, for the start-up time of `parkdata --help` (module doc)
    from parkdata.data.changes import newest_date  # start-up
    from parkdata.model import levels
    from parkdata.model.filters import apply_filters  # start-up
    from parkdata.present import exports, tables  # start-up
    from parkdata.present.labels import Labels  # start-up

    labels = Labels(ds.vocab, lang)
    shown_ds = apply_filters(ds, f)
    area = levels.area_km2(shown_ds, AREA) if kind == "parks" else None
    frame = tables.table(shown_ds, kind, labels, area)
    desc = read_descriptor(data)
    licence = ", ".join(lic.get("name", "") for lic in desc.get("licenses", []))
    meta = exports.export_metadata(
        f,
        labels,
        desc.get("title", "Parkdata"),
        licence,
        tables.cited_sources(shown_ds, kind),
        len(frame),
        levels_as_of=newest_date(shown_ds.level_changes),
    )
    name = exports.export_filename(f, kind, fmt, labels)
    if fmt == "geojson":
        return exports.geojson_bytes(frame, meta), len(frame), name
    shown = tables.labelled(frame, labels)
    maker = exports.csv_bytes if fmt == "csv" else exports.xlsx_bytes
    return maker(shown, meta), len(frame), name


def main() -> None:  # pragma: no cover - console entry for `python -m parkdata.curate.cli`
    app(sys.argv[1:])


if __name__ == "__main__":  # pragma: no cover
    main()
