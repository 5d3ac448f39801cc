"""The derivations behind the Overview, Profile, Timeline and peers (parkdata.model.overview,
profile, timeline, peers, and the approval counts of levels), on the fixture package: codes
and numbers only, every missing value missing."""

from __future__ import annotations

import pandas as pd
import pytest

from parkdata.model import levels, overview, peers, profile, timeline
from parkdata.model.filters import Filters, apply_filters
from parkdata.present import tables


@pytest.fixture(scope="module")
def area(ds):
    return levels.area_km2(ds, "approved_area")


# --------------------------------------------------------------------------- overview


def test_figures_count_every_zone_and_one_area_scope(ds, area):
    got = overview.figures(ds, area, "approved_area")
    assert got.n_parks == 9
    assert got.n_by_level == {"national": 3, "provincial": 3, "unknown": 3}
    assert got.area_indicator == "approved_area"
    assert got.area_total_km2 == pytest.approx(11.17 + 2.105 + 39.8)
    assert got.area_median_km2 == pytest.approx(11.17)
    assert got.n_area_known == 3  # zj-etdz's 502.04 km² is an administrative area
    facts = len(ds.events) + len(ds.indicators) + len(ds.industries) + len(ds.level_changes)
    assert got.n_facts == facts == 25
    assert got.levels_as_of == "2018"  # the newest level change: the standard's, listed 2018
    assert (got.n_sources, got.newest_source) == (3, "2021-09-28")


def test_kinds_outside_the_catalogue_are_counted_apart(ds, area):
    """A pilot free trade zone, its areas and airport economy demonstration zones are national
    platforms but not development zones: counted apart, never among national development
    zones (567 against the official 552 at 2018-03, before)."""
    from parkdata.present import overview as present_overview
    from parkdata.present.labels import Labels

    kinds = ds.vocab["zone_types"]
    assert set(kinds.codes()) - set(kinds.where("development_zone")) == {
        "free_trade_zone", "free_trade_area", "airport_economy_zone",
    }  # fmt: skip
    parks = ds.parks.copy()
    parks.loc[parks["park_id"] == "cs-hitech", "zone_type"] = "free_trade_zone"
    got = overview.figures(ds.replace(parks=parks), area, "approved_area")
    assert got.n_by_level == {"national": 2, "provincial": 3, "unknown": 3}
    assert got.n_apart == {"free_trade_zone": 1}
    assert got.n_parks == 9  # still a zone shown
    zh, en = Labels(ds.vocab, "zh"), Labels(ds.vocab, "en")
    counts = present_overview.level_province_counts(parks, zh)
    assert counts.loc[zh.t("total")].tolist() == [2, 3, 3, 8]
    assert present_overview.apart_note(got.n_apart, en) == (
        "Counted apart, not as development zones (kinds the 2018 catalogue does not list): "
        "Pilot free trade zone 1."
    )
    assert present_overview.apart_note({}, en) == ""


def test_figures_of_an_empty_selection_are_missing_not_zero(ds, area):
    empty = apply_filters(ds, Filters(text="没有这个园区"))
    got = overview.figures(empty, area, "approved_area")
    assert (got.n_parks, got.n_area_known, got.n_facts, got.n_sources) == (0, 0, 0, 0)
    assert got.area_total_km2 is None and got.area_median_km2 is None
    assert got.newest_source is None and got.n_by_level == {}


def test_cited_sources_are_those_of_the_facts_levels_and_points(ds):
    beijing = apply_filters(ds, Filters(provinces=("北京市",)))  # one catalogue-only zone
    assert overview.cited_sources(beijing) == {"cat_2018"}
    catalogue = apply_filters(ds, Filters(origins=("catalog_2018",)))  # with cs-hitech, linked
    assert overview.cited_sources(catalogue) == {"art-a", "ref-gb", "cat_2018"}
    assert overview.cited_sources(ds) == {"art-a", "ref-gb", "cat_2018"}


