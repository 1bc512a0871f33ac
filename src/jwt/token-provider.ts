// A `token` for createPlexTvClient that keeps a Plex JWT fresh, without making requests wait or plex.tv suffer.

import type { PlexTvClient } from "../plex-tv/client";
import { RateLimitedError } from "../transport/errors";
import { refreshPlexJwt, type PlexJwtCredentials } from "./credentials";
import { decodeJwt } from "./jws";

export interface JwtTokenProviderOptions {
  /** Called with the new credentials after each refresh: store them. If it throws, the new token is still used. */
  onRefresh?: (credentials: PlexJwtCredentials) => void | Promise<void>;
  /** Told of every failed refresh (and of an onRefresh that threw); without it they pass silently. */
  onError?: (error: unknown) => void;
  /** Refresh when the token expires within this long. Default one day, and never more than half its lifetime. */
  refreshWithinMs?: number;
  /** After failed refreshes, the longest wait before the next try. Default one hour. */
  maxBackoffMs?: number;
}

/** A Plex JWT's lifetime in ms (exp - iat), when it says. */
function lifetimeMs(token: string): number | undefined {
  try {
    const { iat, exp } = decodeJwt(token).payload as { iat?: unknown; exp?: unknown };
    return typeof iat === "number" && typeof exp === "number" ? (exp - iat) * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Returns a function that yields the Plex JWT, refreshing it with `plex` (the client whose identifier the credentials
 * belong to, pointed at the plex.tv they came from).
 * - While the token is valid, it is returned at once; within the refresh window a refresh starts in the background.
 * - Only callers whose token has expired wait, all for the same refresh.
 * - After a failed refresh, no new one is tried before a backoff (plex.tv's Retry-After when it sent one); an expired
 *   token's callers get the last failure meanwhile.
 */
export function jwtTokenProvider(
  plex: PlexTvClient,
  credentials: PlexJwtCredentials,
  options: JwtTokenProviderOptions = {},
): () => Promise<string> {
  // Both checked: called as jwtTokenProvider(credentials, options), neither has a client identifier, and they agree.
  const identifier = plex?.identity?.clientIdentifier;
  if (typeof identifier !== "string" || identifier !== credentials?.clientIdentifier) {
    throw new TypeError("jwtTokenProvider: `plex` must be the client the credentials belong to");
  }
  const { onRefresh, onError, refreshWithinMs = 86_400_000, maxBackoffMs = 3_600_000 } = options;
  // Refresh within refreshWithinMs of expiry, never before half the token's lifetime (worked out once per token).
  const windowFor = (token: string) => Math.min(refreshWithinMs, (lifetimeMs(token) ?? Infinity) / 2);
  let current = credentials;
  let window = windowFor(current.token);
  let refreshing: Promise<void> | undefined;
  let failures = 0;
  let retryAt = 0;
  let lastFailure: unknown;

  const refresh = () =>
    (refreshing ??= refreshPlexJwt(plex, current)
      .then(
        async (next) => {
          current = next;
          window = windowFor(next.token);
          failures = 0;
          retryAt = 0;
          try {
            await onRefresh?.(next);
          } catch (error) {
            onError?.(error);
          }
        },
        (error: unknown) => {
          lastFailure = error;
          const retryAfterMs = error instanceof RateLimitedError ? error.retryAfterMs : undefined;
          retryAt = Date.now() + Math.min(maxBackoffMs, retryAfterMs ?? 1000 * 2 ** failures++);
          onError?.(error);
          throw error;
        },
      )
      .finally(() => (refreshing = undefined)));

  return async () => {
    const left = Date.parse(current.expiresAt) - Date.now();
    const mayTry = Date.now() >= retryAt;
    if (left > 0) {
      if (left <= window && mayTry) refresh().catch(() => {});
      return current.token;
    }
    if (!mayTry && !refreshing) throw lastFailure;
    await refresh();
    return current.token;
  };
}
