// The event filter form shared by the events table, timeline and map; it edits the URL hash.
import { EVENT_FILTERS, go, pick } from "../api.js";
import { h } from "../dom.js";

const FIELDS = [
  ["since", "Since", "date"], ["until", "Until", "date"], ["country", "Country (ISO3)", "text"],
  ["admin1", "Admin1", "text"], ["actor", "Actor", "text"], ["type", "Event type", "text"],
  ["source", "Outlet", "text"], ["min_confidence", "Min. confidence", "number"],
];

export function filterForm(view, params, extraKeys = []) {
  const inputs = {};
  const form = h(
    "form",
    {
      class: "filters",
      onsubmit: (event) => {
        event.preventDefault();
        const next = pick(params, extraKeys);
        for (const [key, input] of Object.entries(inputs)) {
          if (input.value.trim()) next[key] = input.value.trim();
        }
        go(view, next);
      },
    },
    FIELDS.map(([key, label, type]) => {
      const input = h("input", {
        name: key, type, value: params[key] || "", step: type === "number" ? "0.05" : null,
        min: type === "number" ? "0" : null, max: type === "number" ? "1" : null,
        size: type === "text" ? 10 : null,
      });
      inputs[key] = input;
      return h("label", {}, h("span", {}, label), input);
    }),
    h("button", { type: "submit" }, "Apply"),
    h("a", { class: "reset", href: `#/${view}` }, "Reset"),
  );
  return form;
}

export function activeFilters(params) {
  return pick(params, EVENT_FILTERS);
}