def test_dated_events_split_at_today_newest_past_first(ds):
    past, upcoming = overview.dated_events(ds, pd.Timestamp("2021-10-01"), n=3)
    assert list(past["event_id"]) == ["linwu-e4", "linwu-e1"]  # approvals are level changes
    assert list(past["date"]) == ["2021-09-28", "1996"]  # as written
    assert list(upcoming["event_id"]) == ["zj-e1"]
    everything, _ = overview.dated_events(ds, pd.Timestamp("2030-01-01"), n=100)
    assert "linwu-e3" not in set(everything["event_id"])  # undated: never placed in time
    assert len(everything) == len(ds.events) - 1


# --------------------------------------------------------------------------- profile


def test_profile_gathers_everything_known_about_one_park(ds):
    got = profile.park_profile(ds, "cs-hitech")
    assert got is not None
    assert got.park["name_zh"] == "长沙高新技术产业开发区" and got.park["catalog_id"] == "g431001"
    assert (got.parent_id, got.children) == (None, ["longping"])
    assert list(got.history["status"]) == ["national"]
    assert sorted(got.indicators["fact_id"]) == ["cs-i1", "cs-i2", "g431001-i01"]
    assert sorted(got.industries["industry_id"]) == ["cs-n0", "cs-n1"]
    assert got.events.empty
    assert sorted(got.changes["change_id"]) == ["cs-hitech-l1", "g431001-c01"]
    assert sorted(got.sources["source_id"]) == ["art-a", "cat_2018", "ref-gb"]


def test_profile_of_a_sub_park_and_of_an_unknown_id(ds):
    got = profile.park_profile(ds, "longping")
    assert got is not None and got.parent_id == "cs-hitech" and got.children == []
    assert got.history.empty and got.indicators.empty
    assert profile.park_profile(ds, "no-such-park") is None


def test_source_counts_count_every_citation(ds):
    counts = profile.source_counts(ds).set_index("source_id")["n_facts"]
    # art-a: 4 events, 4 numbers, 4 industries, linwu's approval; cat_2018: 3 approvals,
    # 3 areas, 2 industry rows, the points of the 2 unlinked zones
    assert counts.to_dict() == {"art-a": 13, "ref-gb": 9, "cat_2018": 10}


def test_the_picker_keeps_a_chosen_park_the_filters_hide(ds):
    shown = ds.parks[ds.parks["park_id"].isin(["cs-hitech", "longping"])]
    assert profile.picker_options(ds.parks, shown, "linwu") == ["linwu", "cs-hitech", "longping"]
    assert profile.picker_options(ds.parks, shown, "cs-hitech") == ["cs-hitech", "longping"]
    assert profile.picker_options(ds.parks, shown, "no-such-park") == ["cs-hitech", "longping"]


# --------------------------------------------------------------------------- timeline


def test_markers_are_the_marked_event_kinds_and_the_targets(ds):
    marks = timeline.markers(ds)
    marked = set(ds.vocab["event_kinds"].where("timeline_marker"))
    events = marks[marks["kind"] != "target"]
    assert list(events["event_id"]) == ["linwu-e4"]  # meetings and approvals are not marked
    assert set(events["kind"]) <= marked
    target = marks[marks["kind"] == "target"].iloc[0]
    assert (target["park_id"], target["when"], target["indicator"]) == (
        "linwu",
        "2025",
        "total_revenue",
    )
    assert target["date"] == pd.Timestamp("2025-01-01") and target["value"] == 200


def test_no_markers_is_an_empty_frame(ds):
    quiet = apply_filters(ds, Filters(origins=("catalog_2018",)))
    marks = timeline.markers(quiet)
    assert marks.empty and {"park_id", "date", "when", "kind"} <= set(marks.columns)


