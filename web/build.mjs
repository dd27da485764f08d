// Builds the dashboard into ../sitrep/dashboard/static: app.js + app.css bundled by esbuild
// (Leaflet and topojson-client included), the Natural Earth countries from world-atlas, the page,
// and Swagger UI's files for an offline /docs. Run: npm ci && npm run build
import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";

const out = new URL("../sitrep/dashboard/static/", import.meta.url).pathname;
rmSync(out, { recursive: true, force: true });
mkdirSync(`${out}swagger`, { recursive: true });

await build({
  entryPoints: { app: "src/main.js" },
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  outdir: out,
  loader: { ".png": "file", ".svg": "file" },
  assetNames: "img/[name]",
  legalComments: "linked",
  logLevel: "warning",
});
copyFileSync("src/index.html", `${out}index.html`);
copyFileSync("src/favicon.svg", `${out}favicon.svg`);
copyFileSync("node_modules/world-atlas/countries-110m.json", `${out}countries-110m.json`);
for (const file of ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE"]) {
  copyFileSync(`node_modules/swagger-ui-dist/${file}`, `${out}swagger/${file}`);
}
