// Labels, colours and small number formats shared by the views.
import { h } from "./dom.js";
import { route } from "./api.js";

export const QUAD = {
  1: { label: "Verbal cooperation", color: "#4c78a8" },
  2: { label: "Material cooperation", color: "#2a9d8f" },
  3: { label: "Verbal conflict", color: "#f4a261" },
  4: { label: "Material conflict", color: "#c0392b" },
};

export function quadLabel(q) {
  return QUAD[q] ? QUAD[q].label : "unknown";
}

export function num(value, digits = 2) {
  if (value === null || value === undefined || value === "") return "–";
  if (typeof value !== "number") return String(value);
  return Number.isInteger(value) ? value.toLocaleString("en") : value.toFixed(digits);
}

export function actor(a) {
  if (!a) return "–";
  const parts = [a.text, a.country, a.sector].filter(Boolean);
  return parts.length ? parts.join(" · ") : "–";
}

export function place(p) {
  if (!p) return "–";
  const parts = [p.name, p.admin1, p.country].filter(Boolean);
  return parts.length ? parts.join(", ") : "–";
}

// A count that links to the events behind it.
export function countLink(count, params, view = "events") {
  return h("a", { class: "count", href: route(view, params) }, num(count));
}

export function needD3(container) {
  if (window.d3) return true;
  container.appendChild(
    h("div", { class: "error" },
      "Chart libraries are missing: run 'npm ci' in watchfloor/web (make install does it)."),
  );
  return false;
}
