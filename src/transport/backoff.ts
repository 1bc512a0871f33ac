// When to ask again after a failure that may pass: no answer (network error, timeout), 408, 429 or 5xx.

import { PlexTvError, PlexTvNetworkError, RateLimitedError } from "./errors";

export function isTransient(error: PlexTvError): boolean {
  const { status = 0 } = error;
  return error instanceof PlexTvNetworkError || status === 408 || status === 429 || status >= 500;
}

/**
 * The delay before the next try after `failures` transient failures in a row: `Retry-After` when plex.tv sent
 * one (capped at `maxBackoffMs`), else capped exponential backoff with equal jitter; never below `intervalMs`.
 */
export function backoffDelay(failures: number, error: unknown, intervalMs: number, maxBackoffMs: number): number {
  if (error instanceof RateLimitedError && error.retryAfterMs !== undefined) {
    return Math.max(intervalMs, Math.min(error.retryAfterMs, maxBackoffMs));
  }
  const ceiling = Math.min(maxBackoffMs, intervalMs * 2 ** failures);
  return Math.max(intervalMs, ceiling / 2 + Math.random() * (ceiling / 2));
}
