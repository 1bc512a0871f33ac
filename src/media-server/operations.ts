// The media server's authentication operations, each one typed call of the server client.

import type { components } from "../../generated/plex-media-server";
import { PlexTvError, UnexpectedResponseError } from "../transport/errors";
import { send } from "../transport/operation";
import type { PlexServerClient } from "./client";
import { ClaimTokenRejectedError, ServerAlreadyClaimedError } from "./errors";

export type ServerIdentity = components["schemas"]["ServerIdentity"];
export type SourceDevice = components["schemas"]["SourceDevice"];
export type SourceConnection = components["schemas"]["SourceConnection"];

export interface ServerCallOptions {
  signal?: AbortSignal;
}

/** A 2xx whose MediaContainer lacks what the spec promises is no answer at all. */
function unexpected(server: PlexServerClient, operation: string, what: string): UnexpectedResponseError {
  return new UnexpectedResponseError(`${operation}: ${server.name} answered without ${what}`);
}

/** GET /identity (no token): who the server is, and whether it waits to be claimed. */
export async function getServerIdentity(
  server: PlexServerClient,
  { signal }: ServerCallOptions = {},
): Promise<ServerIdentity> {
  const data = await send(server, "GET /identity", { signal });
  const identity = data?.MediaContainer;
  if (typeof identity?.machineIdentifier !== "string") throw unexpected(server, "GET /identity", "an identity");
  return identity;
}

/**
 * GET /security/token: a transient token (about 48 hours, gone when the server restarts) with the caller's rights,
 * to put in URLs handed to players or casts instead of the real token. It is a secret too: do not log it.
 */
export async function getTransientToken(server: PlexServerClient, { signal }: ServerCallOptions = {}): Promise<string> {
  const query = { type: "delegation", scope: "all" } as const;
  const token = (await send(server, "GET /security/token", { params: { query }, signal }))?.MediaContainer?.token;
  if (typeof token !== "string" || !token) throw unexpected(server, "GET /security/token", "a token");
  return token;
}

export interface SourceConnectionOptions extends ServerCallOptions {
  /** A server's machine identifier, or a provider. */
  source: string;
  /** Ask plex.tv again instead of answering from what the server knows. */
  refresh?: boolean;
}

/** GET /security/resources: how to reach another server or provider this server knows ([] when it knows none). */
export async function getSourceConnectionInformation(
  server: PlexServerClient,
  { source, refresh, signal }: SourceConnectionOptions,
): Promise<SourceDevice[]> {
  if (typeof source !== "string" || !source) {
    throw new TypeError("getSourceConnectionInformation: `source` must be a non-empty string");
  }
  const query = { source, ...(refresh === undefined ? {} : { refresh: refresh ? (1 as const) : (0 as const) }) };
  const devices = (await send(server, "GET /security/resources", { params: { query }, signal }))?.MediaContainer
    ?.Device;
  return Array.isArray(devices) ? devices : [];
}

/**
 * Claims an unclaimed server for the account `claimToken` came from (plex.tv's getClaimToken, "claim-…", valid about
 * 4 minutes). Only from the server's own network. A server that is claimed already is a ServerAlreadyClaimedError
 * (checked first, so the claim token is not spent on it); a refused claim token a ClaimTokenRejectedError.
 */
export async function claimServer(
  server: PlexServerClient,
  claimToken: string,
  { signal }: ServerCallOptions = {},
): Promise<Record<string, unknown>> {
  if (typeof claimToken !== "string" || !/^claim-\S+$/.test(claimToken)) {
    throw new TypeError('claimServer: the claim token must be a string "claim-…" (from getClaimToken)');
  }
  const claimed = () => new ServerAlreadyClaimedError(`POST /myplex/claim: ${server.name} is claimed already`);
  if ((await getServerIdentity(server, { signal })).claimed) throw claimed();
  // The claim token goes in the query, where the server reads it; messages name the path only.
  try {
    return (await send(server, "POST /myplex/claim", { params: { query: { token: claimToken } }, signal })) ?? {};
  } catch (error) {
    const status = error instanceof PlexTvError ? error.status : undefined;
    if (status === undefined || status < 400 || status > 499) throw error;
    // Which 4xx means what is not recorded: the server's identity says whether someone else claimed it meanwhile.
    if ((await getServerIdentity(server, { signal })).claimed) throw claimed();
    throw new ClaimTokenRejectedError(
      `POST /myplex/claim: ${server.name} refused the claim token (unknown or expired)`,
      {
        status,
        code: (error as PlexTvError).code,
      },
    );
  }
}
