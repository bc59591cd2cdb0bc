// Document list, and one document with the evidence of its events marked in the text.
import { getJSON, route } from "../api.js";
import { h, table } from "../dom.js";
import { num } from "../format.js";
import { eventColumns } from "./events.js";

// The text as nodes, each span [start, end) wrapped in <mark>; overlapping spans are merged.
export function markedText(text, spans, currentId) {
  const sorted = spans
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const out = [];
  let pos = 0;
  for (const span of sorted) {
    if (span.start < pos) continue;
    if (span.start > pos) out.push(text.slice(pos, span.start));
    out.push(h("mark", {
      class: span.id === currentId ? "current" : null, "data-event": span.id, title: span.label || null,
    }, text.slice(span.start, span.end)));
    pos = span.end;
  }
  out.push(text.slice(pos));
  return out;
}

export function docMeta(doc) {
  return h("p", { class: "meta" },
    [doc.source, doc.published ? String(doc.published).slice(0, 10) : null].filter(Boolean).join(" · "),
    doc.url ? [" · ", h("a", { href: doc.url, rel: "noopener noreferrer", target: "_blank" }, "original")] : null);
}

export async function renderDocument(root, params, alive) {
  const doc = await getJSON(`documents/${encodeURIComponent(params.id || "")}`);
  if (!alive()) return;
  root.appendChild(h("h1", { class: "doc-title", dir: "auto", lang: doc.language || null }, doc.title || doc.id));
  root.appendChild(docMeta(doc));
  if (doc.canonical_id) {
    root.appendChild(h("p", { class: "muted" }, "Near-copy of ",
      h("a", { href: route("document", { id: doc.canonical_id }) }, doc.canonical_id),
      ` (similarity ${num(doc.similarity)})`));
  }
  if (doc.sources && doc.sources.length > 1) {
    root.appendChild(h("p", { class: "muted" }, `Carried by ${doc.sources.length} outlets: `,
      doc.sources.map((s) => s.source).filter(Boolean).join(", ")));
  }
  const spans = doc.events.map((e) => ({
    id: e.id, start: e.evidence.start, end: e.evidence.end, label: `${e.plover_event} (${num(e.confidence)})`,
  }));
  // dir="auto": Arabic and Persian text reads right to left, from its own first letter.
  const body = h("div", { class: "doc-text", id: "doc-text", dir: "auto", lang: doc.language || null }, markedText(doc.text || "", spans, params.hl));
  root.appendChild(body);
  root.appendChild(h("h2", {}, `${doc.events.length} coded events`));
  root.appendChild(table(eventColumns(), doc.events, "No events were coded from this document."));
  const current = body.querySelector("mark.current");
  if (current) current.scrollIntoView({ block: "center" });
}

export async function renderDocuments(root, params, alive) {
  root.appendChild(h("h1", {}, "Documents"));
  const q = h("input", { name: "q", value: params.q || "", placeholder: "words in title or text" });
  const source = h("input", { name: "source", value: params.source || "", placeholder: "outlet" });
  root.appendChild(h("form", {
    class: "filters",
    onsubmit: (ev) => {
      ev.preventDefault();
      location.hash = route("documents", { q: q.value.trim(), source: source.value.trim() });
    },
  }, h("label", {}, h("span", {}, "Search"), q), h("label", {}, h("span", {}, "Outlet"), source),
  h("button", { type: "submit" }, "Search")));
  const offset = Number(params.offset || 0);
  const data = await getJSON("documents", { q: params.q, source: params.source, limit: 50, offset });
  if (!alive()) return;
  root.appendChild(h("p", { class: "summary" }, `${num(data.total)} documents.`));
  root.appendChild(table([
    { label: "Published", cls: "date", cell: (d) => (d.published ? String(d.published).slice(0, 10) : "–") },
    { label: "Title", cell: (d) => h("a", { href: route("document", { id: d.id }), dir: "auto", lang: d.language || null }, d.title || d.id) },
    { label: "Outlet", cell: (d) => d.source || "–" },
    { label: "Events", cls: "num", cell: (d) => h("a", { href: route("document", { id: d.id }) }, num(d.n_events)) },
    { label: "Outlets", cls: "num", cell: (d) => num(d.n_sources) },
  ], data.items, "No documents."));
  if (offset + 50 < data.total) {
    root.appendChild(h("p", { class: "pager" },
      h("a", { href: route("documents", { q: params.q, source: params.source, offset: offset + 50 }) }, "more →")));
  }
}
