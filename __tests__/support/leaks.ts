// Where a secret must never appear.

import { inspect } from "node:util";

/** Everything an error shows: message, toString, stack, inspect (with its causes), JSON, its cause as text. */
export const everything = (error: unknown) =>
  [
    String(error),
    (error as Error)?.stack,
    inspect(error, { depth: 5 }),
    JSON.stringify(error),
    String((error as Error)?.cause ?? ""),
  ].join("\n");
