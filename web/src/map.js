// The map: Natural Earth countries (world-atlas, bundled) as the base layer, no tiles, no network;
// one circle per event, sized by fatalities and coloured by type.
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { feature } from "topojson-client";
import { TYPE_COLOURS, colourOf } from "./colours.js";

const SVG_LIMIT = 2000; // above this many markers, draw on one canvas

export function radiusOf(fatalities) {
  return Math.min(24, 4 + 2.5 * Math.sqrt(fatalities || 0));
}

// Natural Earth 1:110m countries from the world-atlas package, copied beside the bundle by build.mjs.
export const COUNTRIES_URL = "/static/countries-110m.json";

export async function addCountries(map) {
  const world = await (await fetch(COUNTRIES_URL)).json();
  L.geoJSON(feature(world, world.objects.countries), {
    style: { color: "#9aa5b1", weight: 0.6, fillColor: "#eef1f4", fillOpacity: 1 },
    interactive: false,
  }).addTo(map).bringToBack();
}

export function createMap(element, onSelect) {
  const map = L.map(element, { worldCopyJump: true, minZoom: 1, attributionControl: true }).setView([20, 20], 2);
  map.attributionControl.setPrefix(false).addAttribution("Countries: Natural Earth");
  const countries = addCountries(map);
  addLegend(map);
  const layer = L.featureGroup()
    .bindTooltip((marker) => label(marker.options.point))
    .on("click", (e) => onSelect(e.layer.options.point.event_id))
    .addTo(map);
  const renderers = { svg: L.svg(), canvas: L.canvas({ padding: 0.2 }) };
  return {
    ready: countries,
    show(points) {
      layer.clearLayers();
      const renderer = points.length > SVG_LIMIT ? renderers.canvas : renderers.svg;
      for (const p of points) {
        if (p.latitude == null || p.longitude == null) continue;
        L.circleMarker([p.latitude, p.longitude], {
          renderer, radius: radiusOf(p.fatalities), color: "#222", weight: 0.7,
          fillColor: colourOf(p.event_type), fillOpacity: 0.75, className: "marker", point: p,
        }).addTo(layer);
      }
    },
    fit(points) {
      const placed = points.filter((p) => p.latitude != null && p.longitude != null);
      if (placed.length) map.fitBounds(placed.map((p) => [p.latitude, p.longitude]), { maxZoom: 6, padding: [20, 20], animate: false });
    },
  };
}

const label = (p) => `${p.event_date || "undated"} · ${p.event_type} · ${p.location || p.country || ""}`;

function addLegend(map) {
  const legend = L.control({ position: "bottomleft" });
  legend.onAdd = () => {
    const box = L.DomUtil.create("div", "legend");
    for (const [type, colour] of Object.entries(TYPE_COLOURS)) {
      const row = L.DomUtil.create("div", "", box);
      L.DomUtil.create("span", "swatch", row).style.background = colour;
      row.append(type);
    }
    return box;
  };
  legend.addTo(map);
}
