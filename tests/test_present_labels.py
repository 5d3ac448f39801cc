"""`Labels`: labels, order and colours of codes come from the package's vocabularies, so a level
added to the levels table shows with its label and colour in charts, on the map and its legend,
in tables and in the filter summary, with no code changed."""

import pandas as pd
import pytest

from parkdata.data.vocab import Vocabularies, Vocabulary, ordered
from parkdata.model import compare
from parkdata.model.filters import Filters
from parkdata.present import charts, exports, maps, tables
from parkdata.present.labels import Labels

NEW_LEVEL = {
    "level": "municipal",
    "label_zh": "市级",
    "label_en": "Municipal",
    "order": 2.5,  # between provincial and other
    "colour": "#56b4e9",
    "conferred": True,
    "description_zh": "市级：地级市政府批准。",
    "description_en": "Municipal: approved by a prefecture-level city.",
}


def test_order_labels_and_colours_are_the_vocabularies(ds, zh, en):
    for name in ("levels", "statuses", "zone_types", "sectors", "origins"):
        vocabulary = ds.vocab[name]
        assert zh.order(name) == vocabulary.codes()
        assert list(zh.options(name)) == list(vocabulary.codes())
        assert en.options(name) == {c: vocabulary.label(c, "en") for c in vocabulary.codes()}
    assert zh.order("levels") == ("national", "provincial", "other", "removed", "unknown")
    for code in ds.vocab["levels"].codes():
        assert (
            zh.colour("levels", code)
            == ds.vocab["levels"].frame.set_index("level").at[code, "colour"]
        )
    assert zh.colour("levels", "no-such-level") == "#999999"  # grey for a code without one
    assert zh.colour("zone_types", "high_tech_zone") == "#0072b2"  # the type's own colour


def test_codes_keep_missing_missing_and_show_unknown_codes(zh, en):
    values = pd.Series(["national", pd.NA, "municipal"], dtype="string")
    shown = en.codes("levels", values)
    assert shown.dtype == "string"
    assert shown[0] == "National" and pd.isna(shown[1]) and shown[2] == "municipal"
    assert zh.code("zone_types", "high_tech_zone") == "高新区"
    assert zh.code("qualifiers", "exact") == ""  # deliberately empty


def test_park_names(ds, zh, en):
    assert en.park_names(ds.parks).to_dict()["zj-etdz"] == "Zhanjiang ETDZ"
    assert en.park_names(ds.parks).to_dict()["longping"] == "隆平高科技园"
    assert zh.park_names(ds.parks).to_dict()["zj-etdz"] == "湛江经济技术开发区"
    assert list(zh.park_names(ds.parks).index) == list(ds.parks["park_id"])


@pytest.fixture(scope="module")
def municipal(ds):
    """The fixture with one more row in the levels vocabulary, held by Linwu."""
    levels = ds.vocab["levels"]
    frame = ordered(pd.concat([levels.frame, pd.DataFrame([NEW_LEVEL])], ignore_index=True))
    vocab = Vocabularies({**ds.vocab.tables, "levels": Vocabulary("levels", frame)})
    parks = ds.parks.assign(
        level=ds.parks["level"].mask(ds.parks["park_id"] == "linwu", "municipal")
    )
    return ds.replace(parks=parks, vocab=vocab)


def test_a_new_level_has_its_place_label_and_colour(municipal):
    zh = Labels(municipal.vocab, "zh")
    assert zh.order("levels") == (
        "national", "provincial", "municipal", "other", "removed", "unknown",
    )  # fmt: skip
    assert zh.code("levels", "municipal") == "市级"
    assert zh.colour("levels", "municipal") == "#56b4e9"


def test_a_new_level_in_a_chart_and_on_the_map_legend(municipal):
    zh, en = Labels(municipal.vocab, "zh"), Labels(municipal.vocab, "en")
    colour = municipal.vocab["levels"].colour("municipal")
    counts = compare.levels_present(
        compare.counts_by(municipal.parks, ["province"], zh.order("levels"))
    )
    fig = charts.compare_bar(counts, "province", "n", en, n_col="n")
    bars = {t.name: t for t in fig.data if t.type == "bar"}
    assert list(bars) == ["National", "Provincial", "Municipal", "Level unknown"]
    assert bars["Municipal"].marker.color == colour
    assert dict(zip(bars["Municipal"].x, bars["Municipal"].y, strict=True))["Hunan"] == 1
    # the map: legend entry in the vocabulary's order, the point in its colour
    assert maps.legend(municipal.parks, zh) == [
        (municipal.vocab["levels"].label(code, "zh"), municipal.vocab["levels"].colour(code))
        for code in ("national", "provincial", "municipal", "unknown")
    ]
    assert ("市级", colour) in maps.legend(municipal.parks, zh)
    point = maps.park_points(municipal.parks, zh).set_index("park_id").loc["linwu"]
    assert point["level"] == "municipal"
    assert point["line_colour"] == maps.rgb(colour)  # a ring (county seat) in its colour
    # under the template's 级别 label, marked: linwu's level rests on one source (its article)
    assert point["tt_2"] == "市级 (单一来源)"


def test_a_new_level_over_time_in_cells_tables_and_exports(municipal):
    zh = Labels(municipal.vocab, "zh")
    colour = municipal.vocab["levels"].colour("municipal")
    counts = pd.DataFrame(
        {"date": [pd.Timestamp("2010-01-01")] * 2, "level": ["municipal", "national"], "n": [2, 1]}
    )
    fig = charts.level_counts_chart(counts, zh)
    assert [t.name for t in fig.data] == ["国家级", "市级"]
    assert fig.data[1].line.color == colour
    cells = maps.density_cells(municipal.parks, zh)
    assert cells["n_municipal"].sum() == 1
    assert any("市级：1" in line for line in cells[list(maps.TOOLTIP_FIELDS)].to_numpy().ravel())
    table = tables.parks_table(municipal, zh).set_index("park_id")
    assert table.at["linwu", "level"] == "市级"
    assert exports.filter_summary(Filters(levels=("municipal",)), zh) == "级别=市级"
    name = exports.export_filename(Filters(levels=("municipal",)), "parks", "csv", zh)
    assert name == "parkdata_园区_级别-市级.csv"
