// For server apps that check a Plex token on every request (a request manager, a dashboard, a forward-auth gateway in
// front of a media app): validateToken behind two caches, so plex.tv sees one call per token per `ttlMs`.
// - In this process: an LRU keyed by the token, answering a cached check with no work but a Map lookup.
// - Optionally shared by instances (Redis): digest keys, allowlisted values, one plex.tv call per token across all
//   instances (a short lock; the others wait for its answer), and never a failure of its own: a cache that errors or
//   hangs is a miss, and plex.tv is asked.
// It never fails open: a shared entry counts only if it holds a user under its own key. "invalid" is kept briefly
// in this process (a junk token asked 50 times is one plex.tv call), "unknown" never. At most `maxConcurrentChecks`
// plex.tv calls run at once, the rest queue (bounded); after a 429, new checks are "unknown" for its Retry-After.

import { validateToken, type TokenValidation } from "../plex-tv/account";
import type { PlexTvClient } from "../plex-tv/client";
import { toPlexUser, type PlexUser } from "../plex-tv/plex-user";
import { bounded, checkMaxEntries, FAILED, type ExpiringStore } from "../stores/expiring-store";
import { RateLimitedError } from "../transport/errors";
import { optionError } from "../transport/options";
import { sleep } from "../transport/sleep";
import { checkQueue, ChecksOverloadedError } from "./check-queue";
import { sharedChecks, type CheckRun } from "./shared-checks";
import { cacheKeyer, decodeUser, encodeEntry } from "./validation-cache";

export { ChecksOverloadedError } from "./check-queue";

/** The user a validator answers: PLEX_USER_FIELDS of the account, and the token again (a secret) as `authToken`. */
export type ValidatedUser = PlexUser & { authToken: string };

export interface TokenValidatorOptions {
  /** How long a valid answer is trusted. Default 60 000 ms. */
  ttlMs?: number;
  /** How long an "invalid" answer is kept in this process. Default 10 000 ms. */
  invalidTtlMs?: number;
  /** How many tokens this process keeps (least recently used go first). Default 10 000. */
  maxEntries?: number;
  /** A store shared by instances (plex-tv-auth/redis): digest keys, allowlisted values, never a token. */
  cache?: ExpiringStore;
  /**
   * With a shared cache: how long this process keeps its own copy of a valid answer (a revoked token or a forget()
   * on another instance reaches this one within it). Default min(ttlMs, 5000); 0 keeps none.
   */
  memoryTtlMs?: number;
  /** Keys of the shared cache are HMAC-SHA-256 with this secret instead of SHA-256: set it when others can write there. */
  secret?: string | Uint8Array;
  /** How long one shared-cache call may take before it counts as failed. Default 250 ms. */
  cacheTimeoutMs?: number;
  /** How long an instance waits for another's plex.tv call on the same token (the lock's life). Default 10 000 ms. */
  lockTtlMs?: number;
  /** plex.tv calls at once; the rest wait. Default 16. */
  maxConcurrentChecks?: number;
  /** Checks that may wait for a place; past it a check is "unknown" at once. Default 1000. */
  maxQueuedChecks?: number;
}

/** A validator's answer: validateToken's, the user reduced to the allowlisted fields (PLEX_USER_FIELDS). */
export type CachedTokenValidation =
  { status: "valid"; user: ValidatedUser } | { status: "invalid" } | { status: "unknown"; cause: unknown };

export interface TokenValidator {
  /**
   * validateToken, cached: "valid" is kept for `ttlMs`; concurrent checks of one token share one plex.tv call;
   * "invalid" evicts the token from the shared cache at once; "unknown" (plex.tv down, a timeout, a full queue) is
   * never kept. A cached answer is the same object each time: do not change it.
   */
  validate(token: string, options?: { signal?: AbortSignal }): Promise<CachedTokenValidation>;
  /** Drops a token (after a sign-out, say), here and in the shared cache; a check in flight then keeps nothing. */
  forget(token: string): Promise<void>;
}

const who = "createTokenValidator";
const positive = (name: string, value: number, zero = false) => {
  if (!(value > 0 || (zero && value === 0)) || !Number.isFinite(value)) {
    throw optionError(name, zero ? "zero or more" : "positive", who);
  }
};

