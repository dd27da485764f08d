// The few API calls the dashboard makes. Filter values travel as query parameters.

export function queryString(filters) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== "" && value != null) params.set(key, value);
  }
  return params.toString();
}

async function getJson(path) {
  const response = await fetch(path, { headers: { accept: "application/json" } });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(`${response.status}: ${body.detail || response.statusText}`);
  }
  return response.json();
}

export async function fetchPoints(filters) {
  const query = queryString(filters);
  const table = await getJson(query ? `/points?${query}` : "/points"); // bare /points is preloaded by the page
  const rows = table.rows.map((row) => Object.fromEntries(table.columns.map((name, i) => [name, row[i]])));
  return { truncated: table.truncated, items: rows };
}
export const fetchStats = () => getJson("/stats?top=200");
export const fetchEvent = (id) => getJson(`/events/${encodeURIComponent(id)}`);
export const fetchDocument = (id) => getJson(`/documents/${id.split("/").map(encodeURIComponent).join("/")}`);
