// Plex Home: its users, and switching to one of them (a profile picker after sign-in).

import type { components } from "../../generated/plex-tv";
import { PlexTvError } from "../transport/errors";
import { send } from "../transport/operation";
import { getUser, signedIn, tokenOf, type SignedIn, type TokenOptions, type UserPlexAccount } from "./account";
import type { PlexTvClient } from "./client";
import { HomePinError } from "./errors";

export type PlexHome = components["schemas"]["PlexHome"];
export type PlexHomeUser = components["schemas"]["PlexHomeUser"];
/** The short account a Home switch answers (not /api/v2/user's shape: see the spec). */
export type PlexSwitchedAccount = components["schemas"]["PlexSwitchedAccount"];

/** The account as a Home of one: what an account without Plex Home is. */
const asHomeUser = (user: UserPlexAccount): PlexHomeUser => ({
  id: user.id,
  uuid: user.uuid,
  title: user.title,
  username: user.username,
  email: user.email,
  friendlyName: user.friendlyName ?? null,
  thumb: user.thumb ?? null,
  hasPassword: user.hasPassword,
  restricted: user.restricted ?? false,
  restrictionProfile: null,
  admin: true,
  guest: false,
  protected: user.protected ?? false,
});

/**
 * GET /api/v2/home/users: the users of the token's Plex Home, the admin among them. An account without Plex Home
 * gets a list of just itself (plex.tv's answer there is not recorded: an empty Home or a 4xx other than 401 and 429
 * are both read so).
 */
export async function getHomeUsers(plex: PlexTvClient, options: TokenOptions = {}): Promise<PlexHomeUser[]> {
  let home: PlexHome | undefined;
  try {
    home = await send(plex, "GET /api/v2/home/users", { signal: options.signal }, tokenOf(options));
  } catch (error) {
    const status = error instanceof PlexTvError ? (error.status ?? 0) : 0;
    if (status < 400 || status > 499 || status === 401 || status === 429) throw error;
  }
  const users = Array.isArray(home?.users) ? home.users.filter((user) => typeof user?.uuid === "string") : [];
  return users.length ? users : [asHomeUser(await getUser(plex, options))];
}

export interface SwitchHomeUserOptions extends TokenOptions {
  /** The Home user to switch to: its uuid, or the user from getHomeUsers. */
  user: string | Pick<PlexHomeUser, "uuid">;
  /** The target's 4-digit Home PIN, when it is protected (the Home admin switching needs none). */
  pin?: string;
}

/**
 * POST /api/v2/home/users/{uuid}/switch: the token of that Home user, with their account. A wrong or missing PIN is
 * a HomePinError whatever the status: keep the token you switched from.
 */
export async function switchHomeUser(
  plex: PlexTvClient,
  { user, pin, ...options }: SwitchHomeUserOptions,
): Promise<SignedIn<PlexSwitchedAccount>> {
  const uuid = typeof user === "string" ? user : user?.uuid;
  // A dot segment would be normalised away by URL parsing, sending the token and PIN to another path.
  if (typeof uuid !== "string" || !uuid || uuid === "." || uuid === "..") {
    throw new TypeError("switchHomeUser: `user` must be a uuid or a Home user");
  }
  if (pin !== undefined && !/^\d{4}$/.test(pin)) throw new TypeError("switchHomeUser: `pin` must be 4 digits");
  const operation = "POST /api/v2/home/users/{uuid}/switch";
  const pending = send(
    plex,
    operation,
    { params: { path: { uuid }, query: pin === undefined ? {} : { pin } }, signal: options.signal },
    { ...tokenOf(options), meaning: (_, code) => code === 1041 && HomePinError },
  );
  return signedIn(operation, pending);
}
