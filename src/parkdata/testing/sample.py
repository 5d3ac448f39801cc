"""A fixed, seeded sample of the national package's places and zones, for the sweeps that run on
real data (tests/test_page_sweep.py in AppTest, tests/e2e/test_sweep.py in the browser): every
filter value is swept on the small fixture package, which reaches every code path; on the
national package a sample, because a crash for one place can come from real data only (the
Timeline crashed for 广东省). `make sweep-all` sets PARKDATA_SWEEP_ALL=1: every province."""

from __future__ import annotations

import os
import random
from dataclasses import dataclass

from parkdata.data.dataset import Dataset
from parkdata.model import filters as flt

REAL_SEED = 15
ALWAYS = ("广东省", "湖南省")  # the Timeline crashed for 广东省; the articles' provinces
EVERY_PLACE = os.environ.get("PARKDATA_SWEEP_ALL") == "1"


@dataclass(frozen=True)
class Sample:
    provinces: tuple[str, ...]
    cities: tuple[str, ...]
    zones: tuple[str, ...]


def real_sample(ds: Dataset, seed: int = REAL_SEED) -> Sample:
    """The national package's places and zones the sweep visits: ALWAYS, then three more
    provinces, two cities of the articles' parks and two others, three zones, drawn with `seed`
    (the same every run). With PARKDATA_SWEEP_ALL=1: every province and city of the articles."""
    opts = flt.options(ds)
    curated = sorted(ds.parks.loc[ds.parks["origin"] == "articles", "city"].dropna().unique())
    if EVERY_PLACE:
        return Sample(opts["provinces"], tuple(curated), ())
    rng = random.Random(seed)
    provinces = [p for p in opts["provinces"] if p in ALWAYS]
    provinces += rng.sample([p for p in opts["provinces"] if p not in ALWAYS], 3)
    others = sorted(set(ds.parks["city"].dropna()) - set(curated))
    cities = rng.sample(curated, 2) + rng.sample(others, 2)
    zones = rng.sample(sorted(ds.parks["park_id"]), 3)
    return Sample(tuple(provinces), tuple(cities), tuple(zones))
