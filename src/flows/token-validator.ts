// For server apps that check a Plex token on every request: validateToken behind a cache, so plex.tv sees one call
// per token per `ttlMs`, not one per request.

import { validateToken, type TokenValidation, type UserPlexAccount } from "../plex-tv/account";
import type { PlexTvClient } from "../plex-tv/client";
import { untilAborted } from "../transport/until-aborted";

/**
 * Where valid answers are kept: an async get/set/delete, so apps on several machines can share one (Redis, say).
 * Keys are SHA-256 digests of tokens, never tokens; values are JSON text of the user without its `authToken`. A call
 * that throws is taken as a miss (get) or skipped (set, delete): the check then asks plex.tv.
 */
export interface TokenValidationCache {
  get(key: string): string | null | undefined | Promise<string | null | undefined>;
  /** Keep `value` for `ttlMs` (Redis: SET key value PX ttlMs). */
  set(key: string, value: string, ttlMs: number): void | Promise<void>;
  delete(key: string): void | Promise<void>;
}

export interface TokenValidatorOptions {
  /** How long a valid answer is trusted. Default 60 000 ms. */
  ttlMs?: number;
  /** Bound of the built-in in-memory cache (least recently used go first). Default 10 000 tokens. */
  maxEntries?: number;
  /** A shared cache instead of the built-in one (maxEntries then does not apply). */
  cache?: TokenValidationCache;
}

export interface TokenValidator {
  /**
   * validateToken, cached: "valid" is kept for `ttlMs`; concurrent checks of one token share one plex.tv call;
   * "invalid" evicts the token at once; "unknown" (plex.tv down, a timeout) is never kept.
   */
  validate(token: string, options?: { signal?: AbortSignal }): Promise<TokenValidation>;
  /** Drops a token from the cache (after a sign-out, say). */
  forget(token: string): Promise<void>;
}

/** An in-memory LRU with expiry: a Map keeps insertion order, so the first key is the least recently used. */
export function memoryValidationCache(maxEntries = 10_000): TokenValidationCache {
  if (!(Number.isSafeInteger(maxEntries) && maxEntries > 0)) {
    throw new TypeError("memoryValidationCache: `maxEntries` must be a positive integer");
  }
  const entries = new Map<string, { value: string; expiresAt: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (entry.expiresAt <= Date.now()) return undefined;
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value, ttlMs) {
      entries.delete(key);
      entries.set(key, { value, expiresAt: Date.now() + ttlMs });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    delete: (key) => void entries.delete(key),
  };
}

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");

/** The cache key of a token: its SHA-256, so a shared cache never holds a token. */
const keyOf = async (token: string) =>
  `plex-token:${hex(await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(token)))}`;

export function createTokenValidator(plex: PlexTvClient, options: TokenValidatorOptions = {}): TokenValidator {
  const { ttlMs = 60_000, maxEntries = 10_000 } = options;
  if (!(ttlMs > 0)) throw new TypeError("createTokenValidator: `ttlMs` must be positive");
  const cache = options.cache ?? memoryValidationCache(maxEntries);
  const inFlight = new Map<string, Promise<TokenValidation>>();

  // A shared cache that fails (Redis down) must not fail sign-ins: a failed read is a miss, a failed write is skipped.
  const safely = async <T>(operation: () => T | Promise<T>): Promise<T | undefined> => {
    try {
      return await operation();
    } catch {
      return undefined;
    }
  };

  const check = async (token: string, key: string): Promise<TokenValidation> => {
    const cached = await safely(() => cache.get(key));
    if (typeof cached === "string") {
      try {
        return { status: "valid", user: { ...(JSON.parse(cached) as UserPlexAccount), authToken: token } };
      } catch {
        await safely(() => cache.delete(key)); // a corrupt entry: ask plex.tv
      }
    }
    const result = await validateToken(plex, token);
    if (result.status === "valid") {
      const { authToken: _secret, ...user } = result.user;
      await safely(() => cache.set(key, JSON.stringify(user), ttlMs));
    } else if (result.status === "invalid") {
      await safely(() => cache.delete(key));
    }
    return result;
  };

  return {
    async validate(token, { signal } = {}) {
      if (typeof token !== "string" || token === "") {
        throw new TypeError("TokenValidator.validate: `token` must be a non-empty string");
      }
      signal?.throwIfAborted();
      const key = await keyOf(token);
      let pending = inFlight.get(key);
      if (!pending) {
        pending = check(token, key).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      // A caller that gives up (its signal may have fired while the key was hashed) leaves the shared check running.
      return untilAborted(pending, signal);
    },
    async forget(token) {
      await cache.delete(await keyOf(token));
    },
  };
}
