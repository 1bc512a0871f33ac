// The X-Plex-Client-Identifier must be created once and reused. A new one per run adds a new entry to the user's
// "Authorized Devices" on every sign-in, and a PIN can only be checked with the identifier that created it.

import type { KeyValueStore } from "./stores";

export const CLIENT_IDENTIFIER_KEY = "clientIdentifier";

/** Returns the stored client identifier, or creates a random UUID, stores it and returns it. */
export async function loadOrCreateClientIdentifier(
  store: KeyValueStore,
  key: string = CLIENT_IDENTIFIER_KEY,
): Promise<string> {
  const stored = await store.get(key);
  if (typeof stored === "string" && stored.trim() !== "") return stored;
  const created = globalThis.crypto.randomUUID();
  await store.set(key, created);
  return created;
}
