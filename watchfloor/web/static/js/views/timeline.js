// Events over time, stacked by QuadClass or PLOVER type; brushing a range filters the events.
import { getJSON, go, route } from "../api.js";
import { h, table } from "../dom.js";
import { QUAD, needD3, num, quadLabel } from "../format.js";
import { eventColumns } from "./events.js";
import { activeFilters, filterForm } from "./filters.js";

function drawChart(buckets, group, params) {
  const d3 = window.d3;
  const width = 960, height = 300, margin = { top: 10, right: 10, bottom: 28, left: 40 };
  const keys = [...new Set(buckets.map((b) => b.key ?? "none"))].sort();
  const dates = [...new Set(buckets.map((b) => b.date))].sort();
  const byDate = new Map(dates.map((d) => [d, Object.fromEntries(keys.map((k) => [k, 0]))]));
  for (const b of buckets) byDate.get(b.date)[b.key ?? "none"] = b.count;
  const rows = dates.map((d) => ({ date: new Date(`${d}T00:00:00Z`), day: d, ...byDate.get(d) }));
  const stack = d3.stack().keys(keys)(rows);
  const first = rows[0].date, last = d3.utcDay.offset(rows[rows.length - 1].date, 1);
  const x = d3.scaleUtc().domain([first, last]).range([margin.left, width - margin.right]);
  const y = d3.scaleLinear().domain([0, d3.max(stack, (s) => d3.max(s, (d) => d[1])) || 1]).nice()
    .range([height - margin.bottom, margin.top]);
  const color = group === "quad_class"
    ? (k) => (QUAD[k] ? QUAD[k].color : "#999")
    : d3.scaleOrdinal(keys, d3.schemeTableau10);
  const barWidth = Math.max(1, (x(d3.utcDay.offset(first, 1)) - x(first)) - 1);
  const svg = d3.create("svg").attr("class", "chart timeline").attr("viewBox", `0 0 ${width} ${height}`);
  svg.append("g").selectAll("g").data(stack).join("g").attr("class", "series").attr("fill", (s) => color(s.key))
    .selectAll("rect").data((s) => s.map((d) => ({ ...d, key: s.key }))).join("rect")
    .attr("x", (d) => x(d.data.date)).attr("width", barWidth)
    .attr("y", (d) => y(d[1])).attr("height", (d) => y(d[0]) - y(d[1]))
    .append("title").text((d) => `${d.data.day} · ${group === "quad_class" ? quadLabel(d.key) : d.key}: ${d[1] - d[0]}`);
  svg.append("g").attr("transform", `translate(0,${height - margin.bottom})`).call(d3.axisBottom(x).ticks(8));
  svg.append("g").attr("transform", `translate(${margin.left},0)`).call(d3.axisLeft(y).ticks(5));
  const brush = d3.brushX().extent([[margin.left, margin.top], [width - margin.right, height - margin.bottom]])
    .on("end", (event) => {
      if (!event.sourceEvent) return;
      const next = { ...params };
      if (event.selection) {
        const [a, b] = event.selection.map(x.invert);
        next.since = d3.utcDay.floor(a).toISOString().slice(0, 10);
        next.until = d3.utcDay.offset(d3.utcDay.ceil(b), -1).toISOString().slice(0, 10);
      } else {
        delete next.since;
        delete next.until;
      }
      go("timeline", next);
    });
  const brushG = svg.append("g").attr("class", "brush").call(brush);
  if (params.since || params.until) {
    const a = params.since ? new Date(`${params.since}T00:00:00Z`) : first;
    const b = params.until ? d3.utcDay.offset(new Date(`${params.until}T00:00:00Z`), 1) : last;
    brushG.call(brush.move, [Math.max(x(a), margin.left), Math.min(x(b), width - margin.right)]);
  }
  const legend = h("p", { class: "legend" }, keys.map((k) => {
    const sw = h("i", { class: "sw" });
    sw.style.background = color(k);
    return [sw, `${group === "quad_class" ? quadLabel(k) : k} `];
  }));
  return [legend, svg.node()];
}

export async function renderTimeline(root, params, alive) {
  const group = params.group === "plover_event" ? "plover_event" : "quad_class";
  root.appendChild(h("h1", {}, "Timeline"));
  root.appendChild(filterForm("timeline", params, ["group"]));
  root.appendChild(h("p", { class: "tabs" }, "Colour by: ",
    h("a", { class: group === "quad_class" ? "active" : null, href: route("timeline", { ...params, group: "quad_class" }) }, "QuadClass"),
    h("a", { class: group === "plover_event" ? "active" : null, href: route("timeline", { ...params, group: "plover_event" }) }, "PLOVER type"),
    h("span", { class: "muted" }, " · drag across the chart to filter by dates")));
  if (!needD3(root)) return;
  const filters = activeFilters(params);
  const { since, until, ...rest } = filters;
  const [data, events] = await Promise.all([
    getJSON("timeline", { ...rest, group }), getJSON("events", { ...filters, limit: 25 }),
  ]);
  if (!alive()) return;
  if (!data.buckets.length) {
    root.appendChild(h("p", { class: "muted empty" }, "No dated events match these filters."));
    return;
  }
  root.appendChild(h("div", { id: "timeline-chart" }, drawChart(data.buckets, group, params)));
  root.appendChild(h("h2", {}, h("a", { href: route("events", filters) }, `${num(events.total)} events`),
    since || until ? ` from ${since || "…"} to ${until || "…"}` : ""));
  root.appendChild(table(eventColumns(), events.items, "No events in this range."));
}
