// Building DOM nodes safely: text always goes through text nodes, never through HTML parsing.

export function h(tag, attrs = {}, ...children) {
  const node = document.createElementNS(
    tag === "svg" || attrs.svg ? "http://www.w3.org/2000/svg" : "http://www.w3.org/1999/xhtml",
    tag,
  );
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false || key === "svg") continue;
    if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else if (key === "style") {
      Object.assign(node.style, value);
    } else if (key === "href") {
      node.setAttribute("href", safeHref(String(value)));
    } else {
      node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

// Only our own hash routes, same-origin paths and http(s) links are ever put in an href.
export function safeHref(url) {
  if (url.startsWith("#") || (url.startsWith("/") && !url.startsWith("//"))) return url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : "#";
  } catch {
    return "#";
  }
}

export function table(columns, rows, empty = "Nothing to show.") {
  if (!rows.length) return h("p", { class: "muted empty" }, empty);
  return h(
    "table",
    { class: "grid" },
    h("thead", {}, h("tr", {}, columns.map((c) => h("th", { class: c.cls }, c.label)))),
    h(
      "tbody",
      {},
      rows.map((row) => h("tr", {}, columns.map((c) => h("td", { class: c.cls }, c.cell(row))))),
    ),
  );
}

export function errorBox(err) {
  return h("div", { class: "error", role: "alert" }, String(err && err.message ? err.message : err));
}
