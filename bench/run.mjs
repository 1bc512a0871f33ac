// npm run bench: both flows five ways, then bundle sizes and cold import time, in one table from one run; then which
// connection a server's race keeps, beside python-plexapi's two rules, in a table of its own.
import { cpus } from "node:os";
import { benchConnections, connectionTable } from "./connections.mjs";
import { benchFlows, startStandIn, withDeadline } from "./flows.mjs";
import { measureImport, measureSizes } from "./size.mjs";
import { benchCachedCheck, benchValidatorMemory } from "./validator-cached.mjs";

const rows = [];
const standIn = await startStandIn();
try {
  const { results, rounds } = await benchFlows(standIn.url, standIn.token);
  for (const [flow, medians] of Object.entries(results)) {
    const raw = medians["raw fetch"];
    const floor = medians["bare openapi-fetch client"];
    rows.push([`${flow}, median of ${rounds}`, "", ""]);
    for (const [name, us] of Object.entries(medians)) {
      const note =
        name === "plex-tv-auth"
          ? `  ${(us / floor).toFixed(3)}× bare openapi-fetch (target ≤ 1.03×), ${(us / medians[withDeadline]).toFixed(3)}× with a deadline`
          : "";
      rows.push([`  ${name}`, `${us.toFixed(0)} µs`, `${(us / raw).toFixed(3)}×${note}`]);
    }
  }
} finally {
  standIn.stop();
}
const cached = await benchCachedCheck();
const memory = await benchValidatorMemory();
rows.push(
  ["a token validator's cached check, median", "", ""],
  ["  floor: Map lookup by sync SHA-256", `${cached.floorNs.toFixed(0)} ns`, "1.000×"],
  [
    "  createTokenValidator().validate",
    `${cached.oursNs.toFixed(0)} ns`,
    `${(cached.oursNs / cached.floorNs).toFixed(3)}×  (target ≤ 2×)`,
  ],
  [
    `  heap growth, ${memory.distinct} distinct tokens${memory.gc ? " (after GC)" : ""}`,
    `${(memory.growthBytes.at(-1) / 1e6).toFixed(1)} MB`,
    `at 25/50/75%: ${memory.growthBytes
      .slice(0, 3)
      .map((b) => (b / 1e6).toFixed(1))
      .join(" / ")} MB (bounded by maxEntries)`,
  ],
);
for (const { name, bytes, budget } of await measureSizes()) {
  rows.push([name, `${bytes} B`, budget ? `budget ${budget} B` : ""]);
}
const imports = await measureImport();
rows.push(
  [`cold import, median of ${imports.runs}`, "", ""],
  ["  node -e 0", `${imports.baselineMs.toFixed(1)} ms`, "1.000×"],
  ["  import('plex-tv-auth')", `${imports.importMs.toFixed(1)} ms`, `${imports.ratio.toFixed(3)}×  (target ≤ 1.15×)`],
);
const connections = connectionTable(await benchConnections());

const width = Math.max(...rows.map((r) => r[0].length));
console.log(
  `\nplex-tv-auth bench, Node ${process.versions.node}, ${cpus()[0]?.model ?? "?"} × ${cpus().length}, ${new Date().toISOString().slice(0, 10)}`,
);
console.log("ratios: to raw fetch (1.000×) in the same run");
for (const [name, value, note] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(10)}  ${note}`);
console.log("");
for (const line of connections) console.log(line);
