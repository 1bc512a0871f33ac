// The fetch under every client (plex.tv's, a media server's): the transport rules in one place. It knows no spec:
// the client that creates it says which operations are tokenless and who answers.
// - `Accept: application/json`, exactly (anything else gets XML), whatever a caller's own headers say.
// - The token in the X-Plex-Token header, never in a URL, and never on the operations the client's spec marks
//   tokenless. A token no header can carry (a line break, a NUL) can never be valid: InvalidTokenError, unsent.
// - A request, body included, ends within `timeoutMs`; the caller's own abort keeps its reason.
// - A failure without an answer becomes a PlexTvNetworkError (PlexTvTimeoutError for the deadline).
// - Redirects are never followed: one could carry the X-Plex-Token header to another origin. A 3xx is an
//   UnexpectedResponseError.
// - A body is read at most `maxBodyBytes` long (Content-Length first, then as it arrives): a hostile device
//   streaming without end costs a bounded buffer, then an UnexpectedResponseError.
// - A 2xx that is not JSON (XML, a proxy's HTML page) is an UnexpectedResponseError, its body dropped unread; so is
//   malformed JSON, whatever the framing. Neither message nor cause quotes the body.
// - The server's clock is noted from every answer's `Date`, when the client keeps one.
// The body is read whole inside the deadline, so the timer and the abort listener are gone before the caller
// sees the answer: nothing outlives a request.

import { readBoundedText } from "./body";
import { noteDate, type NotedClock } from "./clock";
import {
  InvalidTokenError,
  PlexTvError,
  PlexTvNetworkError,
  PlexTvTimeoutError,
  UnexpectedResponseError,
} from "./errors";

/** fetch, or anything that takes the same (Request, init) arguments and honours `init.signal` and `init.redirect`. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** A token, or a function that yields one (sync or async), or nothing. */
export type TokenSource = string | (() => string | null | undefined | Promise<string | null | undefined>);

export interface TransportOptions {
  /** Default: globalThis.fetch, looked up per request (so a polyfill installed later is used). */
  fetch?: FetchLike | undefined;
  /** How long one request may take, body included; without one, the caller's signal alone bounds it. */
  timeoutMs?: number | undefined;
  /** The most bytes an answer's body may have. */
  maxBodyBytes: number;
  token?: TokenSource | undefined;
  /** Matches "METHOD /path" of the operations that must never carry a token. */
  tokenless: RegExp;
  /** The client's base URL, without a trailing slash: what precedes an operation's path in a request's URL. */
  baseUrl: string;
  /** Who answers, for messages ("plex.tv", "the server at https://…"). */
  peer: string;
  /** Noted from every answer's `Date`. */
  clock?: NotedClock | undefined;
}

/**
 * Sends a request under the rules. `operation` names it ("GET /api/v2/pins/{pinID}"; without one, its method and
 * path); `token` is this request's own, instead of the client's.
 */
export type Transport = (request: Request, operation?: string, token?: TokenSource) => Promise<Response>;

/** What a header can carry as it is: visible ASCII. A token with anything else can never be valid. */
const sendable = /^[!-~]+$/;

/**
 * Sets the rules' request headers: `Accept: application/json`, and `X-Plex-Token` from `token` unless the request
 * carries its own or `tokenless` matches `operation`. The one place they are set, for the transport and for
 * plexHeaders. A token no header can carry is an InvalidTokenError naming the header, never the value.
 */
export async function setPlexHeaders(
  headers: Headers,
  operation: string,
  token: TokenSource | undefined,
  tokenless: RegExp,
): Promise<void> {
  headers.set("Accept", "application/json");
  if (token === undefined || headers.has("X-Plex-Token") || tokenless.test(operation)) return;
  const value = typeof token === "function" ? await token() : token;
  if (!value) return;
  if (typeof value !== "string" || !sendable.test(value)) {
    throw new InvalidTokenError(`${operation}: the token holds characters no X-Plex-Token header can carry`);
  }
  headers.set("X-Plex-Token", value);
}

/** application/json, application/…+json, or text/json (some proxies and older answers). */
const json = /^(?:application\/(?:[\w.+-]+\+)?|text\/)json\b/i;

export function createTransport(options: TransportOptions): Transport {
  const { fetch, timeoutMs, maxBodyBytes, tokenless, baseUrl, peer, clock } = options;
  return async (request, operation, token = options.token) => {
    const outer = request.signal;
    // How messages name a request: its operation, or its method and path (never its query, which may hold a device
    // JWT).
    const where = operation ?? `${request.method} ${request.url.slice(baseUrl.length).split("?")[0]}`;
    await setPlexHeaders(request.headers, where, token, tokenless);
    // Checked after the token is in, too: an abort meanwhile must not let the request go.
    outer.throwIfAborted();

    const controller = new AbortController();
    const onAbort = () => controller.abort(outer.reason);
    outer.addEventListener("abort", onAbort);
    const timer =
      timeoutMs &&
      setTimeout(
        () => controller.abort(new PlexTvTimeoutError(`${where}: no answer from ${peer} within ${timeoutMs} ms`)),
        timeoutMs,
      );
    try {
      const response = await (fetch ?? globalThis.fetch)(request, { signal: controller.signal, redirect: "manual" });
      if (clock) noteDate(clock, response);
      const { status, ok, body } = response;
      const redirected = response.type === "opaqueredirect" || (status > 299 && status < 400);
      const isJson = !redirected && json.test(response.headers.get("Content-Type")!);
      const unexpected = (problem: string) =>
        new UnexpectedResponseError(`${where}: ${peer} answered ${problem}`, { status });
      // Bodies nobody needs (a redirect's, an XML answer, a proxy's page) are dropped unread: they can be large.
      const text = isJson ? await readBoundedText(response, maxBodyBytes) : "";
      if (text === undefined) throw unexpected(`more than ${maxBodyBytes} bytes`);
      if (!isJson) await body?.cancel();
      let data: unknown;
      let problem = redirected ? `a redirect (${status}), not followed` : "";
      if (ok && !isJson && body && response.headers.get("Content-Length") !== "0")
        problem ||= "something other than JSON";
      // An error's body is parsed too, so `response.json()` serves it; only a 2xx must be well-formed.
      if (text) {
        try {
          data = JSON.parse(text);
        } catch {
          if (ok) problem = "malformed JSON";
        }
      }
      if (problem) throw unexpected(problem);
      // openapi-fetch reads the answer again: serve it what was read.
      return Object.assign(response, { text: async () => text, json: async () => data });
    } catch (error) {
      // Aborted by the caller (the listener passed on its reason) or by the deadline.
      if (controller.signal.aborted) throw controller.signal.reason;
      if (error instanceof PlexTvError) throw error;
      throw new PlexTvNetworkError(`${where}: no answer from ${peer}`, { cause: error });
    } finally {
      clearTimeout(timer);
      outer.removeEventListener("abort", onAbort);
    }
  };
}
