// createPlexTvClient: the openapi-fetch client typed by plex.tv's generated `paths`, on the transport core, with
// plex.tv's rules: its tokenless operations, https only (http for loopback hosts), its clock noted from every answer.

import createClient, { createQuerySerializer, type Client } from "openapi-fetch";
import type { paths } from "../../generated/plex-tv";
import { identityOptions, tokenlessRequest } from "../../generated/plex-tv.operations";
import { checkBaseUrl, DEFAULT_BASE_URL } from "../transport/base-url";
import type { NotedClock, ServerClock } from "../transport/clock";
import { createTransport, type FetchLike, type TokenSource } from "../transport/fetch";
import { withTransport } from "../transport/operation";
import { checkBounds, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS, optionError } from "../transport/options";
import { identityHeaderName, identityHeaders, toIdentity, type PlexIdentity } from "./identity";

export interface PlexTvClientOptions extends PlexIdentity {
  /** The user's token, or a function returning it; sent as the X-Plex-Token header, never in a URL. */
  token?: TokenSource;
  /** Default `https://plex.tv` (`https://clients.plex.tv` serves the same API). http only for loopback hosts. */
  baseUrl?: string;
  /**
   * A fetch to use instead of `globalThis.fetch`: called as fetch(request, { signal, redirect: "manual" }), it must
   * honour both.
   */
  fetch?: FetchLike;
  /** How long one request may take, body included. Default 30 000 ms. */
  timeoutMs?: number;
  /** The most bytes one answer's body may have; a longer one is an UnexpectedResponseError. Default 4 MiB. */
  maxBodyBytes?: number;
  /**
   * Where the X-Plex-* identity goes: `"headers"` (default), or `"query"`, as Plex's own web app sends it. In a
   * browser, custom headers make every call to plex.tv a CORS-preflighted one; in the query, PIN create and check are
   * simple requests with no preflight. The token always stays in the X-Plex-Token header, never in a URL.
   */
  identityIn?: "headers" | "query";
}

export type PlexTvClient = Client<paths, "application/json"> & {
  /** The X-Plex-* values this client sends (never the token). */
  readonly identity: Readonly<PlexIdentity>;
  readonly baseUrl: string;
  /** plex.tv's clock, as its answers' `Date` headers tell (a browser cannot read them: there it is this device's). */
  readonly clock: ServerClock;
};

const who = "createPlexTvClient";

/** openapi-fetch's own query serializer, with the identity's X-Plex-* parameters after each operation's own. */
function withIdentity(identity: Readonly<PlexIdentity>): (query: Record<string, unknown>) => string {
  const pairs: string[] = [];
  for (const key of identityOptions) {
    const value = identity[key];
    if (value === undefined) continue;
    pairs.push(`${identityHeaderName(key)}=${encodeURIComponent(value)}`);
  }
  const own = createQuerySerializer();
  return (query) => [own(query), ...pairs].filter(Boolean).join("&");
}

export function createPlexTvClient(options: PlexTvClientOptions): PlexTvClient {
  const identity = toIdentity(options ?? {}, who);
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL, who);
  const {
    fetch,
    token,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
    identityIn = "headers",
  } = options;
  checkBounds(timeoutMs, maxBodyBytes, who);
  if (identityIn !== "headers" && identityIn !== "query") throw optionError("identityIn", '"headers" or "query"', who);
  const clock: NotedClock = {};
  const transport = createTransport({
    fetch,
    timeoutMs,
    maxBodyBytes,
    token,
    tokenless: tokenlessRequest,
    baseUrl,
    peer: "plex.tv",
    clock,
  });
  // The identity is the same on every request: openapi-fetch sets it, no middleware needed.
  const client = createClient<paths, "application/json">({
    baseUrl,
    fetch: transport,
    ...(identityIn === "query" ? { querySerializer: withIdentity(identity) } : { headers: identityHeaders(identity) }),
  });
  return withTransport(Object.assign(client, { identity, baseUrl, clock }), transport);
}
