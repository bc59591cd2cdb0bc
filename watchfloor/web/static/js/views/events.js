// Events table with filters, pagination and CSV / GeoJSON downloads.
import { getJSON, query, route } from "../api.js";
import { h, table } from "../dom.js";
import { actor, num, place, quadLabel } from "../format.js";
import { activeFilters, filterForm } from "./filters.js";

const PAGE = 50;

export function eventColumns() {
  return [
    { label: "Date", cls: "date", cell: (e) => e.date || "–" },
    { label: "Type", cell: (e) => [e.plover_event || e.cameo_code || "–", e.plover_mode ? ` (${e.plover_mode})` : ""] },
    { label: "QuadClass", cell: (e) => h("span", { class: `quad q${e.quad_class}` }, quadLabel(e.quad_class)) },
    { label: "Source actor", cell: (e) => actor(e.source) },
    { label: "Target actor", cell: (e) => actor(e.target) },
    { label: "Place", cell: (e) => place(e.place) },
    { label: "Conf.", cls: "num", cell: (e) => num(e.confidence) },
    {
      label: "Evidence",
      cls: "evidence",
      cell: (e) => e.document_id
        ? h("a", { href: route("document", { id: e.document_id, hl: e.id }), dir: "auto" }, e.evidence.text || "(open document)")
        : h("span", { dir: "auto" }, e.evidence.text || "–"),
    },
  ];
}

export async function renderEvents(root, params, alive) {
  const filters = activeFilters(params);
  const offset = Number(params.offset || 0);
  root.appendChild(h("h1", {}, "Events"));
  root.appendChild(filterForm("events", params));
  const data = await getJSON("events", { ...filters, limit: PAGE, offset });
  if (!alive()) return;
  const qs = query({ ...filters, limit: 10000 });
  root.appendChild(
    h("p", { class: "summary" },
      h("span", { id: "event-total" }, num(data.total)), " events match. ",
      `Showing ${data.items.length ? offset + 1 : 0}–${offset + data.items.length}. `,
      h("a", { href: `/api/events${qs}&format=csv`, download: "events.csv" }, "CSV"), " · ",
      h("a", { href: `/api/events${qs}&format=geojson`, download: "events.geojson" }, "GeoJSON")),
  );
  const tbl = table(eventColumns(), data.items, "No events match these filters.");
  tbl.id = "events-table";
  root.appendChild(tbl);
  const pager = h("p", { class: "pager" });
  if (offset > 0) {
    pager.appendChild(h("a", { href: route("events", { ...filters, offset: Math.max(0, offset - PAGE) }) }, "← newer"));
  }
  if (offset + PAGE < data.total) {
    pager.appendChild(h("a", { href: route("events", { ...filters, offset: offset + PAGE }) }, "older →"));
  }
  root.appendChild(pager);
}
