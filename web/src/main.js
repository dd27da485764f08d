// The dashboard: a filter bar drives the server query; the timeline's brush filters the loaded
// events in the page; map, table and timeline redraw from the same list.
import { fetchPoints, fetchStats } from "./api.js";
import { TYPE_COLOURS } from "./colours.js";
import { createMap } from "./map.js";
import { showEvent } from "./panel.js";
import { createTable } from "./table.js";
import { createTimeline } from "./timeline.js";
import "./style.css";

const state = { points: [], truncated: false, brush: null };
const form = document.getElementById("filters");
const panel = document.getElementById("panel");

const select = (id) => showEvent(panel, id).catch((err) => panel.replaceChildren(`Could not load the event: ${err.message}`));
const map = createMap(document.getElementById("map"), select);
const table = createTable(document.getElementById("events"), document.getElementById("summary"), select);
const timeline = createTimeline(document.getElementById("timeline"), (brush) => { state.brush = brush; redraw(); });

function visible() {
  if (!state.brush) return state.points;
  const [from, to] = state.brush;
  return state.points.filter((p) => p.event_date && p.event_date >= from && p.event_date <= to);
}

function redraw() {
  const started = performance.now();
  const shown = visible();
  map.show(shown);
  table.show(shown, { truncated: state.truncated });
  document.body.dataset.shown = String(shown.length);
  document.body.dataset.drawMs = String(Math.round(performance.now() - started));
}

async function load() {
  const filters = Object.fromEntries(new FormData(form));
  const result = await fetchPoints(filters);
  state.points = result.items;
  state.truncated = result.truncated;
  state.brush = null;
  timeline.show(state.points);
  map.fit(state.points);
  redraw();
}

async function fillCountries() {
  const stats = await fetchStats();
  document.getElementById("countries").replaceChildren(...stats.by_country.map((c) => new Option(c.value)));
}

form.addEventListener("submit", (e) => { e.preventDefault(); load().catch(report); });
form.addEventListener("reset", () => setTimeout(() => load().catch(report)));

function report(err) {
  document.getElementById("summary").textContent = `Could not load events: ${err.message}`;
}

for (const type of Object.keys(TYPE_COLOURS)) form.elements.event_type.add(new Option(type, type));
Promise.all([load(), map.ready])
  .then(() => {
    document.body.dataset.renderMs = String(Math.round(performance.now()));
    document.body.dataset.ready = "true";
    return fillCountries(); // after the first render, so as not to compete with it
  })
  .catch(report);
