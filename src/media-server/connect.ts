// From a server in plex.tv's list to a working session with it: race its connections, make sure the one kept is
// that server, and hand back a typed client carrying the server's own token.

import { toIdentity, type PlexIdentity } from "../plex-tv/identity";
import type { PlexConnection, PlexServer } from "../plex-tv/servers";
import type { FetchLike } from "../transport/fetch";
import { createPlexServerClient, type PlexServerClient } from "./client";
import { ServerIdentityMismatchError } from "./errors";
import { getServerIdentity, type ServerIdentity } from "./operations";
import { raceConnections, usableConnections, type ConnectionAttempt, type RaceRuleOptions } from "./race";

export interface ConnectToServerOptions extends PlexIdentity, RaceRuleOptions {
  /** How long the whole race may take. Default 5000 ms. (The client's later requests get 30 000 ms each.) */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** A fetch to use instead of `globalThis.fetch`. */
  fetch?: FetchLike;
}

export interface ServerSession {
  /** A client of the connection kept, with the server's `accessToken`. */
  client: PlexServerClient;
  connection: PlexConnection;
  /** The server's answer to /identity (its machine identifier is the server's clientIdentifier). */
  identity: ServerIdentity;
  /** Every connection tried, in rank order: which won, which answered too late or not at all, and when. */
  attempts: ConnectionAttempt[];
}

/**
 * Asks every connection of `server` (from getServers) for /identity at once and keeps the best-ranked that answers
 * as that server (machine identifier = its clientIdentifier), waiting at most `preferWithinMs` after the first such
 * answer for better-ranked connections still trying. An answer as another server is a failure. Connections over plain http to an address outside the
 * local network are skipped: the token would cross the internet in clear text. Rejects with
 * ServerIdentityMismatchError when no connection is the server and one is another server, else
 * ServerUnreachableError; with the signal's reason when aborted.
 */
export function connectToServer(
  server: Pick<PlexServer, "name" | "clientIdentifier" | "connections"> & Partial<Pick<PlexServer, "accessToken">>,
  options: ConnectToServerOptions,
): Promise<ServerSession> {
  const { timeoutMs = 5000, preferWithinMs, onAttempt, signal, fetch, ...identityOptions } = options ?? {};
  // Checked first: a bad identity is the caller's mistake, not the server's.
  toIdentity(identityOptions, "connectToServer");
  const token = server.accessToken ?? undefined;
  const clients = new Map<PlexConnection, PlexServerClient>();
  for (const connection of usableConnections(server)) {
    // The client refuses plain http outside the local network (the token would cross the internet in clear text) and
    // uris with credentials or a query: plex.tv's answer, not the caller's mistake, so that connection is skipped.
    try {
      clients.set(
        connection,
        createPlexServerClient(connection, { ...identityOptions, token, fetch, name: server.name }),
      );
    } catch {}
  }
  const connections = [...clients.keys()];
  const attempt = async (connection: PlexConnection, raceSignal: AbortSignal) => {
    const client = clients.get(connection)!;
    const identity = await getServerIdentity(client, { signal: raceSignal });
    if (identity.machineIdentifier !== server.clientIdentifier) {
      throw new ServerIdentityMismatchError(
        `${connection.uri} answers as server ${identity.machineIdentifier}, not ${server.name} (${server.clientIdentifier})`,
        server.clientIdentifier,
        identity.machineIdentifier,
      );
    }
    return { client, connection, identity };
  };
  return raceConnections(server, connections, attempt, {
    timeoutMs,
    preferWithinMs,
    onAttempt,
    signal,
    caller: "connectToServer",
    allFailed: (failures) => failures.find((failure) => failure instanceof ServerIdentityMismatchError),
  }).then(({ value, attempts }) => ({ ...value, attempts }));
}
