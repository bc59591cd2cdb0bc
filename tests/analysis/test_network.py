"""Actor network: weights, centrality, and export round-trips."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import networkx as nx
import pytest

from tests.analysis.factory import START, Ev, insert
from watchfloor.analysis.network import build_network, export_network, write_network
from watchfloor.errors import InputError
from watchfloor.store.database import Store


@pytest.fixture
def graph(store: Store) -> nx.DiGraph:
    day = START
    insert(
        store,
        [Ev(day, "FIGHT", src_country="AAA", tgt_country="BBB") for _ in range(3)]
        + [Ev(day, "CONSULT", src_country="AAA", tgt_country="BBB")]
        + [Ev(day, "AID", src_country="CCC", tgt_country="AAA", src_sector="GOV")]
        + [Ev(day + dt.timedelta(days=40), "FIGHT", src_country="DDD", tgt_country="AAA")],
    )
    return build_network(store, since=START, until=START + dt.timedelta(days=30))


def test_edges_carry_counts_goldstein_and_shares(graph: nx.DiGraph) -> None:
    edge = graph.edges["AAA_MIL", "AAA_REB"] if graph.has_edge("AAA_MIL", "AAA_REB") else None
    assert edge is None
    fight = graph.edges["AAA_MIL", "BBB_REB"]
    assert fight["count"] == 4
    assert fight["conflict_share"] == pytest.approx(0.75)
    assert fight["coop_share"] == pytest.approx(0.25)
    assert fight["mean_goldstein"] == pytest.approx((-10 * 3 + 1) / 4)
    assert "DDD_MIL" not in graph  # outside the window


def test_nodes_have_centrality_and_community(graph: nx.DiGraph) -> None:
    node = graph.nodes["AAA_MIL"]
    assert node["events_out"] == 4 and node["events_in"] == 0
    assert 0 < node["pagerank"] < 1 and node["community"] >= 0
    assert (
        max(d["pagerank"] for _, d in graph.nodes(data=True)) == graph.nodes["BBB_REB"]["pagerank"]
    )


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "json"])
def test_export_round_trips(graph: nx.DiGraph, fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"net.{fmt}"
    write_network(graph, fmt, path)
    if fmt == "gexf":
        back = nx.read_gexf(path)
    elif fmt == "graphml":
        back = nx.read_graphml(path)
    else:
        back = nx.node_link_graph(json.loads(path.read_text()), edges="edges")
    assert set(back.nodes) == set(graph.nodes)
    assert set(back.edges) == set(graph.edges)
    for u, v, data in graph.edges(data=True):
        assert int(back.edges[u, v]["count"]) == data["count"]
    assert float(back.nodes["AAA_MIL"]["pagerank"]) == pytest.approx(
        graph.nodes["AAA_MIL"]["pagerank"]
    )


def test_unknown_format_is_input_error(graph: nx.DiGraph) -> None:
    with pytest.raises(InputError, match="not one of"):
        export_network(graph, "dot")
    assert io.StringIO(export_network(graph, "json")).read().startswith("{")
