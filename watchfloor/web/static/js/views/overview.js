// Overview: headline counts, the alert feed, per-country activity strips, latest forecasts.
import { getJSON, route } from "../api.js";
import { h, table } from "../dom.js";
import { countLink, num } from "../format.js";
import { forecastColumns, riskOf } from "./analysis.js";

function sparkline(conflict, cooperation, width = 160, height = 32) {
  const max = Math.max(1, ...conflict, ...cooperation);
  const n = Math.max(conflict.length, 2);
  const points = (series) => series
    .map((v, i) => `${((i / (n - 1)) * (width - 4) + 2).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`)
    .join(" ");
  return h("svg", { class: "spark", viewBox: `0 0 ${width} ${height}`, width, height, role: "img",
    "aria-label": "weekly conflict (red) and cooperation (blue) events" },
    h("polyline", { svg: true, class: "coop", points: points(cooperation) }),
    h("polyline", { svg: true, class: "conflict", points: points(conflict) }));
}

function alertFeed(alerts) {
  return table([
    { label: "When", cls: "date", cell: (a) => (a.start === a.end ? a.end : `${a.start} – ${a.end}`) },
    { label: "Score", cls: "num", cell: (a) => num(a.score) },
    { label: "Place", cell: (a) => [a.place, a.admin1, a.country].filter(Boolean).join(", ") || "–" },
    { label: "Alert", cell: (a) => h("a", { class: "alert-link", href: route("alert", { id: a.id }) }, a.summary || a.id) },
    { label: "Signals", cls: "num", cell: (a) => h("a", { href: route("alert", { id: a.id }) }, num(a.n_signals)) },
    { label: "Kind", cell: (a) => a.kind },
    { label: "State", cell: (a) => h("span", { class: `state state-${a.state}` }, a.state) },
  ], alerts, "No alerts yet.");
}

export async function renderOverview(root, params, alive) {
  const [stats, alerts, forecasts] = await Promise.all([
    getJSON("stats"), getJSON("alerts", { limit: 50, state: params.state }), getJSON("forecasts", { limit: 10 }),
  ]);
  if (!alive()) return;
  root.appendChild(h("section", { class: "cards" },
    h("div", { class: "card" }, h("span", { class: "big" }, countLink(stats.documents, {}, "documents")), "documents"),
    h("div", { class: "card" }, h("span", { class: "big" }, countLink(stats.events, {})), "events"),
    h("div", { class: "card" }, h("span", { class: "big" }, countLink(stats.sources, {}, "documents")), "outlets"),
    h("div", { class: "card" }, h("span", { class: "big" }, h("a", { class: "count", href: "#/" }, num(alerts.total))), "alerts"),
    h("div", { class: "card" }, h("span", { class: "range" }, `${stats.first_date || "–"} → ${stats.last_date || "–"}`), "event dates")));
  const states = ["", "new", "acknowledged", "dismissed"];
  root.appendChild(h("h2", {}, "Alerts ",
    h("span", { class: "tabs" }, states.map((s) => h("a", {
      class: (params.state || "") === s ? "active" : null, href: route("overview", { state: s }),
    }, s || "all")))));
  if (alerts.warmup) root.appendChild(h("p", { class: "muted", id: "warmup" }, alerts.warmup.summary));
  const feed = alertFeed(alerts.items);
  feed.id = "alert-feed";
  root.appendChild(feed);

  root.appendChild(h("h2", {}, `Activity by country, last ${stats.strip_weeks} weeks`,
    h("span", { class: "legend" }, h("i", { class: "sw conflict" }), "conflict ", h("i", { class: "sw coop" }), "cooperation")));
  const since = stats.last_date
    ? new Date(Date.parse(stats.last_date) - (stats.strip_weeks * 7 - 1) * 86400000).toISOString().slice(0, 10) : null;
  const strips = table([
    { label: "Country", cell: (c) => h("a", { href: route("events", { country: c.country }) }, c.country) },
    { label: "Events", cls: "num", cell: (c) => countLink(c.total, { country: c.country, since }) },
    { label: "Weekly conflict vs cooperation", cell: (c) => sparkline(c.conflict, c.cooperation) },
    { label: "Conflict", cls: "num", cell: (c) => countLink(c.conflict.reduce((a, b) => a + b, 0), { country: c.country, since, quad_class: "3,4" }) },
    { label: "Cooperation", cls: "num", cell: (c) => countLink(c.cooperation.reduce((a, b) => a + b, 0), { country: c.country, since, quad_class: "1,2" }) },
  ], stats.countries, "No located events yet.");
  strips.id = "country-strips";
  root.appendChild(strips);

  root.appendChild(h("h2", {}, "Latest forecasts ", h("a", { class: "small", href: "#/forecasts" }, "all →")));
  const top = [...forecasts.items].sort((a, b) => (riskOf(b) ?? -1) - (riskOf(a) ?? -1)).slice(0, 8);
  root.appendChild(table(forecastColumns(top), top, "No forecasts yet: run 'watchfloor forecast'."));
}
