#!/usr/bin/env node
// Fails when a browser bundle outgrows its budget (min+gzip, openapi-fetch included). Needs dist/ (npm run build).
import { measureSizes } from "../bench/size.mjs";

let over = 0;
for (const { name, bytes, budget } of await measureSizes()) {
  const ok = bytes <= budget;
  if (!ok) over++;
  console.log(`${ok ? "ok  " : "OVER"} ${name}: ${bytes} B (budget ${budget} B)`);
}
process.exit(over ? 1 : 0);
