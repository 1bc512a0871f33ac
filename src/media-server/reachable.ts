// Which of a server's connections answers: all are tried at once, the first to answer wins, the rest are aborted.

import type { PlexConnection, PlexServer } from "../plex-tv/servers";
import { mayCarryToken } from "../transport/base-url";
import { createTransport, type FetchLike } from "../transport/fetch";
import { raceConnections, usableConnections } from "./race";

export interface FindReachableConnectionOptions {
  /** How long each connection may take to answer. Default 5000 ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** A fetch to use instead of `globalThis.fetch` (called as for createPlexTvClient). */
  fetch?: FetchLike;
}

/** /identity is small: an answer much larger is no server's. */
const IDENTITY_MAX_BYTES = 64 * 1024;

/**
 * Asks every connection of `server` for `GET /identity` at once (with the server's own `accessToken` in the
 * X-Plex-Token header, on https or the local network only) and returns the first connection that answers 2xx. The
 * others are aborted at once, so no socket or timer is left behind. Rejects with ServerUnreachableError when none
 * answers in time.
 */
export function findReachableConnection(
  server: Pick<PlexServer, "name" | "connections"> & Partial<Pick<PlexServer, "accessToken">>,
  options: FindReachableConnectionOptions = {},
): Promise<PlexConnection> {
  const { timeoutMs = 5000, signal, fetch } = options;
  const probe = async (connection: PlexConnection, raceSignal: AbortSignal) => {
    const baseUrl = connection.uri.replace(/\/+$/, "");
    // The server's token travels in clear text only on the local network: /identity needs none anyway.
    const token = server.accessToken && mayCarryToken(baseUrl) ? server.accessToken : undefined;
    // No deadline per probe: the race's own bounds them all, and aborts what is left when it ends.
    const transport = createTransport({
      fetch,
      maxBodyBytes: IDENTITY_MAX_BYTES,
      token,
      tokenless: /(?!)/,
      baseUrl,
      peer: `${server.name} at ${connection.uri}`,
    });
    // The transport refuses redirects (the token never follows one) and bounds the body; any 2xx JSON will do.
    const response = await transport(new Request(`${baseUrl}/identity`, { signal: raceSignal }), "GET /identity");
    if (!response.ok) throw new Error(`${connection.uri} answered ${response.status}`);
    return connection;
  };
  return raceConnections(server, usableConnections(server), probe, {
    timeoutMs,
    signal,
    caller: "findReachableConnection",
  });
}
