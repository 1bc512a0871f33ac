// The X-Plex-Client-Identifier must be created once and reused. A new one per run adds a new entry to the user's
// "Authorized Devices" on every sign-in, and a PIN can only be checked with the identifier that created it.

import type { KeyValueStore } from "./key-value";

export const CLIENT_IDENTIFIER_KEY = "clientIdentifier";

/**
 * Returns the stored client identifier, or creates a random UUID, stores it and returns it. When several processes
 * start together on an empty store, they end with one identifier: the store's `setIfAbsent` when it has one, else
 * the value read back after writing.
 */
export async function loadOrCreateClientIdentifier(
  store: KeyValueStore,
  key: string = CLIENT_IDENTIFIER_KEY,
): Promise<string> {
  const usable = (value: unknown): value is string => typeof value === "string" && value.trim() !== "";
  const stored = await store.get(key);
  if (usable(stored)) return stored;
  const created = globalThis.crypto.randomUUID();
  if (store.setIfAbsent) return store.setIfAbsent(key, created);
  await store.set(key, created);
  const adopted = await store.get(key);
  return usable(adopted) ? adopted : created;
}
