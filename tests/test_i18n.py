"""Every label the dashboard shows exists in Chinese and English, for every code in the data
package's enums and every key the pages use."""

import re
from pathlib import Path

import pytest
from app_fixture import write_package

from parkdata.data.dataset import read_frames
from parkdata.data.schema import DATA_DIR, enum_values, read_descriptor
from parkdata.present import i18n, tables

ROOT = Path(__file__).resolve().parents[1]
ENUMS = [
    ("level", "parks", "level"),
    ("zone_type", "parks", "zone_type"),
    ("role", "industries", "role"),
    ("event", "events", "event"),
    ("kind", "indicators", "kind"),
    ("qualifier", "indicators", "qualifier"),
    ("location_precision", "parks", "location_precision"),
    ("source_kind", "sources", "kind"),
    ("confidence", "sources", "confidence"),
]


def test_every_ui_string_has_both_languages():
    for key, (zh, en) in i18n.UI.items():
        assert zh and en, key
        assert set(re.findall(r"{(\w+)}", zh)) == set(re.findall(r"{(\w+)}", en)), key


@pytest.mark.parametrize(("kind", "table", "column"), ENUMS)
def test_every_enum_value_has_labels(kind, table, column):
    for code in enum_values(read_descriptor(DATA_DIR), table, column):
        if kind == "qualifier" and code == "exact":
            continue  # shown as nothing on purpose
        zh, en = i18n.label(kind, code, "zh"), i18n.label(kind, code, "en")
        assert zh and en and zh != en, (kind, code)
        assert en != code or kind == "qualifier", (kind, code)  # 'nearly' reads as itself


def test_every_column_of_every_table_has_a_header(tmp_path):
    ds = read_frames(write_package(tmp_path))
    frames = [tables.table(ds, kind, "en") for kind in tables.KINDS] + [
        tables.targets_table(ds, "en")
    ]
    for frame in frames:
        for col in frame.columns:
            assert col in i18n.COLUMNS, col


def test_keys_used_by_pages_exist():
    sources = [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py"))]
    used = set()
    for path in sources:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+)["'],""", path.read_text(encoding="utf-8")))
    used |= {f"level_text_{lv}" for lv in ("national", "provincial", "other", "unknown")}
    assert used and used <= set(i18n.UI), sorted(used - set(i18n.UI))


def test_labels_and_names():
    assert i18n.t("n_parks_shown", "en", n=3, total=9) == "Showing 3 of 9 parks"
    assert i18n.t("n_parks_shown", "zh", n=3, total=9) == "显示 3 / 9 个园区"
    assert i18n.label("level", "national", "zh") == "国家级"
    assert i18n.label("level", None, "en") == ""
    assert i18n.park_name({"name_zh": "临武", "name_en": None}, "en") == "临武"
    assert i18n.park_name({"name_zh": "临武", "name_en": "Linwu"}, "en") == "Linwu"
    assert i18n.park_name({"name_zh": "临武", "name_en": "Linwu"}, "zh") == "临武"


def test_escape_markdown_keeps_text_plain():
    assert i18n.escape_markdown("<b>[x](y)</b>") == "\\<b\\>\\[x\\](y)\\</b\\>"
    assert i18n.escape_markdown("a &amp; b") == "a \\&amp; b"  # the entity shows as typed
    assert i18n.escape_markdown("2021-13 湖南省") == "2021-13 湖南省"


def test_places_read_in_english_and_keep_their_chinese_name():
    from parkdata.present.i18n import place

    assert place("湖南省", "en") == "Hunan (湖南省)"
    assert place("湖南省", "zh") == "湖南省"
    assert place("某某市", "en") == "某某市"
    assert place(None, "en") == ""


def test_chart_categories_use_place_names_in_english():
    import pandas as pd

    from parkdata.present.charts import compare_bar

    frame = pd.DataFrame(
        {"province": ["广东省"], "level": ["national"], "total": [3.0], "n_parks": [1]}
    )
    fig = compare_bar(frame, "province", "total", lang="en")
    assert list(fig.data[0].x) == ["Guangdong (广东省)"]
