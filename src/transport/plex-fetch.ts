// The fetch under every client (plex.tv's and a media server's): the transport rules in one place.
// - `Accept: application/json`, exactly (anything else gets XML), whatever a caller's own headers say.
// - The user's token in the X-Plex-Token header, never on the operations plex.tv's spec marks tokenless (the media
//   server client applies its own spec's rule before this one).
// - A request, body included, ends within `timeoutMs`; the caller's own abort keeps its reason.
// - A failure without an answer becomes a PlexTvNetworkError (PlexTvTimeoutError for the deadline).
// - Redirects are never followed: plex.tv does not redirect API calls, and one that did could carry the
//   X-Plex-Token header to another origin. A 3xx is an UnexpectedResponseError.
// - A 2xx that is not JSON (plex.tv's XML, a proxy's HTML page) is an UnexpectedResponseError, its body dropped
//   unread; so is malformed JSON, whatever the framing. Neither message nor cause quotes the body.
// The body is read whole inside the deadline, so the timer and the abort listener are gone before the caller
// sees the answer: nothing outlives a request.

import { tokenlessRequest } from "../../generated/plex-tv.operations";
import { PlexTvError, PlexTvNetworkError, PlexTvTimeoutError, UnexpectedResponseError } from "./errors";

/** fetch, or anything that takes the same (Request, init) arguments and honours `init.signal` and `init.redirect`. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** A token, or a function that yields one (sync or async), or nothing. */
export type TokenSource = string | (() => string | null | undefined | Promise<string | null | undefined>);

export interface TransportOptions {
  /** Default: globalThis.fetch, looked up per request (so a polyfill installed later is used). */
  fetch?: FetchLike | undefined;
  timeoutMs: number;
  token?: TokenSource | undefined;
  /** The client's base URL, without a trailing slash: what precedes an operation's path in a request's URL. */
  baseUrl: string;
  /** Who answers, for messages. Default "plex.tv". */
  peer?: string;
}

/**
 * Sets `X-Plex-Token` from `token` on a request to `operation` ("GET /api/v2/user"), unless the request carries its
 * own or the spec marks the operation tokenless (PIN create and check). The one token rule, for the transport and
 * for plexHeaders.
 */
export async function setToken(
  headers: Headers,
  operation: string,
  token: TokenSource | undefined,
  tokenless: RegExp,
): Promise<void> {
  if (token === undefined || headers.has("X-Plex-Token") || tokenless.test(operation)) return;
  const value = typeof token === "function" ? await token() : token;
  if (value) headers.set("X-Plex-Token", value);
}

/** application/json, application/…+json, or text/json (some proxies and older answers). */
const json = /^(?:application\/(?:[\w.+-]+\+)?|text\/)json\b/i;

export function plexFetch({ fetch, timeoutMs, token, baseUrl, peer = "plex.tv" }: TransportOptions): FetchLike {
  return async (request) => {
    const outer = request.signal;
    outer.throwIfAborted();
    // "GET /api/v2/user": how messages name a request (never its query, which may hold a device JWT).
    const where = `${request.method} ${request.url.slice(baseUrl.length).split("?")[0]}`;
    const { headers } = request;
    headers.set("Accept", "application/json");
    if (token !== undefined) await setToken(headers, where, token, tokenlessRequest);

    const controller = new AbortController();
    const onAbort = () => controller.abort(outer.reason);
    outer.addEventListener("abort", onAbort);
    const timer = setTimeout(
      () => controller.abort(new PlexTvTimeoutError(`${where}: no answer from ${peer} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    try {
      const response = await (fetch ?? globalThis.fetch)(request, { signal: controller.signal, redirect: "manual" });
      const { status, ok, body } = response;
      const redirected = response.type === "opaqueredirect" || (status > 299 && status < 400);
      const isJson = !redirected && json.test(response.headers.get("Content-Type")!);
      // Bodies nobody needs (a redirect's, an XML answer, a proxy's page) are dropped unread: they can be large.
      const text = isJson ? await response.text() : "";
      if (!isJson) await body?.cancel();
      let data: unknown;
      let problem = redirected ? `a redirect (${status}), not followed` : "";
      if (ok && !isJson && body && response.headers.get("Content-Length") !== "0")
        problem ||= "something other than JSON";
      // An error's body is parsed too, so `response.json()` serves it; only a 2xx must be well-formed. (openapi-fetch
      // parses an error's text once more for its `error`: error bodies are small and rare.)
      if (text) {
        try {
          data = JSON.parse(text);
        } catch {
          if (ok) problem = "malformed JSON";
        }
      }
      if (problem) throw new UnexpectedResponseError(`${where}: ${peer} answered ${problem}`, { status });
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
