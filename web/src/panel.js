// The event panel: what happened, the casualty claims with who made them, and the article text
// with this event's evidence and claims highlighted. Text is inserted as text, never as HTML.
import { fetchDocument, fetchEvent } from "./api.js";
import { colourOf } from "./colours.js";

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text != null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function claimLine(c) {
  const count = c.low === c.high ? `${c.low}` : `${c.low}–${c.high}`;
  const item = el("li");
  item.append(el("strong", `${c.kind} ${count}`), ` “${c.text}” — `);
  item.append(el("em", c.claimed_by || "no source named", c.claimed_by ? "who" : "who unknown"));
  return item;
}

export function highlight(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].filter((n) => n >= 0 && n <= text.length).sort((a, b) => a - b);
  const out = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    const piece = text.slice(a, b);
    if (!covering.length) { out.append(piece); continue; }
    const kinds = new Set(covering.map((s) => s.kind));
    out.append(el("mark", piece, [...kinds].join(" ")));
  }
  return out;
}

async function documentView(documentId, eventId) {
  const doc = await fetchDocument(documentId);
  const box = el("article", null, "document");
  box.append(el("h3", doc.title || doc.id));
  box.append(el("p", [doc.outlet, doc.published, doc.url].filter(Boolean).join(" · "), "meta"));
  const spans = doc.spans.filter((s) => s.event_id === eventId);
  const body = el("div", null, "text");
  body.append(highlight(doc.text, spans));
  box.append(body);
  return box;
}

export async function showEvent(panel, eventId) {
  panel.replaceChildren(el("p", "Loading…", "hint"));
  const e = await fetchEvent(eventId);
  const head = el("h2", `${e.event_type} · ${e.sub_event_type}`);
  head.style.borderLeft = `8px solid ${colourOf(e.event_type)}`;
  const where = [e.location, e.admin1, e.country].filter(Boolean).join(", ");
  const facts = el("p", `${e.event_date || "date unresolved"} · ${where || "unplaced"} · ${e.fatalities} killed`, "facts");
  const actors = el("p", [e.actor1, e.actor2].filter(Boolean).join(" vs ") || "actors unknown", "actors");
  const claims = el("ul", null, "claims");
  for (const c of e.claims) claims.append(claimLine(c));
  if (!e.claims.length) claims.append(el("li", "no casualty claims"));
  const parts = [head, facts, actors, el("p", e.notes, "notes"), el("h3", "Claims"), claims, el("h3", "Evidence")];
  for (const d of e.documents) parts.push(await documentView(d, e.event_id));
  panel.replaceChildren(...parts);
  panel.dataset.eventId = e.event_id;
}
