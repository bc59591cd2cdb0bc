// Storylines, actor network, media lens and forecasts: views over the analysis layers.
import { getJSON, go, route } from "../api.js";
import { h, table } from "../dom.js";
import { num } from "../format.js";

// ---- forecasts ---------------------------------------------------------------------------
const RISK_KEYS = ["escalation_prob", "p_escalation", "escalation_probability", "probability", "risk", "prob"];
const UNIT_KEYS = ["unit_label", "unit", "unit_id", "country", "admin1", "dyad"];

export function riskOf(row) {
  for (const key of RISK_KEYS) if (typeof row[key] === "number") return row[key];
  return null;
}

function unitOf(row) {
  for (const key of UNIT_KEYS) if (row[key]) return String(row[key]);
  return "–";
}

function unitLink(unit) {
  if (/^[A-Z]{3}$/.test(unit)) return h("a", { href: route("events", { country: unit }) }, unit);
  const admin = /^([A-Z]{3})\/(.+)$/.exec(unit);
  if (admin) return h("a", { href: route("events", { country: admin[1], admin1: admin[2] }) }, unit);
  const dyad = /^([A-Z]{3})-([A-Z]{3})$/.exec(unit);
  if (dyad) return h("a", { href: route("events", { actor: dyad[1] }) }, unit);
  return unit;
}

function shortValue(value) {
  if (value === null || value === undefined) return "–";
  if (Array.isArray(value)) {
    return value.slice(0, 3).map((v) => (typeof v === "object" ? Object.values(v).slice(0, 2).join(" ") : String(v))).join("; ");
  }
  if (typeof value === "object") return Object.entries(value).slice(0, 3).map(([k, v]) => `${k}: ${num(v)}`).join("; ");
  return num(value);
}

function features(list) {
  if (!Array.isArray(list) || !list.length) return "–";
  return list.slice(0, 3).map((f) => {
    const c = typeof f.contribution === "number" ? ` (${f.contribution >= 0 ? "+" : ""}${f.contribution.toFixed(2)})` : "";
    return `${f.feature || f.name || "?"}${c}`;
  }).join(", ");
}

const FORECAST_COLUMNS = [
  { label: "Kind", cell: (r) => r.unit_kind || "–" },
  { label: "Period", cell: (r) => [r.period, r.target_start].filter(Boolean).join(" from ") || "–" },
  { label: "Horizon", cls: "num", cell: (r) => num(r.horizon) },
  { label: "Target", cell: (r) => r.target || "–" },
  { label: "Last", cls: "num", cell: (r) => num(r.last_value, 1) },
  { label: "Expected", cls: "num", cell: (r) => num(r.expected, 1) },
  { label: "80% range", cls: "num", cell: (r) => (r.q10 === undefined ? "–" : `${num(r.q10, 1)}–${num(r.q90, 1)}`) },
  { label: "Top features", cell: (r) => features(r.top_features) },
];

export function forecastColumns(rows) {
  if (rows.length && "escalation_prob" in rows[0]) {
    return [
      { label: "Unit", cell: (r) => unitLink(unitOf(r)) },
      { label: "Escalation risk", cls: "num", cell: (r) => (riskOf(r) === null ? "–" : `${(riskOf(r) * 100).toFixed(0)}%`) },
      ...FORECAST_COLUMNS,
    ];
  }
  const skip = new Set([...RISK_KEYS, ...UNIT_KEYS]);
  const keys = rows.length ? Object.keys(rows[0]).filter((k) => !skip.has(k)).slice(0, 6) : [];
  return [
    { label: "Unit", cell: (r) => unitLink(unitOf(r)) },
    { label: "Escalation risk", cls: "num", cell: (r) => (riskOf(r) === null ? "–" : `${(riskOf(r) * 100).toFixed(0)}%`) },
    ...keys.map((k) => ({ label: k.replaceAll("_", " "), cell: (r) => shortValue(r[k]) })),
  ];
}

