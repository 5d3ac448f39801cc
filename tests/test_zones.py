"""The package as published (issue 17, item 7): zones.csv holds every zone once, as the app
shows it, and is kept current; the package downloads as one zip."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest
from typer.testing import CliRunner

from parkdata.curate.cli import app
from parkdata.data.package import load_package
from parkdata.data.schema import DATA_DIR, read_descriptor
from parkdata.data.validation import validate_package
from parkdata.data.zones import zones_problems
from parkdata.present.exports import package_files, package_zip
from parkdata.testing.fixtures import write_fixture


def read(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def zones() -> pd.DataFrame:
    return read(DATA_DIR / "zones.csv")


def test_zones_csv_is_the_merge_of_the_layers_today():
    assert zones_problems(DATA_DIR) == []


def test_every_zone_once(zones):
    curated = read(DATA_DIR / "parks.csv")
    catalogue = read(DATA_DIR / "catalog" / "parks.csv")
    national = read(DATA_DIR / "national" / "parks.csv")
    linked = curated.loc[curated["catalog_code"] != "", "catalog_code"]
    assert len(linked) == 23
    assert zones["park_id"].is_unique
    assert len(zones) == len(curated) + len(catalogue) + len(national) - len(linked)
    # a linked catalogue zone is not a row of its own: its id is the curated row's catalog_id
    absorbed = zones.loc[zones["catalog_id"] != "", "catalog_id"]
    assert len(absorbed) == 23 and absorbed.is_unique
    assert not absorbed.isin(zones["park_id"]).any()
    every = set(zones["park_id"]) | set(absorbed)
    assert set(catalogue["park_id"]) <= every and set(national["park_id"]) <= every


def test_a_linked_zone_keeps_the_curated_row_and_names_its_catalogue_row(zones):
    row = zones.set_index("park_id").loc["liuyang_htz"]
    assert row["origin"] == "articles" and row["catalog_id"] == "s438077"
    catalogue = read(DATA_DIR / "catalog" / "indicators.csv")
    assert (catalogue["park_id"] == row["catalog_id"]).any()  # the catalogue's facts name it
    assert row["lat"] != "" and row["level"] == "provincial" and row["level_as_of"] != ""


def test_zones_are_as_the_app_shows_them(zones):
    ds = load_package(DATA_DIR)
    shown = ds.parks.set_index("park_id")
    assert set(shown.index) == set(zones["park_id"])
    mine = zones.set_index("park_id")
    for column in ("level", "name_zh", "zone_type", "short_name_zh"):
        assert (shown[column].astype(str) == mine.loc[shown.index, column]).all(), column


def test_validate_names_a_stale_zones_csv(tmp_path):
    pkg = write_fixture(tmp_path / "pkg")
    assert zones_problems(pkg) == []
    parks = read(pkg / "parks.csv")
    parks.loc[parks["park_id"] == "cz-etdz", "name_en"] = "Chenzhou ETDZ"
    parks.to_csv(pkg / "parks.csv", index=False)
    result = CliRunner().invoke(app, ["validate", str(pkg)])
    assert result.exit_code == 1
    assert "zones.csv:" in result.output and ":name_en:" in result.output
    assert "run make zones" in result.output
    assert CliRunner().invoke(app, ["zones", str(pkg)]).exit_code == 0
    assert zones_problems(pkg) == []


def test_the_package_zip_holds_every_file_unchanged_and_is_the_same_each_time(tmp_path):
    first, second = package_zip(DATA_DIR), package_zip(DATA_DIR)
    assert first == second
    archive = zipfile.ZipFile(io.BytesIO(first))
    names = archive.namelist()
    assert names == [f"parkdata/{n}" for n in package_files(DATA_DIR)]
    assert "parkdata/zones.csv" in names and "parkdata/datapackage.json" in names
    descriptor = read_descriptor(DATA_DIR)
    assert {f"parkdata/{r['path']}" for r in descriptor["resources"]} <= set(names)
    assert archive.read("parkdata/zones.csv") == (DATA_DIR / "zones.csv").read_bytes()
    archive.extractall(tmp_path)
    assert validate_package(tmp_path / "parkdata") == []
