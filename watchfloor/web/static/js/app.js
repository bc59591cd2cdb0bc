// The single-page app: a hash router that renders one view at a time into <main>.
import { currentRoute } from "./api.js";
import { clear, errorBox, h } from "./dom.js";
import { renderOverview } from "./views/overview.js";
import { renderAlert } from "./views/alert.js";
import { renderEvents } from "./views/events.js";
import { renderTimeline } from "./views/timeline.js";
import { renderMap } from "./views/map.js";
import { renderDocument, renderDocuments } from "./views/documents.js";
import { renderForecasts, renderMedia, renderNetwork, renderStories } from "./views/analysis.js";

const VIEWS = {
  overview: renderOverview,
  alert: renderAlert,
  events: renderEvents,
  timeline: renderTimeline,
  map: renderMap,
  stories: renderStories,
  network: renderNetwork,
  media: renderMedia,
  forecasts: renderForecasts,
  documents: renderDocuments,
  document: renderDocument,
};

let generation = 0;

async function render() {
  const { view, params } = currentRoute();
  const main = document.getElementById("view");
  const mine = ++generation;
  for (const link of document.querySelectorAll("#nav a[data-view]")) {
    link.classList.toggle("active", link.dataset.view === view);
  }
  const target = h("div", { class: `view view-${view}` });
  clear(main).appendChild(target);
  const renderer = VIEWS[view];
  if (!renderer) {
    target.appendChild(errorBox(`No page called '${view}'.`));
    return;
  }
  try {
    await renderer(target, params, () => mine === generation);
  } catch (err) {
    if (mine === generation) target.appendChild(errorBox(err));
  }
  if (mine === generation) document.body.dataset.ready = view;
}

window.addEventListener("hashchange", () => {
  delete document.body.dataset.ready;
  render();
});
render();
