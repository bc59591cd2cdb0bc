"""Actor network: who acts on whom, with centrality and communities, exportable."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import networkx as nx
from networkx.algorithms import community

from watchfloor.analysis.series import SOURCE_KEY, TARGET_KEY
from watchfloor.errors import InputError
from watchfloor.store.database import Store

FORMATS = ("gexf", "graphml", "json")


def _edges(store: Store, since: dt.date | None, until: dt.date | None) -> list[tuple]:  # type: ignore[type-arg]
    return store.con.execute(
        f"""
        SELECT {SOURCE_KEY} AS src, {TARGET_KEY} AS tgt, count(*) AS n,
               sum(coalesce(e.confidence, 1.0)) AS weight,
               avg(e.goldstein) AS mean_goldstein,
               avg(CASE WHEN e.quad_class IN (1, 2) THEN 1.0 ELSE 0.0 END) AS coop_share,
               avg(CASE WHEN e.quad_class IN (3, 4) THEN 1.0 ELSE 0.0 END) AS conflict_share,
               min(e.date) AS first_day, max(e.date) AS last_day
        FROM events e
        WHERE NOT coalesce(e.negated, FALSE) AND {SOURCE_KEY} IS NOT NULL
              AND {TARGET_KEY} IS NOT NULL AND {SOURCE_KEY} <> {TARGET_KEY}
              AND (?::DATE IS NULL OR e.date >= ?) AND (?::DATE IS NULL OR e.date <= ?)
        GROUP BY ALL
        """,
        [since, since, until, until],
    ).fetchall()


def build_network(
    store: Store, since: dt.date | None = None, until: dt.date | None = None
) -> nx.DiGraph:
    """Directed graph of actors (country_SECTOR or actor id) weighted by events.

    Edge attributes: count, weight (sum of confidence), mean_goldstein, coop_share,
    conflict_share, first/last day. Node attributes: event counts in and out, degree,
    betweenness, pagerank and a community number (greedy modularity on the undirected graph).
    """
    graph = nx.DiGraph(
        since=since.isoformat() if since else "", until=until.isoformat() if until else ""
    )
    for src, tgt, n, weight, gold, coop, conflict, first, last in _edges(store, since, until):
        graph.add_edge(
            src,
            tgt,
            count=int(n),
            weight=float(weight),
            mean_goldstein=float(gold) if gold is not None else 0.0,
            coop_share=float(coop),
            conflict_share=float(conflict),
            first_day=first.isoformat(),
            last_day=last.isoformat(),
        )
    _annotate(graph)
    return graph


def _annotate(graph: nx.DiGraph) -> None:
    if graph.number_of_nodes() == 0:
        return
    pagerank = nx.pagerank(graph, weight="weight")
    k = min(graph.number_of_nodes(), 200)
    betweenness = nx.betweenness_centrality(
        graph, k=k if k < graph.number_of_nodes() else None, seed=0
    )
    communities = community.greedy_modularity_communities(graph.to_undirected(), weight="weight")
    label = {node: i for i, members in enumerate(communities) for node in members}
    for node in graph.nodes:
        data = graph.nodes[node]
        data["label"] = node
        data["events_out"] = int(sum(d["count"] for _, _, d in graph.out_edges(node, data=True)))
        data["events_in"] = int(sum(d["count"] for _, _, d in graph.in_edges(node, data=True)))
        data["degree"] = int(graph.degree(node))
        data["pagerank"] = float(pagerank.get(node, 0.0))
        data["betweenness"] = float(betweenness.get(node, 0.0))
        data["community"] = int(label.get(node, -1))


def network_json(graph: nx.DiGraph) -> dict[str, Any]:
    """networkx node-link JSON (``nodes`` and ``edges`` lists)."""
    data: dict[str, Any] = nx.node_link_data(graph, edges="edges")
    return data


def export_network(graph: nx.DiGraph, fmt: str) -> str:
    """The graph as GEXF, GraphML or node-link JSON text."""
    import json

    if fmt not in FORMATS:
        raise InputError(f"network format {fmt!r} is not one of {', '.join(FORMATS)}")
    if fmt == "json":
        return json.dumps(network_json(graph), indent=2)
    buffer = io.BytesIO()
    if fmt == "gexf":
        nx.write_gexf(graph, buffer)
    else:
        nx.write_graphml(graph, buffer)
    return buffer.getvalue().decode("utf-8")


def write_network(graph: nx.DiGraph, fmt: str, path: Path) -> None:
    """Write the export to a file; InputError when the file cannot be written."""
    text = export_network(graph, fmt)
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write network to {path}: {exc}") from exc


def top_actors(graph: nx.DiGraph, n: int = 20) -> list[dict[str, Any]]:
    """Nodes by PageRank, as rows for a table."""
    rows = [
        {"actor": node, **{k: v for k, v in data.items() if k != "label"}}
        for node, data in graph.nodes(data=True)
    ]
    return sorted(rows, key=lambda r: -float(r.get("pagerank", 0.0)))[:n]