def test_approvals_per_year_count_each_park_once_per_level(ds):
    per_year = levels.approvals_per_year(ds)
    assert per_year.to_dict("records") == [
        {"year": 1991, "level": "national", "n": 1},
        {"year": 1994, "level": "national", "n": 1},
        {"year": 2006, "level": "provincial", "n": 2},
    ]
    twice = {
        "event_id": "x1",
        "park_id": "linwu",
        "date": "2006",
        "event": "provincial_approval",
        "level_after": "provincial",
        "source_id": "cat_2018",
    }
    events = pd.concat([ds.events, pd.DataFrame([twice])], ignore_index=True)
    again = levels.approvals_per_year(ds.replace(events=events.astype(ds.events.dtypes)))
    assert again["n"].sum() == per_year["n"].sum()  # one approval told by two sources
    assert levels.first_approval_year(ds).to_dict() == {
        "cs-hitech": 1991,
        "g111001": 1994,
        "linwu": 2006,
        "s449001": 2006,
    }


# --------------------------------------------------------------------------- peers


def test_next_level_up_follows_the_levels_vocabulary(ds):
    assert peers.next_level_up(ds, "provincial") == "national"
    assert peers.next_level_up(ds, "national") is None
    assert peers.next_level_up(ds, "unknown") == "provincial"  # the lowest conferred level


def test_peers_are_of_the_province_and_type_at_the_level_and_one_up(ds):
    got = peers.peers(ds, "html-park", "economic_development_zone")
    assert got.to_dict("records")[0] | {"distance_km": None} == {
        "park_id": "s449001",
        "level": "provincial",
        "zone_type": "economic_development_zone",
        "city": "湛江市",
        "approved": "2006-04",
        "approved_area_km2": 2.105,
        "distance_km": None,
    }
    assert got["distance_km"].iloc[0] == pytest.approx(21.1, abs=0.2)
    nearby = peers.peers(ds, "longping")  # unknown level: the provincial industrial parks
    assert list(nearby["park_id"]) == ["linwu"]
    assert peers.peers(ds, "zj-etdz").empty  # national: no level above, no other national EDZ
    assert list(peers.peers(ds, "nope").columns)[-1] == "distance_km"


def test_a_peer_without_a_point_has_no_distance(ds):
    got = peers.peers(ds, "linwu", "economic_development_zone")
    assert list(got["park_id"]) == ["cz-etdz"]
    assert pd.isna(got["distance_km"].iloc[0]) and pd.isna(got["approved_area_km2"].iloc[0])


def test_a_park_without_a_point_has_peers_without_distances(ds):
    got = peers.peers(ds, "cz-etdz", "industrial_park")  # cz-etdz has no coordinates
    assert list(got["park_id"]) == ["linwu"]
    assert pd.isna(got["distance_km"].iloc[0])


def test_distance_km_is_great_circle():
    assert peers.distance_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.19, abs=0.01)
    assert peers.distance_km(28.23, 112.88, 28.23, 112.88) == 0


def test_the_zone_itself_is_the_first_marked_row_of_its_comparison(ds, zh, en):
    got = peers.peers(ds, "html-park", "economic_development_zone", include_self=True)
    assert list(got["park_id"])[:2] == ["html-park", "s449001"]
    assert list(got["is_self"]) == [True] + [False] * (len(got) - 1)
    assert pd.isna(got["distance_km"].iloc[0])  # its distance to itself is not a figure
    shown = tables.peers_table(ds, got, en)
    assert shown["this_zone"].iloc[0] == "This zone" and shown["this_zone"].iloc[1:].isna().all()
    assert tables.peers_table(ds, got, zh)["this_zone"].iloc[0] == "本园区"
    assert "this_zone" not in tables.peers_table(ds, peers.peers(ds, "html-park"), en)


def test_a_profile_lists_events_oldest_first_and_the_undated_last(ds):
    from parkdata.data.dates import date_starts

    for park_id in ds.parks["park_id"]:
        events = profile.park_profile(ds, park_id).events
        starts = date_starts(events["date"])
        dated = starts.dropna()
        assert dated.is_monotonic_increasing, park_id
        assert starts.isna().to_numpy()[len(dated) :].all(), park_id  # the undated at the end
