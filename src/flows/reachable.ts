// Which of a server's connections answers: all are tried at once, the first to answer wins, the rest are aborted.

import { mayCarryToken } from "../transport/base-url";
import type { PlexConnection, PlexServer } from "../plex-tv/servers";
import { raceConnections, usableConnections } from "./race-connections";

export { ServerUnreachableError } from "./race-connections";

export interface FindReachableConnectionOptions {
  /** How long each connection may take to answer. Default 5000 ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** A fetch to use instead of `globalThis.fetch`. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

/**
 * Asks every connection of `server` for `GET /identity` at once (with the server's own `accessToken` in the
 * X-Plex-Token header) and returns the first connection that answers 2xx. The others are aborted at once, so no
 * socket or timer is left behind. Rejects with ServerUnreachableError when none answers in time.
 */
export function findReachableConnection(
  server: Pick<PlexServer, "name" | "connections"> & Partial<Pick<PlexServer, "accessToken">>,
  options: FindReachableConnectionOptions = {},
): Promise<PlexConnection> {
  const { timeoutMs = 5000, signal, fetch = globalThis.fetch } = options;
  const probe = async (connection: PlexConnection, raceSignal: AbortSignal) => {
    const headers: Record<string, string> = { Accept: "application/json" };
    // The server's token travels in clear text only on the local network: /identity needs none anyway.
    if (server.accessToken && mayCarryToken(connection.uri)) headers["X-Plex-Token"] = server.accessToken;
    // redirect "manual": a 3xx fails the connection, and the server's token never follows it elsewhere.
    const url = `${connection.uri.replace(/\/+$/, "")}/identity`;
    const response = await fetch(url, { headers, signal: raceSignal, redirect: "manual" });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`${connection.uri} answered ${response.status}`);
    return connection;
  };
  return raceConnections(server, usableConnections(server), probe, {
    timeoutMs,
    signal,
    caller: "findReachableConnection",
  });
}
