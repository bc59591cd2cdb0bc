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
    quadSelect(params, inputs),
    h("button", { type: "submit" }, "Apply"),
    h("a", { class: "reset", href: `#/${view}` }, "Reset"),
  );
  return form;
}

const QUAD_CHOICES = [
  ["", "any"], ["3,4", "conflict (3, 4)"], ["1,2", "cooperation (1, 2)"], ["1", "1 verbal coop."],
  ["2", "2 material coop."], ["3", "3 verbal conflict"], ["4", "4 material conflict"],
];

function quadSelect(params, inputs) {
  const select = h("select", { name: "quad_class" }, QUAD_CHOICES.map(([value, label]) =>
    h("option", { value, selected: (params.quad_class || "") === value }, label)));
  inputs.quad_class = select;
  return h("label", {}, h("span", {}, "QuadClass"), select);
}

export function activeFilters(params) {
  return pick(params, EVENT_FILTERS);
}
