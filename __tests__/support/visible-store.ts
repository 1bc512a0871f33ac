// A shared cache for tests that shows what it holds: no expiry, its entries in `map`; with `add`, a set-if-absent.

import type { ExpiringStore } from "../../src/stores/expiring-store";

export function visibleStore({ add = false } = {}): ExpiringStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get: async (key) => map.get(key),
    set: async (key, value) => void map.set(key, value),
    delete: async (key) => void map.delete(key),
    ...(add ? { add: async (key: string, value: string) => !map.has(key) && (map.set(key, value), true) } : {}),
  };
}
