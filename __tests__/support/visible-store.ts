// A shared cache for tests that shows what it holds: no expiry, no set-if-absent, its entries in `map`.

import type { ExpiringStore } from "../../src/stores/expiring-store";

export function visibleStore(): ExpiringStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get: async (key) => map.get(key),
    set: async (key, value) => void map.set(key, value),
    delete: async (key) => void map.delete(key),
  };
}
