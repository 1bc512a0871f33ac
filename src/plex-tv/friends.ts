// The account's friends (and what is shared with them), and its companion services.

import type { components } from "../../generated/plex-tv";
import { call } from "../transport/call";
import type { PlexTvClient } from "../transport/client";
import { withToken, type TokenOptions } from "./account";

export type PlexFriend = components["schemas"]["PlexFriend"];
export type PlexCompanion = components["schemas"]["PlexCompanion"];

/** GET /api/v2/friends: friends, accepted or pending, each with the servers shared with them. */
export async function getFriends(plex: PlexTvClient, options: TokenOptions = {}): Promise<PlexFriend[]> {
  const friends = await call("GET /api/v2/friends", plex.GET("/api/v2/friends", withToken(options)), options.signal);
  return Array.isArray(friends) ? friends : [];
}

/** GET /api/v2/companions: the account's companion services (each `token` is a secret). */
export async function getCompanions(plex: PlexTvClient, options: TokenOptions = {}): Promise<PlexCompanion[]> {
  const pending = plex.GET("/api/v2/companions", withToken(options));
  const companions = await call("GET /api/v2/companions", pending, options.signal);
  return Array.isArray(companions) ? companions : [];
}