function riskChart(rows) {
  const data = rows.filter((r) => riskOf(r) !== null).slice(0, 20);
  if (!window.d3 || !data.length) return null;
  const d3 = window.d3;
  const width = 960, bar = 18, left = 140;
  const x = d3.scaleLinear().domain([0, 1]).range([left, width - 20]);
  const svg = d3.create("svg").attr("class", "chart risk-chart").attr("viewBox", `0 0 ${width} ${data.length * bar + 30}`);
  const g = svg.selectAll("g").data(data).join("g").attr("transform", (d, i) => `translate(0,${i * bar + 4})`);
  g.append("text").attr("x", left - 6).attr("y", bar / 2 + 4).attr("text-anchor", "end").text((d) => unitOf(d));
  g.append("rect").attr("x", left).attr("height", bar - 4).attr("width", (d) => x(riskOf(d)) - left).attr("class", "risk-bar");
  svg.append("g").attr("transform", `translate(0,${data.length * bar + 6})`).call(d3.axisBottom(x).ticks(5, "%"));
  return svg.node();
}

export async function renderForecasts(root, params, alive) {
  const data = await getJSON("forecasts", { unit: params.unit, limit: 1000 });
  if (!alive()) return;
  const rows = [...data.items].sort((a, b) => (riskOf(b) ?? -1) - (riskOf(a) ?? -1));
  root.appendChild(h("h1", {}, "Forecasts"));
  root.appendChild(h("p", { class: "muted" }, "Current escalation risk per unit from the latest 'watchfloor forecast' run; see the README for the backtest behind these figures."));
  const chart = riskChart(rows);
  if (chart) root.appendChild(chart);
  root.appendChild(table(forecastColumns(rows), rows, "No forecasts yet: run 'watchfloor forecast'."));
}

// ---- storylines --------------------------------------------------------------------------
export async function renderStories(root, params, alive) {
  const data = await getJSON("stories", { since: params.since, until: params.until, limit: 200 });
  if (!alive()) return;
  root.appendChild(h("h1", {}, "Storylines"));
  if (!data.items.length) {
    root.appendChild(h("p", { class: "muted empty" }, "No storylines yet: run 'watchfloor analyze'."));
    return;
  }
  for (const story of data.items) {
    const docs = story.document_ids || [];
    root.appendChild(h("article", { class: "story" },
      h("h3", { dir: "auto" }, story.title || story.id),
      h("p", { class: "meta" }, `${story.start || "?"} – ${story.end || "?"} · `,
        `${num(story.n_documents ?? docs.length)} documents · ${num(story.n_events)} events`),
      h("p", {}, [
        (story.countries || []).map((c) => h("a", { class: "tag", href: route("events", { country: c, since: story.start, until: story.end }) }, c)),
        (story.actors || []).map((a) => h("span", { class: "tag actor" }, a)),
        (story.types || []).map((t) => h("a", { class: "tag type", href: route("events", { type: t, since: story.start, until: story.end }) }, t)),
      ]),
      docs.length ? h("ol", { class: "story-docs" }, docs.slice(0, 12).map((id) => h("li", {}, h("a", { href: route("document", { id }) }, id)))) : null));
  }
}

// ---- network -----------------------------------------------------------------------------
function nodeWeight(n) {
  return n.pagerank ?? n.degree ?? n.weight ?? n.count ?? 1;
}

