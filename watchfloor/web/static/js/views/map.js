// Events and alerts on an offline world map: circles sized by count, coloured by conflict share.
import { getJSON, route } from "../api.js";
import { h } from "../dom.js";
import { needD3, num } from "../format.js";
import { activeFilters, filterForm } from "./filters.js";

let worldCache = null;

async function world() {
  if (!worldCache) {
    const resp = await fetch("/vendor/countries-110m.json");
    if (!resp.ok) throw new Error("world map data is missing: run 'npm ci' in watchfloor/web");
    worldCache = await resp.json();
  }
  return worldCache;
}

export async function renderMap(root, params, alive) {
  root.appendChild(h("h1", {}, "Map"));
  root.appendChild(filterForm("map", params));
  if (!needD3(root) || !window.topojson) return;
  const d3 = window.d3;
  const filters = activeFilters(params);
  const [topo, places, alerts] = await Promise.all([
    world(), getJSON("map", filters),
    getJSON("alerts", { format: "geojson", country: filters.country, since: filters.since, until: filters.until, limit: 500 }),
  ]);
  if (!alive()) return;
  const width = 960, height = 500;
  const countries = window.topojson.feature(topo, topo.objects.countries);
  const located = places.places;
  const focus = located.length
    ? { type: "MultiPoint", coordinates: located.map((p) => [p.lon, p.lat]) } : countries;
  const projection = d3.geoNaturalEarth1();
  if (located.length) {
    projection.fitExtent([[60, 40], [width - 60, height - 40]], focus);
    if (projection.scale() > 1800) {
      // Few, close places: zoom to a region, not to a street, keeping them centred.
      projection.scale(1800);
      const [px, py] = projection(d3.geoCentroid(focus));
      const [tx, ty] = projection.translate();
      projection.translate([tx + width / 2 - px, ty + height / 2 - py]);
    }
  } else {
    projection.fitSize([width, height], countries);
  }
  const path = d3.geoPath(projection);
  const svg = d3.create("svg").attr("class", "chart map").attr("id", "map-svg").attr("viewBox", `0 0 ${width} ${height}`);
  const layer = svg.append("g");
  layer.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
  layer.append("g").attr("class", "countries").selectAll("path").data(countries.features).join("path")
    .attr("class", "country").attr("d", path)
    .append("title").text((f) => f.properties.name);
  const maxCount = d3.max(located, (p) => p.count) || 1;
  const r = d3.scaleSqrt().domain([0, maxCount]).range([0, 18]);
  const color = d3.scaleLinear().domain([0, 0.5, 1]).range(["#2a6fb0", "#9b7fb8", "#c0392b"]);
  const share = (p) => (p.conflict + p.cooperation ? p.conflict / (p.conflict + p.cooperation) : 0.5);
  layer.append("g").attr("class", "places").selectAll("a")
    .data([...located].sort((a, b) => b.count - a.count)).join("a")
    .attr("href", (p) => route("events", { ...filters, country: p.country || filters.country, admin1: p.admin1 || filters.admin1 }))
    .append("circle").attr("class", "place")
    .attr("cx", (p) => projection([p.lon, p.lat])[0]).attr("cy", (p) => projection([p.lon, p.lat])[1])
    .attr("r", (p) => Math.max(3, r(p.count))).attr("fill", (p) => color(share(p)))
    .append("title").text((p) => `${p.place || "?"} (${p.country || "?"}): ${num(p.count)} events, ${num(p.conflict)} conflict, ${num(p.cooperation)} cooperation`);
  layer.append("g").attr("class", "alerts").selectAll("a").data(alerts.features).join("a")
    .attr("href", (f) => route("alert", { id: f.properties.id }))
    .append("path").attr("class", "alert-marker")
    .attr("d", d3.symbol(d3.symbolTriangle, 180)())
    .attr("transform", (f) => `translate(${projection(f.geometry.coordinates).join(",")})`)
    .append("title").text((f) => `Alert: ${f.properties.summary || f.properties.id}`);
  svg.call(d3.zoom().scaleExtent([1, 40]).on("zoom", (ev) => layer.attr("transform", ev.transform)));
  root.appendChild(h("p", { class: "legend" },
    h("i", { class: "sw conflict" }), "mostly conflict ", h("i", { class: "sw coop" }), "mostly cooperation ",
    h("i", { class: "sw alert" }), "alert · circle area = number of events · scroll to zoom · click for the events"));
  root.appendChild(svg.node());
  root.appendChild(h("p", { class: "summary" }, `${located.length} places, ${alerts.features.length} located alerts.`));
}
