// What a token validator keeps, and where: an in-process LRU keyed by the token itself (it never leaves the
// process), and optionally a shared cache (Redis, say) keyed by a digest of the token, holding only an allowlist of
// the user's fields, never a token. A shared entry is believed only if it holds a user and names its own key.

import type { UserPlexAccount } from "../plex-tv/account";

/**
 * A cache shared by instances: an async get/set/delete (and `add`, set-if-absent, for one plex.tv call per token
 * across instances). Keys are digests of tokens, never tokens; values are JSON text. A call that throws or hangs
 * (past `cacheTimeoutMs`) is taken as a miss (get) or skipped (the rest): the check then asks plex.tv.
 */
export interface TokenValidationCache {
  get(key: string): string | null | undefined | Promise<string | null | undefined>;
  /** Keep `value` for `ttlMs` (Redis: SET key value PX ttlMs). */
  set(key: string, value: string, ttlMs: number): void | Promise<void>;
  delete(key: string): void | Promise<void>;
  /** Keep `value` for `ttlMs` only if `key` is absent (Redis: SET key value NX PX ttlMs); whether it was kept. */
  add?(key: string, value: string, ttlMs: number): boolean | Promise<boolean>;
}

/** The user's fields a validator keeps and answers: who they are and what they may do, no secret. */
export const CACHED_USER_FIELDS = [
  "id",
  "uuid",
  "username",
  "title",
  "email",
  "friendlyName",
  "thumb",
  "locale",
  "country",
  "confirmed",
  "hasPassword",
  "protected",
  "restricted",
  "restrictionProfile",
  "home",
  "guest",
  "homeAdmin",
  "homeSize",
  "subscription",
  "roles",
  "entitlements",
  "twoFactorEnabled",
  "joinedAt",
] as const satisfies readonly (keyof UserPlexAccount)[];

/** The user a validator answers: the allowlisted fields, and the token again (a secret) as `authToken`. */
export type ValidatedUser = Pick<UserPlexAccount, (typeof CACHED_USER_FIELDS)[number]> & { authToken: string };

/** The allowlisted fields of `user`, those it has. */
export function cachedUser(user: Partial<UserPlexAccount>): Omit<ValidatedUser, "authToken"> {
  const kept: Record<string, unknown> = {};
  for (const field of CACHED_USER_FIELDS) if (field in user) kept[field] = user[field];
  return kept as Omit<ValidatedUser, "authToken">;
}

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * How a token is named in the shared cache: SHA-256 of it, or HMAC-SHA-256 with the app's `secret`, so that one
 * who can write to the cache but lacks the secret cannot name an entry for a token of their own.
 */
export async function cacheKeyer(secret?: string | Uint8Array): Promise<(token: string) => Promise<string>> {
  const { subtle } = globalThis.crypto;
  if (secret === undefined) return async (token) => `plex-token:${hex(await subtle.digest("SHA-256", utf8(token)))}`;
  const raw = typeof secret === "string" ? utf8(secret) : new Uint8Array(secret);
  const key = await subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return async (token) => `plex-token:${hex(await subtle.sign("HMAC", key, utf8(token)))}`;
}

/** The shared cache's value for a user under `key`. */
export const encodeEntry = (key: string, user: Omit<ValidatedUser, "authToken">) => JSON.stringify({ key, user });

/** The user in a shared cache's value, or undefined unless it is one: a user (getUser's rule) under its own key. */
export function decodeEntry(key: string, value: unknown): Omit<ValidatedUser, "authToken"> | undefined {
  if (typeof value !== "string") return undefined;
  let entry: { key?: unknown; user?: { id?: unknown; uuid?: unknown } } | null;
  try {
    entry = JSON.parse(value);
  } catch {
    return undefined;
  }
  const user = entry?.user;
  if (entry?.key !== key || !user || typeof user !== "object") return undefined;
  if (typeof user.id !== "number" && typeof user.uuid !== "string") return undefined;
  return cachedUser(user as Partial<UserPlexAccount>);
}

/** An in-memory LRU with expiry: a Map keeps insertion order, so the first key is the least recently used. */
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

const checkMaxEntries = (maxEntries: number, who: string) => {
  if (!(Number.isSafeInteger(maxEntries) && maxEntries > 0)) {
    throw new TypeError(`${who}: \`maxEntries\` must be a positive integer`);
  }
};

/** A TokenValidationCache in this process's memory (bounded LRU, with `add`): for tests, or one instance. */
export function memoryValidationCache(maxEntries = 10_000): TokenValidationCache {
  checkMaxEntries(maxEntries, "memoryValidationCache");
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

export { checkMaxEntries };