export async function renderNetwork(root, params, alive) {
  const data = await getJSON("network", { since: params.since, until: params.until });
  if (!alive()) return;
  const since = h("input", { type: "date", name: "since", value: params.since || "" });
  const until = h("input", { type: "date", name: "until", value: params.until || "" });
  root.appendChild(h("h1", {}, "Actor network"));
  root.appendChild(h("form", { class: "filters", onsubmit: (ev) => { ev.preventDefault(); go("network", { since: since.value, until: until.value }); } },
    h("label", {}, h("span", {}, "Since"), since), h("label", {}, h("span", {}, "Until"), until), h("button", { type: "submit" }, "Apply")));
  const nodes = (data.nodes || []).map((n) => ({ ...n, id: String(n.id) }));
  const links = (data.links || []).map((l) => ({ ...l, source: String(l.source), target: String(l.target) }));
  if (!nodes.length || !window.d3) {
    root.appendChild(h("p", { class: "muted empty" }, data.available === false ? "The network needs the analysis layer." : "No actor interactions in this window."));
    return;
  }
  const d3 = window.d3;
  const width = 900, height = 560;
  const maxW = d3.max(nodes, nodeWeight) || 1;
  const radius = d3.scaleSqrt().domain([0, maxW]).range([4, 22]);
  const svg = d3.create("svg").attr("class", "chart network").attr("viewBox", `0 0 ${width} ${height}`);
  const linkSel = svg.append("g").attr("class", "links").selectAll("line").data(links).join("line")
    .attr("class", (l) => ((l.conflict_share ?? 0) >= 0.5 || (l.mean_goldstein ?? 0) < 0 ? "conflict" : "coop"))
    .attr("stroke-width", (l) => Math.min(8, 1 + Math.log1p(l.weight ?? l.count ?? 1)));
  linkSel.append("title").text((l) => `${l.source} → ${l.target}: ${num(l.weight ?? l.count)} events`);
  const nodeSel = svg.append("g").attr("class", "nodes").selectAll("g").data(nodes).join("g").attr("class", "node")
    .on("click", (ev, n) => go("events", { actor: n.id }));
  const community = d3.scaleOrdinal(d3.schemeTableau10);
  nodeSel.append("circle").attr("r", (n) => radius(nodeWeight(n)))
    .attr("fill", (n) => (n.community === undefined ? "#44546a" : community(n.community)));
  nodeSel.append("text").attr("dx", (n) => radius(nodeWeight(n)) + 3).attr("dy", 4)
    .text((n) => n.label || n.name || n.id);
  nodeSel.append("title").text((n) => `${n.id}: click for its events`);
  const sim = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).id((n) => n.id).distance(90))
    .force("charge", d3.forceManyBody().strength(-220))
    .force("center", d3.forceCenter(width / 2, height / 2))
    .force("x", d3.forceX(width / 2).strength(0.05))
    .force("y", d3.forceY(height / 2).strength(0.08))
    .force("collide", d3.forceCollide().radius((n) => radius(nodeWeight(n)) + 4));
  nodeSel.call(d3.drag()
    .on("start", (ev, n) => { if (!ev.active) sim.alphaTarget(0.3).restart(); n.fx = n.x; n.fy = n.y; })
    .on("drag", (ev, n) => { n.fx = ev.x; n.fy = ev.y; })
    .on("end", (ev, n) => { if (!ev.active) sim.alphaTarget(0); n.fx = null; n.fy = null; }));
  sim.on("tick", () => {
    for (const n of nodes) {
      n.x = Math.max(24, Math.min(width - 90, n.x));
      n.y = Math.max(24, Math.min(height - 24, n.y));
    }
    linkSel.attr("x1", (l) => l.source.x).attr("y1", (l) => l.source.y).attr("x2", (l) => l.target.x).attr("y2", (l) => l.target.y);
    nodeSel.attr("transform", (n) => `translate(${n.x},${n.y})`);
  });
  root.appendChild(svg.node());
  root.appendChild(table([
    { label: "Actor", cell: (n) => h("a", { href: route("events", { actor: n.id }) }, n.id) },
    ...["degree", "betweenness", "pagerank", "community"].filter((k) => k in nodes[0])
      .map((k) => ({ label: k, cls: "num", cell: (n) => num(n[k], 3) })),
  ], [...nodes].sort((a, b) => nodeWeight(b) - nodeWeight(a)).slice(0, 25)));
}

