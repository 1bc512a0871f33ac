// What server apps keep between requests, shared by their instances or not: cached answers, marks of finished
// sign-ins, spent tickets, sessions. One interface (an async get/set/delete with expiry, and set-if-absent), one
// in-memory implementation, and the rule every user of a store follows: a store that fails or hangs never fails
// the request, it is a miss.

/**
 * An async key-value store with expiry (Redis, say: plex-tv-auth/redis). Keys never hold a token (digests, random
 * ids), nor do values. A call that throws, or takes longer than its user's bound, is taken as a miss (get) or
 * skipped (the rest).
 */
export interface ExpiringStore {
  get(key: string): string | null | undefined | Promise<string | null | undefined>;
  /** Keep `value` for `ttlMs` (Redis: SET key value PX ttlMs). */
  set(key: string, value: string, ttlMs: number): void | Promise<void>;
  delete(key: string): void | Promise<void>;
  /**
   * Optional: keep `value` for `ttlMs` only if `key` holds nothing, in one step no other writer can split, and say
   * whether it did (Redis: SET key value NX PX ttlMs). Locks and once-only marks need it across machines.
   */
  add?(key: string, value: string, ttlMs: number): boolean | Promise<boolean>;
}

/** An LRU with expiry: a Map keeps insertion order, so the first key is the least recently used. */
export class MemoryLru<V> {
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();
  constructor(readonly maxEntries: number) {}

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.expiresAt <= Date.now()) return undefined;
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, ttlMs: number): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: Date.now() + ttlMs });
    if (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** A TypeError unless `maxEntries` is a positive whole number. */
export function checkMaxEntries(maxEntries: number, who: string): void {
  if (!(Number.isSafeInteger(maxEntries) && maxEntries > 0)) {
    throw new TypeError(`${who}: \`maxEntries\` must be a positive integer`);
  }
}

/** An ExpiringStore in this process's memory, at most `maxEntries` keys (least recently used go first). */
export function memoryExpiringStore(maxEntries = 10_000): Required<ExpiringStore> {
  checkMaxEntries(maxEntries, "memoryExpiringStore");
  const entries = new MemoryLru<string>(maxEntries);
  return {
    get: (key) => entries.get(key),
    set: (key, value, ttlMs) => entries.set(key, value, ttlMs),
    delete: (key) => entries.delete(key),
    add(key, value, ttlMs) {
      if (entries.get(key) !== undefined) return false;
      entries.set(key, value, ttlMs);
      return true;
    },
  };
}

/** A store call that threw, or took too long. */
export const FAILED = Symbol("failed");

/** The default bound of one store call: a store is a cache, not worth a request's wait. */
export const STORE_TIMEOUT_MS = 250;

/** `operation`'s result, or FAILED when it throws or takes longer than `ms` (its timer cleared either way). */
export async function bounded<T>(
  operation: () => T | Promise<T>,
  ms: number = STORE_TIMEOUT_MS,
): Promise<T | typeof FAILED> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      Promise.resolve().then(operation),
      new Promise<typeof FAILED>((resolve) => (timer = setTimeout(() => resolve(FAILED), ms))),
    ]);
  } catch {
    return FAILED;
  } finally {
    clearTimeout(timer);
  }
}

/** `operation`'s result, or undefined when it fails (bounded): for calls whose failure means "nothing there". */
export async function safely<T>(operation: () => T | Promise<T>, ms?: number): Promise<T | undefined> {
  const result = await bounded(operation, ms);
  return result === FAILED ? undefined : result;
}

/**
 * Marks `key` once: "marked" the first time, "seen" when it was marked already, "unknown" when the store could not
 * say (its caller decides: a ticket is then refused, a sign-in goes on rather than lock every user out). An `add`
 * answering Redis's own replies ("OK", null) is read as it means. Without `add`, two machines can race.
 */
export async function markOnce(
  store: ExpiringStore,
  key: string,
  ttlMs: number,
): Promise<"marked" | "seen" | "unknown"> {
  const ttl = Math.max(1, Math.ceil(ttlMs));
  if (store.add) {
    const added: unknown = await bounded(() => store.add!(key, "1", ttl));
    return added === true || added === "OK" ? "marked" : added === false || added === null ? "seen" : "unknown";
  }
  const held = await bounded(() => store.get(key));
  if (held === FAILED) return "unknown";
  if (typeof held === "string") return "seen";
  return (await bounded(() => store.set(key, "1", ttl))) === FAILED ? "unknown" : "marked";
}
