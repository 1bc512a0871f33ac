// createPlexTvClient: the openapi-fetch client typed by the generated `paths`, with plex.tv's rules built in.

import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../../generated/plex-tv";
import { checkBaseUrl, DEFAULT_BASE_URL } from "./base-url";
import { MAX_DELAY_MS } from "./sleep";
import { plexFetch, type FetchLike, type TokenSource } from "./plex-fetch";
import { identityHeaders, optionError, toIdentity, type PlexIdentity } from "./identity";

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
}

export type PlexTvClient = Client<paths, "application/json"> & {
  /** The X-Plex-* values this client sends (never the token). */
  readonly identity: Readonly<PlexIdentity>;
  readonly baseUrl: string;
};

export function createPlexTvClient(options: PlexTvClientOptions): PlexTvClient {
  const identity = toIdentity(options ?? {});
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const { fetch, token, timeoutMs = 30_000 } = options;
  // checkTimeoutMs's rule, inline: the PIN-flow bundle's budget has no room for the call (issue 15).
  if (!(timeoutMs > 0 && timeoutMs <= MAX_DELAY_MS)) throw optionError("timeoutMs", "positive, at most 2^31-1 ms");
  const client = createClient<paths, "application/json">({
    baseUrl,
    // The identity is the same on every request: openapi-fetch sets it, no middleware needed.
    headers: identityHeaders(identity),
    fetch: plexFetch({ fetch, timeoutMs, token, baseUrl }),
  });
  return Object.assign(client, { identity, baseUrl });
}
