// The X-Plex-Client-Identifier must be created once and reused. A new one per run adds a new entry to the user's
// "Authorized Devices" on every sign-in, and a PIN can only be checked with the identifier that created it.

import type { KeyValueStore } from "./key-value";

export const CLIENT_IDENTIFIER_KEY = "clientIdentifier";

/**
 * A random (version 4) UUID. `crypto.randomUUID` exists only in secure contexts (https, localhost): on a plain-http
 * LAN page (http://192.168.1.20:5055) it is missing, and the UUID is built from `crypto.getRandomValues`, which
 * exists everywhere.
 */
export function randomUuid(): string {
  const { crypto } = globalThis;
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

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
  const created = randomUuid();
  if (store.setIfAbsent) return store.setIfAbsent(key, created);
  await store.set(key, created);
  const adopted = await store.get(key);
  return usable(adopted) ? adopted : created;
}
