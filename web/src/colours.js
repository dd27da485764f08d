// One colour per ACLED event type, shared by the map, its legend and the table.

export const TYPE_COLOURS = {
  "Battles": "#d62728",
  "Explosions/Remote violence": "#ff7f0e",
  "Violence against civilians": "#9467bd",
  "Protests": "#2ca02c",
  "Riots": "#8c564b",
  "Strategic developments": "#1f77b4",
};

export const colourOf = (type) => TYPE_COLOURS[type] || "#555";
