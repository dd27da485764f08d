// Events per day as bars; dragging across the bars selects a date range (a brush), a click clears it.

const SVG = "http://www.w3.org/2000/svg";
const DAY = 86400000;
const HEIGHT = 90;
const PAD = 24;

const dayOf = (iso) => Date.parse(`${iso}T00:00:00Z`);
const isoOf = (ms) => new Date(ms).toISOString().slice(0, 10);

function node(name, attrs, parent) {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (parent) parent.appendChild(el);
  return el;
}

export function createTimeline(element, onBrush) {
  let scale = null;
  let brush = null;
  const svg = node("svg", { height: HEIGHT, role: "img" }, element);
  const bars = node("g", {}, svg);
  const axis = node("g", { class: "axis" }, svg);
  const band = node("rect", { class: "brush", y: 0, height: HEIGHT - PAD, width: 0, visibility: "hidden" }, svg);
  let dragFrom = null;

  const xOf = (event) => event.clientX - svg.getBoundingClientRect().left;
  const drawBand = (a, b) => {
    band.setAttribute("x", Math.min(a, b));
    band.setAttribute("width", Math.abs(b - a));
    band.setAttribute("visibility", "visible");
  };
  svg.addEventListener("mousedown", (e) => { if (scale) { dragFrom = xOf(e); e.preventDefault(); } });
  svg.addEventListener("mousemove", (e) => { if (dragFrom != null) drawBand(dragFrom, xOf(e)); });
  window.addEventListener("mouseup", (e) => {
    if (dragFrom == null) return;
    const to = xOf(e);
    const [a, b] = [Math.min(dragFrom, to), Math.max(dragFrom, to)];
    dragFrom = null;
    brush = b - a < 3 ? null : [isoOf(scale.invert(a)), isoOf(scale.invert(b))];
    if (!brush) band.setAttribute("visibility", "hidden");
    onBrush(brush);
  });

  return {
    show(points) {
      const counts = new Map();
      for (const p of points) if (p.event_date) counts.set(p.event_date, (counts.get(p.event_date) || 0) + 1);
      bars.replaceChildren();
      axis.replaceChildren();
      band.setAttribute("visibility", "hidden");
      brush = null;
      if (!counts.size) { scale = null; return; }
      const days = [...counts.keys()].map(dayOf);
      const first = Math.min(...days);
      const last = Math.max(...days) + DAY;
      const width = element.clientWidth || 800;
      svg.setAttribute("width", width);
      scale = { of: (ms) => ((ms - first) / (last - first)) * width, invert: (x) => first + (x / width) * (last - first) };
      const top = Math.max(...counts.values());
      const barWidth = Math.max(2, width / ((last - first) / DAY) - 1);
      for (const [day, n] of counts) {
        const h = ((HEIGHT - PAD) * n) / top;
        node("rect", { x: scale.of(dayOf(day)), y: HEIGHT - PAD - h, width: barWidth, height: h, class: "bar" }, bars)
          .appendChild(document.createElementNS(SVG, "title")).textContent = `${day}: ${n}`;
      }
      node("text", { x: 2, y: HEIGHT - 6 }, axis).textContent = isoOf(first);
      node("text", { x: width - 2, y: HEIGHT - 6, "text-anchor": "end" }, axis).textContent = isoOf(last - DAY);
      node("text", { x: width / 2, y: HEIGHT - 6, "text-anchor": "middle" }, axis).textContent =
        `${points.length} events, most ${top} a day — drag to select dates`;
    },
  };
}
