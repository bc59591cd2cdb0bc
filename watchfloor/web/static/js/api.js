// Talking to the REST API; filters and routes live in the URL hash so views can be shared.

export class ApiError extends Error {}

export function query(params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && v !== "") qs.set(k, v);
  }
  const text = qs.toString();
  return text ? `?${text}` : "";
}

export async function getJSON(path, params) {
  const resp = await fetch(`/api/${path}${query(params)}`, { headers: { Accept: "application/json" } });
  const body = await resp.json().catch(() => ({}));
  if (!resp.ok) throw new ApiError(body.error || `${resp.status} ${resp.statusText}`);
  return body;
}

export async function postJSON(path, body, token) {
  const resp = await fetch(`/api/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify(body || {}),
  });
  const data = await resp.json().catch(() => ({}));
  if (!resp.ok) throw new ApiError(data.error || `${resp.status} ${resp.statusText}`);
  return data;
}

export function route(view, params) {
  return `#/${view}${query(params)}`;
}

export function currentRoute() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [view, qs] = hash.split("?");
  return { view: view || "overview", params: Object.fromEntries(new URLSearchParams(qs || "")) };
}

export function go(view, params) {
  location.hash = route(view, params);
}

export const EVENT_FILTERS = [
  "since", "until", "country", "admin1", "actor", "type", "source", "min_confidence", "quad_class",
];

export function pick(params, keys) {
  return Object.fromEntries(keys.filter((k) => params[k]).map((k) => [k, params[k]]));
}

export const token = {
  get: () => sessionStorage.getItem("watchfloor-token") || "",
  set: (value) => sessionStorage.setItem("watchfloor-token", value),
};
