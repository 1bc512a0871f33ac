// npm run bench: the pin flow against raw fetch, then bundle sizes and cold import time, in one table.
import { benchPinFlow, startStandIn } from "./pin-flow.mjs";
import { measureImport, measureSizes } from "./size.mjs";

const rows = [];
const standIn = await startStandIn();
try {
  const { medians, ratio, floor, flows } = await benchPinFlow(standIn.url);
  const us = (ms) => `${(ms * 1000).toFixed(0)} µs`;
  rows.push(
    [`pin flow (create + check), median of ${flows}`, "", ""],
    ["  raw fetch", us(medians.rawFetch), "1.000×"],
    ["  bare openapi-fetch client", us(medians.openapiFetch), `${floor.toFixed(3)}×`],
    ["  plex-tv-auth helpers", us(medians.helpers), `${ratio.toFixed(3)}×  (target ≤ 1.05×)`],
  );
} finally {
  standIn.stop();
}
for (const { name, bytes, budget } of await measureSizes()) {
  rows.push([name, `${(bytes / 1024).toFixed(2)} KB`, budget ? `budget ${(budget / 1024).toFixed(0)} KB` : ""]);
}
const imports = await measureImport();
rows.push(
  [`cold import, median of ${imports.runs}`, "", ""],
  ["  node -e 0", `${imports.baselineMs.toFixed(1)} ms`, "1.000×"],
  ["  import('plex-tv-auth')", `${imports.importMs.toFixed(1)} ms`, `${imports.ratio.toFixed(3)}×  (target ≤ 1.3×)`],
);

const width = Math.max(...rows.map((r) => r[0].length));
console.log(`\nplex-tv-auth bench, Node ${process.versions.node}`);
for (const [name, value, note] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(10)}  ${note}`);
