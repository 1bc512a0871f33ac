// The errors every client throws, whoever answers. None of them ever holds a token: messages are built from the
// operation, the status and Plex's own error text, and no request, header or body is attached.

export interface PlexTvErrorDetails {
  /** HTTP status of the answer; absent when there was none. */
  status?: number;
  /** Plex's own error code from the body, such as 1020. */
  code?: number;
  /** Plex's own error message from the body. */
  plexMessage?: string;
  /** For 429: the answer's `Retry-After`, in milliseconds, when it had one. */
  retryAfterMs?: number;
  cause?: unknown;
}

/** Base class of every error this package throws about plex.tv or a media server. */
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

/** No answer within the client's `timeoutMs`. */
export class PlexTvTimeoutError extends PlexTvNetworkError {
  override name = "PlexTvTimeoutError";
}

/** An answer that is not what the spec promises (XML, HTML, malformed, too large, a redirect). */
export class UnexpectedResponseError extends PlexTvError {
  override name = "UnexpectedResponseError";
}

/** 401, or a token no request can carry: the token is invalid. The only answer that means discard it. */
export class InvalidTokenError extends PlexTvError {
  override name = "InvalidTokenError";
}

/** 429: too many requests. `retryAfterMs` is the answer's `Retry-After`, when it had one. */
export class RateLimitedError extends PlexTvError {
  override name = "RateLimitedError";
  declare readonly retryAfterMs?: number;
}

export type PlexTvErrorClass = new (message: string, details: PlexTvErrorDetails) => PlexTvError;

/**
 * What an error answer means in one operation: the class for its status and Plex's code, or nothing for the usual
 * one (plex.tv's 401/1001 after a password is no invalid token; its 404/1020 on a PIN is an expired PIN).
 */
export type ErrorMeaning = (status: number, code: number | undefined) => PlexTvErrorClass | false | undefined;

/**
 * Parses `Retry-After`: delta-seconds, or an HTTP date, read against the answer's own `Date` header when it has one
 * (the server's clock, not this device's, which may be minutes or years off).
 */
export function parseRetryAfter(value: string | null, serverDate?: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  // An HTTP date names its day and month; "-5" or "1.5" is neither a date nor delay-seconds. It must be ahead.
  if (!/[a-z]/i.test(value)) return undefined;
  const ms = Date.parse(value) - (Date.parse(serverDate ?? "") || Date.now());
  return ms > 0 ? ms : undefined;
}

/** Plex's error body, `{"errors":[{"code":1020,"message":"…"}]}`, as far as an answer follows it. */
type PlexErrorBody = { errors?: { code?: unknown; message?: unknown }[] } | null | undefined;

/**
 * The typed error for a non-2xx answer of `operation` ("GET /api/v2/user"): what `meaning` says it is there, else
 * InvalidTokenError for 401, RateLimitedError for 429, PlexTvError for the rest. `token`, the one the request sent,
 * never appears in the message.
 */
export function errorFromResponse(
  operation: string,
  response: Response,
  body: unknown,
  meaning?: ErrorMeaning,
  token?: string | null,
): PlexTvError {
  // A server (or a proxy before it) may repeat the request's token in its error text: never in ours.
  const redact = (text: string) => (token ? text.split(token).join("[token]") : text);
  const first = (body as PlexErrorBody)?.errors?.[0];
  const code = typeof first?.code === "number" ? first.code : undefined;
  const plexMessage = typeof first?.message === "string" ? redact(first.message) : undefined;
  const { status, headers } = response;
  const statusText = redact(response.statusText);
  const message =
    `${operation} failed: ${status} ${plexMessage ?? statusText}`.trim() + (code ? ` (code ${code})` : "");
  return new (
    meaning?.(status, code) || (status === 401 ? InvalidTokenError : status === 429 ? RateLimitedError : PlexTvError)
  )(message, {
    status,
    code,
    plexMessage,
    retryAfterMs: status === 429 ? parseRetryAfter(headers.get("Retry-After"), headers.get("Date")) : undefined,
  });
}
