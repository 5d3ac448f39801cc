"""Many people at once on one server: ten sessions, each on its own page with its own province,
filtered at the same moment, all finish without an error and each is shown its own filter (no
session sees another's state). Timing is `make bench`'s; this checks what they are shown."""

from __future__ import annotations

import asyncio
from urllib.parse import unquote

import pytest

from bench.registry import pages, province_label
from bench.servers import app_server
from bench.stclient import Session, run_sync

pytestmark = [pytest.mark.server, pytest.mark.xdist_group("servers")]

PROVINCES = ("湖南省", "广东省", "北京市")


@pytest.fixture(scope="module")
def server(tmp_path_factory, fixture_dir):
    log = tmp_path_factory.mktemp("users") / "log"
    with app_server({"PARKDATA_DATA_DIR": str(fixture_dir)}, log) as app:
        yield app.wait_healthy()


async def one_user(url: str, page: str, province: str) -> tuple[str, str, list]:
    async with Session(url, page=page) as s:
        first = await s.load()
        widget = s.multiselect(province_label("zh"))
        changed = await s.set_multiselect(widget, [province])
        return s.query, province, [first.errors, changed.errors, first.ok and changed.ok]


def test_ten_sessions_at_once_each_see_their_own_filter(server):
    names = list(pages())
    jobs = [
        (names[i % len(names)] if i % len(names) else "", PROVINCES[i % len(PROVINCES)])
        for i in range(10)
    ]

    async def everyone():
        return await asyncio.gather(*(one_user(server.url, page, prov) for page, prov in jobs))

    results = run_sync(everyone())
    assert len(results) == 10
    for query, province, (first_errors, changed_errors, ok) in results:
        assert ok, (first_errors, changed_errors)
        assert f"province={province}" in unquote(query)
