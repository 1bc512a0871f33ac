// The account's friends (and what is shared with them), and its companion services.

import type { components } from "../../generated/plex-tv";
import { send } from "../transport/operation";
import { tokenOf, type TokenOptions } from "./account";
import type { PlexTvClient } from "./client";

export type PlexFriend = components["schemas"]["PlexFriend"];
export type PlexCompanion = components["schemas"]["PlexCompanion"];

/** GET /api/v2/friends: friends, accepted or pending, each with the servers shared with them. */
export async function getFriends(plex: PlexTvClient, options: TokenOptions = {}): Promise<PlexFriend[]> {
  const friends = await send(plex, "GET /api/v2/friends", { signal: options.signal }, tokenOf(options));
  return Array.isArray(friends) ? friends : [];
}

/** GET /api/v2/companions: the account's companion services (each `token` is a secret). */
export async function getCompanions(plex: PlexTvClient, options: TokenOptions = {}): Promise<PlexCompanion[]> {
  const companions = await send(plex, "GET /api/v2/companions", { signal: options.signal }, tokenOf(options));
  return Array.isArray(companions) ? companions : [];
}