// ---- media lens --------------------------------------------------------------------------
export async function renderMedia(root, params, alive) {
  const actor = h("input", { name: "actor", value: params.actor || "", placeholder: "e.g. USA" });
  const pivot = h("input", { name: "pivot", type: "date", value: params.pivot || "" });
  const days = h("input", { name: "window_days", type: "number", min: 1, value: params.window_days || 30 });
  root.appendChild(h("h1", {}, "Media lens"));
  root.appendChild(h("form", { class: "filters", onsubmit: (ev) => { ev.preventDefault(); go("media", { actor: actor.value.trim(), pivot: pivot.value, window_days: days.value }); } },
    h("label", {}, h("span", {}, "Actor"), actor), h("label", {}, h("span", {}, "Pivot date"), pivot),
    h("label", {}, h("span", {}, "Window (days)"), days), h("button", { type: "submit" }, "Compare")));
  if (!params.actor || !params.pivot) {
    root.appendChild(h("p", { class: "muted empty" }, "Choose an actor and a pivot date to compare each outlet's coverage and tone before and after."));
    return;
  }
  const data = await getJSON("media", { actor: params.actor, pivot: params.pivot, window_days: params.window_days || 30 });
  if (!alive()) return;
  const outlets = data.outlets || [];
  const change = (o) => (o.tone_before === null || o.tone_after === null || o.tone_before === undefined ? null : o.tone_after - o.tone_before);
  if (window.d3 && outlets.length) {
    const d3 = window.d3;
    const width = 960, bar = 20, left = 170;
    const x = d3.scaleLinear().domain([-1, 1]).range([left, width - 20]);
    const svg = d3.create("svg").attr("class", "chart media-chart").attr("viewBox", `0 0 ${width} ${outlets.length * bar * 2 + 30}`);
    outlets.forEach((o, i) => {
      const y = i * bar * 2 + 4;
      svg.append("text").attr("x", left - 6).attr("y", y + bar - 4).attr("text-anchor", "end").text(o.outlet);
      for (const [k, cls, dy] of [["tone_before", "before", 0], ["tone_after", "after", bar - 4]]) {
        if (typeof o[k] !== "number") continue;
        svg.append("rect").attr("class", `tone ${cls}`).attr("y", y + dy).attr("height", bar - 6)
          .attr("x", Math.min(x(0), x(o[k]))).attr("width", Math.abs(x(o[k]) - x(0)));
      }
    });
    svg.append("g").attr("transform", `translate(0,${outlets.length * bar * 2 + 6})`).call(d3.axisBottom(x).ticks(5));
    root.appendChild(h("p", { class: "legend" }, h("i", { class: "sw before" }), "before ", h("i", { class: "sw after" }), "after (mean tone toward the actor)"));
    root.appendChild(svg.node());
  }
  root.appendChild(table([
    { label: "Outlet", cell: (o) => h("a", { href: route("documents", { source: o.outlet }) }, o.outlet) },
    { label: "Docs before", cls: "num", cell: (o) => num(o.docs_before) },
    { label: "Docs after", cls: "num", cell: (o) => num(o.docs_after) },
    { label: "Mentions before", cls: "num", cell: (o) => num(o.mentions_before) },
    { label: "Mentions after", cls: "num", cell: (o) => num(o.mentions_after) },
    { label: "Tone before", cls: "num", cell: (o) => num(o.tone_before) },
    { label: "Tone after", cls: "num", cell: (o) => num(o.tone_after) },
    { label: "Change", cls: "num", cell: (o) => num(change(o)) },
  ], outlets, data.available === false ? "The media lens needs the analysis layer." : "No outlet mentioned this actor in the window."));
  const quotes = data.quotes || [];
  if (quotes.length) {
    root.appendChild(h("h2", {}, "Quotes"));
    root.appendChild(h("ul", { class: "quotes" }, quotes.slice(0, 30).map((q) => h("li", {},
      h("q", { dir: "auto" }, q.text), " — ", q.speaker || "unattributed", ", ",
      h("a", { href: route("document", { id: q.document_id }) }, [q.outlet, q.day].filter(Boolean).join(" ") || q.document_id)))));
  }
}
