// When to ask again after a failure that may pass: a network error, a timeout, 408, 429 or 5xx.

import { PlexTvError, PlexTvNetworkError, RateLimitedError } from "./errors";

export function isTransient(error: unknown): error is PlexTvError {
  if (error instanceof PlexTvNetworkError || error instanceof RateLimitedError) return true;
  const status = error instanceof PlexTvError ? error.status : undefined;
  return status !== undefined && (status === 408 || status >= 500);
}

export interface BackoffOptions {
  /** The normal gap between requests; no delay is ever shorter. */
  intervalMs: number;
  /** The longest gap backoff grows to. */
  maxBackoffMs: number;
  random?: () => number;
}

/**
 * The delay before the next try after `failures` transient failures in a row: `Retry-After` when plex.tv sent
 * one, else capped exponential backoff with equal jitter; never below `intervalMs`.
 */
export function backoffDelay(failures: number, error: unknown, options: BackoffOptions): number {
  const { intervalMs, maxBackoffMs, random = Math.random } = options;
  if (error instanceof RateLimitedError && error.retryAfterMs !== undefined) {
    return Math.max(intervalMs, error.retryAfterMs);
  }
  const ceiling = Math.min(maxBackoffMs, intervalMs * 2 ** failures);
  return Math.max(intervalMs, ceiling / 2 + random() * (ceiling / 2));
}
