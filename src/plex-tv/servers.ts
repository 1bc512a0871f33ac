// The user's servers, each with its connections in the order worth trying.

import type { components } from "../../generated/plex-tv";
import { UnexpectedResponseError } from "../transport/errors";
import { send } from "../transport/operation";
import { tokenOf, type TokenOptions } from "./account";
import type { PlexTvClient } from "./client";

export type PlexDevice = components["schemas"]["PlexDevice"];
export type PlexConnection = components["schemas"]["PlexConnection"];
/** A device that provides `server`, its connections always present and ranked. */
export type PlexServer = PlexDevice & { connections: PlexConnection[] };

/** A connection's rank, lower better: local, then remote, then relay; https before http within each. */
export function connectionRank(connection: PlexConnection): number {
  const reach = connection.relay ? 4 : connection.local ? 0 : 2;
  return reach + (connection.protocol === "https" || connection.uri.startsWith("https:") ? 0 : 1);
}

/** Connections ranked local → remote → relay, https before http; the order is otherwise kept. */
export function rankConnections(connections: readonly PlexConnection[] = []): PlexConnection[] {
  // A device whose `connections` is not an array (null, an object) has none.
  return (Array.isArray(connections) ? connections : [])
    .filter((connection) => typeof connection?.uri === "string")
    .map((connection, index) => ({ connection, index, rank: connectionRank(connection) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ connection }) => connection);
}

/**
 * GET /api/v2/resources, keeping the devices that provide `server`, with ranked connections. A 2xx that is no list
 * of devices (`{}`, null, a proxy's JSON) is an UnexpectedResponseError: it says nothing of the user's servers, and
 * must not read as "none".
 */
export async function getServers(plex: PlexTvClient, options: TokenOptions = {}): Promise<PlexServer[]> {
  const query = { includeHttps: 1, includeRelay: 1, includeIPv6: 1 } as const;
  const operation = "GET /api/v2/resources";
  const devices: unknown = await send(plex, operation, { params: { query }, signal: options.signal }, tokenOf(options));
  if (!Array.isArray(devices))
    throw new UnexpectedResponseError(`${operation}: plex.tv's answer is no list of devices`);
  return (devices as PlexDevice[])
    .filter((device) => typeof device?.provides === "string" && device.provides.split(",").includes("server"))
    .map((device) => ({ ...device, connections: rankConnections(device.connections) }));
}

export interface ServerAccessTokenOptions extends TokenOptions {
  /** The server's machine identifier (its clientIdentifier in resources, its /identity machineIdentifier). */
  serverId: string;
}

/**
 * The token's user's own token for the server `serverId`, or null when that user has no access to it: one call
 * answers "may this user use my server?", and gives a managed Home user their per-server token.
 */
export async function getServerAccessToken(
  plex: PlexTvClient,
  { serverId, ...options }: ServerAccessTokenOptions,
): Promise<string | null> {
  if (typeof serverId !== "string" || !serverId) {
    throw new TypeError("getServerAccessToken: `serverId` must be a machine identifier");
  }
  const server = (await getServers(plex, options)).find((device) => device.clientIdentifier === serverId);
  return server?.accessToken || null;
}
