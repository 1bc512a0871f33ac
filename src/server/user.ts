// The signed-in user as the server side hands it to the app: the account without any of its secrets.

import type { UserPlexAccount } from "../plex-tv/account";

const fields = [
  "id",
  "uuid",
  "username",
  "title",
  "email",
  "friendlyName",
  "thumb",
  "protected",
  "restricted",
  "home",
  "guest",
  "homeAdmin",
  "subscription",
] as const;

/**
 * Who signed in: the fields of plex.tv's account that every recorded answer carries and that hold no secret. The
 * account's `authToken` and its services' tokens are left out, so a user passed on to a page or a log leaks none.
 */
export type PlexUser = Pick<UserPlexAccount, (typeof fields)[number]>;

export function toPlexUser(account: UserPlexAccount): PlexUser {
  const user: Record<string, unknown> = {};
  for (const field of fields) if (account[field] !== undefined) user[field] = account[field];
  return user as PlexUser;
}
