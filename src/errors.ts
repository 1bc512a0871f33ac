// Typed errors. None of them ever holds a token: messages are built from the operation, the status and
// Plex's own error text, and no request or header object is attached.

import type { components } from "../generated/plex-tv";

type PlexErrorBody = components["schemas"]["PlexErrors"];

export interface PlexTvErrorDetails {
  /** HTTP status of plex.tv's answer; absent when there was no answer. */
  status?: number;
  /** Plex's own error code from the body, such as 1020. */
  code?: number;
  /** Plex's own error message from the body. */
  plexMessage?: string;
  cause?: unknown;
}

/** Base class of every error this package throws about plex.tv. */
export class PlexTvError extends Error {
  override name = "PlexTvError";
  readonly status?: number;
  readonly code?: number;
  readonly plexMessage?: string;

  constructor(message: string, details: PlexTvErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    if (details.status !== undefined) this.status = details.status;
    if (details.code !== undefined) this.code = details.code;
    if (details.plexMessage !== undefined) this.plexMessage = details.plexMessage;
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
  readonly retryAfterMs?: number;

  constructor(message: string, details: PlexTvErrorDetails & { retryAfterMs?: number } = {}) {
    super(message, details);
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

/** The PIN is unknown, expired, or was created under another client identifier (404/1020), or its time ran out. */
export class PinExpiredError extends PlexTvError {
  override name = "PinExpiredError";
}

/** Parses `Retry-After`: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function firstPlexError(body: unknown): { code?: number; message?: string } {
  const errors = (body as PlexErrorBody | null)?.errors;
  const first = Array.isArray(errors) ? errors[0] : undefined;
  if (!first || typeof first !== "object") return {};
  return {
    ...(typeof first.code === "number" ? { code: first.code } : {}),
    ...(typeof first.message === "string" ? { message: first.message } : {}),
  };
}

/** The typed error for a non-2xx answer of `operation` (such as "GET /api/v2/user"). */
export function errorFromResponse(operation: string, response: Response, body: unknown): PlexTvError {
  const { code, message } = firstPlexError(body);
  const status = response.status;
  const text = `${operation} failed: ${status}${message ? ` ${message}` : response.statusText ? ` ${response.statusText}` : ""}${code !== undefined ? ` (code ${code})` : ""}`;
  const details = { status, ...(code !== undefined ? { code } : {}), ...(message ? { plexMessage: message } : {}) };
  if (status === 401) return new InvalidTokenError(text, details);
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get("Retry-After"));
    return new RateLimitedError(text, { ...details, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
  if (status === 404 && code === 1020) return new PinExpiredError(text, details);
  return new PlexTvError(text, details);
}
