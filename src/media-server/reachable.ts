// Which of a server's connections to use: all are tried at once, the best-ranked to answer in time wins (race.ts),
// the rest are aborted.

import type { PlexConnection, PlexServer } from "../plex-tv/servers";
import { mayCarryToken } from "../transport/base-url";
import { createTransport, type FetchLike } from "../transport/fetch";
import { raceConnections, usableConnections, type ConnectionAttempt, type RaceRuleOptions } from "./race";

export interface FindReachableConnectionOptions extends RaceRuleOptions {
  /** How long the race may take (each connection, since all are tried at once). Default 5000 ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** A fetch to use instead of `globalThis.fetch` (called as for createPlexTvClient). */
  fetch?: FetchLike;
}

/**
 * The connection kept: a copy of the server's own (the same fields, so it is stored, spread or serialised as before),
 * with the race's `attempts`, which is not enumerable and so never travels with those copies.
 */
export type ReachableConnection = PlexConnection & {
  /** Every connection tried, in rank order: which won, which answered too late or not at all, and when. */
  readonly attempts: ConnectionAttempt[];
};

/** /identity is small: an answer much larger is no server's. */
const IDENTITY_MAX_BYTES = 64 * 1024;

/**
 * Asks every connection of `server` for `GET /identity` at once (with the server's own `accessToken` in the
 * X-Plex-Token header, on https or the local network only) and returns the best-ranked connection that answers 2xx,
 * waiting at most `preferWithinMs` after the first answer for better-ranked connections still trying. The others
 * are aborted then, so no socket or timer is left behind. Rejects with ServerUnreachableError when none answers in
 * time.
 */
export function findReachableConnection(
  server: Pick<PlexServer, "name" | "connections"> & Partial<Pick<PlexServer, "accessToken">>,
  options: FindReachableConnectionOptions = {},
): Promise<ReachableConnection> {
  const { timeoutMs = 5000, preferWithinMs, onAttempt, signal, fetch } = options;
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
    preferWithinMs,
    onAttempt,
    signal,
    caller: "findReachableConnection",
  }).then(
    ({ value, attempts }) =>
      Object.defineProperty({ ...value }, "attempts", { value: attempts }) as ReachableConnection,
  );
}
