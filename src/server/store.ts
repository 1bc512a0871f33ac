// Where the server side keeps what must outlive one request: cached access answers, marks of finished sign-ins and
// spent tickets. In memory by default; an app on several machines passes one they share (Redis, say).

/**
 * An async key-value store with expiry. Keys never hold a token (SHA-256 digests, random ids), and values never hold
 * one either. A call that throws is taken as a miss (get) or skipped (set, delete).
 */
export interface ExpiringStore {
  get(key: string): string | null | undefined | Promise<string | null | undefined>;
  /** Keep `value` for `ttlMs` (Redis: SET key value PX ttlMs). */
  set(key: string, value: string, ttlMs: number): void | Promise<void>;
  delete(key: string): void | Promise<void>;
  /**
   * Optional: stores `value` only if `key` holds nothing, in one step no other writer can split, and says whether it
   * did (Redis: SET key value PX ttlMs NX). Without it, a mark is read then written, which two machines can race.
   */
  add?(key: string, value: string, ttlMs: number): boolean | Promise<boolean>;
}

/** An in-memory store with expiry, at most `maxEntries` keys (least recently used go first). */
export function memoryStore(maxEntries = 10_000): Required<ExpiringStore> {
  if (!(Number.isSafeInteger(maxEntries) && maxEntries > 0)) {
    throw new TypeError("memoryStore: `maxEntries` must be a positive integer");
  }
  // A Map keeps insertion order: the first key is the least recently used.
  const entries = new Map<string, { value: string; expiresAt: number }>();
  const live = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    entries.delete(key);
    if (entry.expiresAt <= Date.now()) return undefined;
    entries.set(key, entry);
    return entry;
  };
  const set = (key: string, value: string, ttlMs: number) => {
    entries.delete(key);
    entries.set(key, { value, expiresAt: Date.now() + ttlMs });
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  };
  return {
    get: (key) => live(key)?.value,
    set,
    delete: (key) => void entries.delete(key),
    add(key, value, ttlMs) {
      if (live(key)) return false;
      set(key, value, ttlMs);
      return true;
    },
  };
}

/** `operation`'s result, or undefined when it throws: a store that fails (Redis down) must not fail a sign-in. */
export async function safely<T>(operation: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await operation();
  } catch {
    return undefined;
  }
}

/**
 * Marks `key` once: true the first time, false when it was marked already. A store that fails to answer counts as
 * "not marked", so a Redis outage does not lock every user out.
 */
export async function markOnce(store: ExpiringStore, key: string, ttlMs: number): Promise<boolean> {
  const ttl = Math.max(1, Math.ceil(ttlMs));
  if (store.add) return (await safely(() => store.add!(key, "1", ttl))) ?? true;
  if (typeof (await safely(() => store.get(key))) === "string") return false;
  await safely(() => store.set(key, "1", ttl));
  return true;
}
