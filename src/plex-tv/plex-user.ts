// The signed-in user as server code hands it on (to the app, a cache, a log): plex.tv's account reduced to an
// allowlist of fields that tell who the user is and what they may do, none a secret (no authToken, no service
// tokens, no PIN hash).

import type { UserPlexAccount } from "./account";

export const PLEX_USER_FIELDS = [
  "id",
  "uuid",
  "username",
  "title",
  "email",
  "friendlyName",
  "thumb",
  "locale",
  "country",
  "confirmed",
  "hasPassword",
  "protected",
  "restricted",
  "restrictionProfile",
  "home",
  "guest",
  "homeAdmin",
  "homeSize",
  "subscription",
  "roles",
  "entitlements",
  "twoFactorEnabled",
  "joinedAt",
] as const satisfies readonly (keyof UserPlexAccount)[];

/** Who signed in: PLEX_USER_FIELDS of the account, those it has. */
export type PlexUser = Pick<UserPlexAccount, (typeof PLEX_USER_FIELDS)[number]>;

/** The allowlisted fields of an account (or of a PlexUser), those it has. */
export function toPlexUser(account: Partial<UserPlexAccount>): PlexUser {
  const user: Record<string, unknown> = {};
  for (const field of PLEX_USER_FIELDS) if (account[field] !== undefined) user[field] = account[field];
  return user as PlexUser;
}
