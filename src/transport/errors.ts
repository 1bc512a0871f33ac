// Typed errors. None of them ever holds a token: messages are built from the operation, the status and
// Plex's own error text, and no request or header object is attached.

import type { components } from "../../generated/plex-tv";

export interface PlexTvErrorDetails {
  /** HTTP status of plex.tv's answer; absent when there was no answer. */
  status?: number;
  /** Plex's own error code from the body, such as 1020. */
  code?: number;
  /** Plex's own error message from the body. */
  plexMessage?: string;
  /** For 429: plex.tv's `Retry-After`, in milliseconds, when it sent one. */
  retryAfterMs?: number;
  cause?: unknown;
}

/** Base class of every error this package throws about plex.tv. */
export class PlexTvError extends Error {
  override name = "PlexTvError";
  declare readonly status?: number;
  declare readonly code?: number;
  declare readonly plexMessage?: string;

  constructor(message: string, { cause, ...details }: PlexTvErrorDetails = {}) {
    super(message, cause === undefined ? undefined : { cause });
    // Only the details that are known, so inspect() and JSON show no empty fields.
    for (const key in details) {
      const value = details[key as keyof typeof details];
      if (value !== undefined) (this as Record<string, unknown>)[key] = value;
    }
  }
}

/** No answer: connection refused or reset, DNS failure, or no answer within the timeout. Worth retrying. */
export class PlexTvNetworkError extends PlexTvError {
  override name = "PlexTvNetworkError";
}

/** plex.tv did not answer within the client's `timeoutMs`. */
export class PlexTvTimeoutError extends PlexTvNetworkError {
  override name = "PlexTvTimeoutError";
}

/** A 2xx answer whose body is not the JSON the spec promises (XML, HTML, truncated or malformed JSON). */
export class UnexpectedResponseError extends PlexTvError {
  override name = "UnexpectedResponseError";
}

/** 401: the token is invalid. The only answer that means a token should be discarded. */
export class InvalidTokenError extends PlexTvError {
  override name = "InvalidTokenError";
}

/** 429: too many requests. `retryAfterMs` is plex.tv's `Retry-After`, when it sent one. */
export class RateLimitedError extends PlexTvError {
  override name = "RateLimitedError";
  declare readonly retryAfterMs?: number;
}

/** The PIN is unknown, expired, or was created under another client identifier (404/1020), or its time ran out. */
export class PinExpiredError extends PlexTvError {
  override name = "PinExpiredError";
}

/**
 * Parses `Retry-After`: delta-seconds, or an HTTP date, read against the answer's own `Date` header when it has one
 * (plex.tv's clock, not this device's, which may be minutes or years off).
 */
export function parseRetryAfter(value: string | null, serverDate?: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  // An HTTP date names its day and month; "-5" or "1.5" is neither a date nor delay-seconds. It must be ahead.
  if (!/[a-z]/i.test(value)) return undefined;
  const ms = Date.parse(value) - (Date.parse(serverDate ?? "") || Date.now());
  return ms > 0 ? ms : undefined;
}

/** The typed error for a non-2xx answer of `operation` (such as "GET /api/v2/user"). */
export function errorFromResponse(operation: string, response: Response, body: unknown): PlexTvError {
  const first = (body as Partial<components["schemas"]["PlexErrors"]> | null)?.errors?.[0];
  const code = typeof first?.code === "number" ? first.code : undefined;
  const plexMessage = typeof first?.message === "string" ? first.message : undefined;
  const { status, statusText, headers } = response;
  const message =
    `${operation} failed: ${status} ${plexMessage ?? statusText}`.trim() + (code ? ` (code ${code})` : "");
  const details = { status, code, plexMessage };
  if (status === 401) return new InvalidTokenError(message, details);
  if (status === 429) {
    return new RateLimitedError(message, {
      ...details,
      retryAfterMs: parseRetryAfter(headers.get("Retry-After"), headers.get("Date")),
    });
  }
  return new (status === 404 && code === 1020 ? PinExpiredError : PlexTvError)(message, details);
}
