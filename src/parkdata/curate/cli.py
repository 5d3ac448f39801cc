"""`parkdata`: curator tooling from the command line (typer).

    parkdata normalize ARTICLE            clean simplified text, header first
    parkdata extract ARTICLE              candidate facts as CSV, one block per table
    parkdata validate [DIR] --articles D  every problem as file:row:column: message
    parkdata export --table parks ...     the dashboard's filtered exports

Nothing here writes to data/: extract prints, export writes only where --out says."""

from __future__ import annotations

import io
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from parkdata.data.schema import DATA_DIR

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
    from parkdata.curate.articles import normalized_text

    typer.echo(normalized_text(_read_article(file)), nl=False)


class CandidateTable(StrEnum):
    all = "all"
    parks = "parks"
    events = "events"
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
    """Validate a data package; print every problem as file:row:column: message (exit 1 if any)."""
    from parkdata.curate.evidence import check_evidence
    from parkdata.data.dataset import read_frames
    from parkdata.data.validation import validate_package

    problems = validate_package(directory)
    ds = None
    try:
        ds = read_frames(directory)
    except Exception as exc:  # noqa: BLE001 - a package that does not read has problems already
        if not problems:
            typer.echo(f"{directory}: cannot read the tables: {exc}", err=True)
            raise typer.Exit(1) from exc
    if articles is not None and ds is not None:
        if not articles.is_dir():
            typer.echo(f"--articles: no folder {articles}", err=True)
            raise typer.Exit(2)
        problems = [*problems, *check_evidence(ds, articles)]
    for problem in sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.column or "")):
        typer.echo(str(problem))
    if problems:
        typer.echo(f"{len(set(problems))} problem(s) in {directory}", err=True)
        raise typer.Exit(1)
    typer.echo(_ok_summary(directory, ds, articles))


def _ok_summary(directory: Path, ds, articles: Path | None) -> str:
    from parkdata.data.schema import TABLES

    counts = ", ".join(f"{t} {len(getattr(ds, t))}" for t in TABLES) if ds is not None else ""
    checked = " ; evidence checked against " + str(articles) if articles else ""
    return f"OK {directory}: {counts} rows{checked}"


class TableKind(StrEnum):
    parks = "parks"
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
    q: Annotated[str, typer.Option("--q", help="Text search in park names.")] = "",
    lang: Annotated[str, typer.Option("--lang", help="Language of labels: zh or en.")] = "zh",
    data: Annotated[Path, typer.Option("--data", help="Data package directory.")] = DATA_DIR,
) -> None:
    """Write the same filtered export as the dashboard (CSV with BOM, xlsx, GeoJSON)."""
    from parkdata.data.package import load_package
    from parkdata.data.problems import PackageError
    from parkdata.model.filters import Filters

    if fmt is ExportFormat.geojson and table is not TableKind.parks:
        typer.echo("export: --format geojson exports parks only (use --table parks)", err=True)
        raise typer.Exit(2)
    f = Filters(
        provinces=tuple(province or ()),
        cities=tuple(city or ()),
        levels=tuple(level or ()),
        zone_types=tuple(zone_type or ()),
        sectors=tuple(sector or ()),
        text=q,
    )
    try:
        ds = load_package(data)
    except PackageError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from exc
    payload, n_rows, name = export_bytes(ds, data, f, table.value, fmt.value, lang)
    path = out / name if out is not None and out.is_dir() else out or Path(name)
    path.write_bytes(payload)
    typer.echo(f"wrote {path} ({n_rows} rows)")


def export_bytes(ds, data: Path, f, kind: str, fmt: str, lang: str) -> tuple[bytes, int, str]:
    """(file bytes, row count, dashboard file name): the dashboard's download pipeline."""
    from parkdata.data.schema import read_descriptor
    from parkdata.model.filters import apply_filters
    from parkdata.present import exports, tables

    shown_ds = apply_filters(ds, f)
    frame = tables.table(shown_ds, kind, lang, _planned_area(shown_ds) if kind == "parks" else None)
    desc = read_descriptor(data)
    licence = ", ".join(lic.get("name", "") for lic in desc.get("licenses", []))
    meta = exports.export_metadata(
        f,
        lang,
        desc.get("title", "Parkdata"),
        licence,
        tables.cited_sources(shown_ds, kind),
        len(frame),
    )
    name = exports.export_filename(f, kind, fmt, lang)
    if fmt == "geojson":
        return exports.geojson_bytes(frame, meta), len(frame), name
    shown = tables.labelled(frame, lang)
    maker = exports.csv_bytes if fmt == "csv" else exports.xlsx_bytes
    return maker(shown, meta), len(frame), name


def _planned_area(ds):
    try:
        from parkdata.model import levels
    except ImportError:  # the lead's levels module is optional here
        return None
    return levels.planned_area_km2(ds)


def main() -> None:  # pragma: no cover - console entry for `python -m parkdata.curate.cli`
    app(sys.argv[1:])


if __name__ == "__main__":  # pragma: no cover
    main()
