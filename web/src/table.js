// The table of the events shown on the map, newest first; a row click opens the event.
import { colourOf } from "./colours.js";

const MAX_ROWS = 200;
const COLUMNS = [
  ["event_date", "Date"], ["event_type", "Type"], ["sub_event_type", "Sub-type"], ["actor1", "Actor 1"],
  ["actor2", "Actor 2"], ["location", "Location"], ["country", "Country"], ["fatalities", "Fatalities"],
];

export function createTable(table, summary, onSelect) {
  const head = table.createTHead().insertRow();
  for (const [, title] of COLUMNS) head.appendChild(document.createElement("th")).textContent = title;
  const body = table.createTBody();
  return {
    show(points, { truncated }) {
      const rows = points.slice(0, MAX_ROWS).map((p) => {
        const row = document.createElement("tr");
        row.dataset.eventId = p.event_id;
        for (const [key] of COLUMNS) row.insertCell().textContent = p[key] ?? "";
        row.cells[1].style.borderLeft = `6px solid ${colourOf(p.event_type)}`;
        row.addEventListener("click", () => onSelect(p.event_id));
        return row;
      });
      body.replaceChildren(...rows);
      const more = points.length > MAX_ROWS ? ` (table shows the newest ${MAX_ROWS})` : "";
      summary.textContent = `${points.length} events${truncated ? "+ (limit reached)" : ""}${more}`;
    },
  };
}
