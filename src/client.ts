// createPlexTvClient: the openapi-fetch client typed by the generated `paths`, with plex.tv's rules built in.

import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/plex-tv";
import { checkBaseUrl, DEFAULT_BASE_URL } from "./base-url";
import { plexFetch, type FetchLike } from "./plex-fetch";
import { toIdentity, type PlexIdentity } from "./identity";
import { plexHeaders, type TokenSource } from "./middleware";

export interface PlexTvClientOptions extends PlexIdentity {
  /** The user's token, or a function returning it; sent as the X-Plex-Token header, never in a URL. */
  token?: TokenSource;
  /** Default `https://plex.tv` (`https://clients.plex.tv` serves the same API). http only for loopback hosts. */
  baseUrl?: string;
  /** A fetch to use instead of `globalThis.fetch`: called as fetch(request, { signal }), it must honour the signal. */
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
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!(timeoutMs > 0)) throw new TypeError("createPlexTvClient: `timeoutMs` must be positive");
  const customFetch = options.fetch;
  // Looked up per request, so a fetch polyfilled or replaced after creation is used.
  const getFetch = customFetch ? () => customFetch : () => globalThis.fetch;
  const fetch = plexFetch(getFetch, timeoutMs);

  const client = createClient<paths, "application/json">({ baseUrl, fetch });
  client.use(plexHeaders(identity, options.token));
  return Object.assign(client, { identity, baseUrl });
}