export function createTokenValidator(plex: PlexTvClient, options: TokenValidatorOptions = {}): TokenValidator {
  const {
    ttlMs = 60_000,
    invalidTtlMs = 10_000,
    maxEntries = 10_000,
    cache,
    secret,
    cacheTimeoutMs = 250,
    lockTtlMs = 10_000,
    maxConcurrentChecks = 16,
    maxQueuedChecks = 1000,
  } = options;
  const memoryTtlMs = options.memoryTtlMs ?? (cache ? Math.min(ttlMs, 5000) : ttlMs);
  positive("ttlMs", ttlMs);
  positive("invalidTtlMs", invalidTtlMs, true);
  positive("memoryTtlMs", memoryTtlMs, true);
  positive("cacheTimeoutMs", cacheTimeoutMs);
  positive("lockTtlMs", lockTtlMs);
  positive("maxConcurrentChecks", maxConcurrentChecks);
  positive("maxQueuedChecks", maxQueuedChecks, true);
  checkMaxEntries(maxEntries, who);

  // Answers in this process, by token (it never leaves the process): "valid" for memoryTtlMs, "invalid" for
  // invalidTtlMs, "unknown" never.
  const checks = sharedChecks<CachedTokenValidation>(maxEntries, ({ status }) =>
    status === "valid" ? memoryTtlMs : status === "invalid" ? invalidTtlMs : 0,
  );
  const queue = checkQueue(maxConcurrentChecks, maxQueuedChecks);
  const keyOf = cacheKeyer(secret, who);
  const shared = <T>(operation: (cache: ExpiringStore) => T | Promise<T>) =>
    cache ? bounded(() => operation(cache), cacheTimeoutMs) : Promise.resolve(FAILED);

  /** plex.tv's answer, through the queue; a 429 pauses it. */
  const ask = async (token: string): Promise<CachedTokenValidation> => {
    let result: TokenValidation;
    try {
      result = await queue.run(() => validateToken(plex, token));
    } catch (error) {
      // The queue is full, or paused after a 429: not asked, so not known.
      if (error instanceof ChecksOverloadedError || error instanceof RateLimitedError) {
        return { status: "unknown", cause: error };
      }
      throw error;
    }
    if (result.status === "unknown" && result.cause instanceof RateLimitedError) {
      queue.pause(result.cause.retryAfterMs ?? 1000, result.cause);
    }
    return result.status === "valid" ? valid(token, toPlexUser(result.user)) : result;
  };

  const valid = (token: string, user: PlexUser): CachedTokenValidation => ({
    status: "valid",
    user: { ...user, authToken: token },
  });

  /** Another instance's answer for `key`, waited for while its lock lives; undefined when none came. */
  const awaitOthers = async (key: string) => {
    const until = Date.now() + lockTtlMs;
    for (let wait = 10; Date.now() < until; wait = Math.min(wait * 2, 100)) {
      await sleep(wait);
      // The lock first, then the value: its holder keeps the answer before it lets the lock go.
      const lockGone = (await shared((c) => c.get(`${key}:lock`))) == null;
      const user = decodeUser(key, await shared((c) => c.get(key)));
      if (user) return user;
      // Gone without an answer (its holder found the token invalid, or unknown, or died): ask for ourselves. A read
      // that failed says nothing: keep waiting, while the lock would live.
      if (lockGone) return undefined;
    }
    return undefined;
  };

  const check = async (token: string, state: CheckRun): Promise<CachedTokenValidation> => {
    const key = await keyOf(token);
    const stored = await shared((c) => c.get(key));
    const user = decodeUser(key, stored);
    if (user) return valid(token, user);
    // Anything else there (a corrupt or foreign value, "null", "{}") is no user: dropped, and plex.tv asked.
    if (stored != null && stored !== FAILED) await shared((c) => c.delete(key));

    // One plex.tv call per token across instances: the one that takes the lock asks; the others wait for it.
    const lock = `${key}:lock`;
    const locked = cache?.add ? await shared((c) => c.add!(lock, "1", lockTtlMs)) : undefined;
    // A lock held elsewhere: wait for its answer. No lock to be had (no `add`, or the cache failed): ask ourselves.
    if (locked === false) {
      const theirs = await awaitOthers(key);
      if (theirs) return valid(token, theirs);
    } else if (locked === true) {
      // Another instance may have answered between our read and our lock.
      const theirs = decodeUser(key, await shared((c) => c.get(key)));
      if (theirs) {
        await shared((c) => c.delete(lock));
        return valid(token, theirs);
      }
    }
    try {
      const result = await ask(token);
      if (!state.forgotten) {
        if (result.status === "valid")
          await shared((c) => c.set(key, encodeEntry(key, { user: toPlexUser(result.user) }), ttlMs));
        if (result.status === "invalid") await shared((c) => c.delete(key));
      }
      return result;
    } finally {
      if (locked === true) await shared((c) => c.delete(lock));
    }
  };

  return {
    validate(token, { signal } = {}) {
      if (typeof token !== "string" || token === "") {
        return Promise.reject(new TypeError("TokenValidator.validate: `token` must be a non-empty string"));
      }
      return checks.run(token, (run) => check(token, run), signal);
    },
    async forget(token) {
      checks.forget(token);
      const key = await keyOf(token);
      await shared((c) => c.delete(key));
    },
  };
}
