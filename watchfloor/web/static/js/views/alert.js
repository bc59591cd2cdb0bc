// One alert: its briefing (one line per signal), then every signal with its event and the
// source sentence marked inside its document.
import { getJSON, postJSON, route, token } from "../api.js";
import { clear, h } from "../dom.js";
import { actor, num, place, quadLabel } from "../format.js";
import { docMeta, markedText } from "./documents.js";

function stateControls(alert, onChange) {
  const input = h("input", {
    type: "password", name: "token", value: token.get(), placeholder: "API token", autocomplete: "off",
  });
  const message = h("span", { class: "message", id: "state-message" });
  const act = (path, label) => h("button", {
    type: "button", class: `act-${path}`,
    onclick: async () => {
      token.set(input.value.trim());
      try {
        const result = await postJSON(`alerts/${encodeURIComponent(alert.id)}/${path}`, {}, input.value.trim());
        message.textContent = `Alert ${result.state}.`;
        onChange(result.state);
      } catch (err) {
        message.textContent = err.message;
        message.classList.add("bad");
      }
    },
  }, label);
  return h("div", { class: "state-controls" },
    h("label", {}, h("span", {}, "Token (kept for this tab only)"), input),
    act("acknowledge", "Acknowledge"), act("dismiss", "Dismiss"), message);
}

function signalCard(signal, documents) {
  const e = signal.event;
  const doc = documents[signal.document_id || (e && e.document_id)] || null;
  const facts = e ? h("dl", { class: "facts" },
    h("dt", {}, "Event"), h("dd", {}, `${e.plover_event || "–"} · ${quadLabel(e.quad_class)}`),
    h("dt", {}, "Actors"), h("dd", {}, `${actor(e.source)} → ${actor(e.target)}`),
    h("dt", {}, "Place"), h("dd", {}, place(e.place)),
    h("dt", {}, "Date"), h("dd", {}, e.date || "–"),
    h("dt", {}, "Confidence"), h("dd", {}, num(e.confidence)),
  ) : h("p", { class: "muted" }, "The event behind this signal is no longer in the database.");
  const text = doc && e
    ? h("div", { class: "doc-text excerpt", dir: "auto", lang: doc.language || null },
        markedText(doc.text || "", [{ id: e.id, start: e.evidence.start, end: e.evidence.end }], e.id))
    : null;
  return h("article", { class: "signal" },
    h("h3", {}, signal.summary || signal.type || "signal", h("span", { class: "score" }, ` score ${num(signal.score)}`)),
    facts,
    doc ? h("p", { class: "doc-link" }, h("a", { href: route("document", { id: doc.id, hl: e ? e.id : null }), dir: "auto" }, doc.title || doc.id), " ", docMeta(doc)) : null,
    text);
}

export async function renderAlert(root, params, alive) {
  const alert = await getJSON(`alerts/${encodeURIComponent(params.id || "")}`);
  if (!alive()) return;
  const state = h("span", { class: `state state-${alert.state}`, id: "alert-state" }, alert.state);
  root.appendChild(h("p", {}, h("a", { href: "#/" }, "← all alerts")));
  root.appendChild(h("h1", {}, alert.summary || alert.id));
  root.appendChild(h("p", { class: "meta" },
    `${alert.kind} alert · ${[alert.place, alert.admin1, alert.country].filter(Boolean).join(", ")} · `,
    `${alert.start} – ${alert.end} · score ${num(alert.score)} · `, state));
  root.appendChild(stateControls(alert, (s) => {
    state.textContent = s;
    state.className = `state state-${s}`;
  }));
  if ((alert.actors || []).length) {
    root.appendChild(h("p", { class: "meta", id: "alert-actors" }, `Actors: ${alert.actors.join(", ")}`));
  }
  if ((alert.briefing || []).length) {
    root.appendChild(h("h2", {}, "Briefing"));
    root.appendChild(h("ol", { class: "briefing", id: "alert-briefing" },
      alert.briefing.map((line) => h("li", {}, line))));
  }
  const list = h("section", { class: "signals" });
  root.appendChild(h("h2", {}, `${alert.signals.length} signals`));
  root.appendChild(list);
  clear(list);
  for (const signal of alert.signals) list.appendChild(signalCard(signal, alert.documents || {}));
}
