// createPlexServerClient: the openapi-fetch client typed by the media server's spec, on the same transport core as
// plex.tv's (Accept JSON, typed errors, the token only in a header and never on the spec's tokenless operations, a
// deadline covering the body, a bounded body, redirects refused), and plain http only on the local network.

import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../../generated/plex-media-server";
import { tokenlessRequest } from "../../generated/plex-media-server.operations";
import { identityHeaders, toIdentity, type PlexIdentity } from "../plex-tv/identity";
import { checkBaseUrl, isLocalHost } from "../transport/base-url";
import { createTransport, type FetchLike, type TokenSource } from "../transport/fetch";
import { withTransport } from "../transport/operation";
import { checkBounds, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS } from "../transport/options";

export interface PlexServerClientOptions extends PlexIdentity {
  /**
   * The server's own token: its `accessToken` from plex.tv's resources (getServers), not the account token. Sent as
   * the X-Plex-Token header, never in a URL, and never to the operations the spec marks tokenless.
   */
  token?: TokenSource;
  /** How long one request may take, body included. Default 30 000 ms. */
  timeoutMs?: number;
  /**
   * The most bytes one answer's body may have; a longer one is an UnexpectedResponseError. Default 4 MiB: raise it
   * for endpoints of your own that list a whole library.
   */
  maxBodyBytes?: number;
  /** A fetch to use instead of `globalThis.fetch` (called as for createPlexTvClient). */
  fetch?: FetchLike;
  /** How messages name the server, such as its name from plex.tv. Default "the server at ORIGIN". */
  name?: string;
}

/**
 * The client of one server connection. `Paths` defaults to the generated `paths` of spec/plex-media-server.yaml;
 * pass your own generated `paths` to call endpoints you added to a copy of that spec.
 */
export type PlexServerClient<Paths extends {} = paths> = Client<Paths, "application/json"> & {
  /** The X-Plex-* values this client sends (never the token). */
  readonly identity: Readonly<PlexIdentity>;
  /** The connection's URI, without a trailing slash. */
  readonly baseUrl: string;
  /** How messages name the server. */
  readonly name: string;
};

const who = "createPlexServerClient";

/**
 * A client for one of a server's connections (a `PlexConnection`, or its `uri`): https, or plain http to a local
 * address only (a token in clear text must not cross the internet).
 */
export function createPlexServerClient<Paths extends {} = paths>(
  connection: string | { uri: string },
  options: PlexServerClientOptions,
): PlexServerClient<Paths> {
  const identity = toIdentity(options ?? {}, who);
  const uri = typeof connection === "string" ? connection : connection?.uri;
  const baseUrl = checkBaseUrl(String(uri), who, isLocalHost, "a local address");
  const { fetch, token, timeoutMs = DEFAULT_TIMEOUT_MS, maxBodyBytes = DEFAULT_MAX_BODY_BYTES } = options;
  checkBounds(timeoutMs, maxBodyBytes, who);
  const name = options.name ?? `the server at ${new URL(baseUrl).origin}`;
  const transport = createTransport({
    fetch,
    timeoutMs,
    maxBodyBytes,
    token,
    tokenless: tokenlessRequest,
    baseUrl,
    peer: name,
  });
  const client = createClient<Paths, "application/json">({
    baseUrl,
    headers: identityHeaders(identity),
    fetch: transport,
  });
  return withTransport(Object.assign(client, { identity, baseUrl, name }), transport);
}
