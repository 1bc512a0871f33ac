// The signed-in user as server code hands it on (to the app, a cache, a log): plex.tv's account reduced to an
// allowlist of fields that tell who the user is and what they may do, none a secret (no authToken, no service
// tokens, no PIN hash). Small enough to travel in a cookie and to fill a cache: a Plex Pass's list of features
// (2 KB and growing) stays with plex.tv; its state and plan come along.

import type { components } from "../../generated/plex-tv";
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

/** Whether `value` is an account at all: one with an id or a uuid (a proxy's `{}`, `null` or a number is none). */
export function holdsUser(value: unknown): value is { id?: unknown; uuid?: unknown } {
  const { id, uuid } = (value ?? {}) as { id?: unknown; uuid?: unknown };
  return typeof value === "object" && (typeof id === "number" || typeof uuid === "string");
}

/** The fields of `subscription` kept: whether the Plex Pass is active, and which. */
export const PLEX_USER_SUBSCRIPTION_FIELDS = [
  "active",
  "status",
  "plan",
  "subscribedAt",
] as const satisfies readonly (keyof PlexSubscription)[];

type PlexSubscription = components["schemas"]["PlexSubscription"];
type KeptSubscription = Pick<PlexSubscription, (typeof PLEX_USER_SUBSCRIPTION_FIELDS)[number]>;

/** Who signed in: PLEX_USER_FIELDS of the account, those it has (`subscription` without its features). */
export type PlexUser = Omit<Pick<UserPlexAccount, (typeof PLEX_USER_FIELDS)[number]>, "subscription"> & {
  subscription?: KeptSubscription;
};

function pick<T extends object, K extends keyof T>(from: T, fields: readonly K[]): Pick<T, K> {
  const picked = {} as Pick<T, K>;
  for (const field of fields) if (from[field] !== undefined) picked[field] = from[field];
  return picked;
}

/** The allowlisted fields of an account (or of a PlexUser), those it has. */
export function toPlexUser(account: Partial<UserPlexAccount> | PlexUser): PlexUser {
  const user: Record<string, unknown> = pick(account as Partial<UserPlexAccount>, PLEX_USER_FIELDS);
  const { subscription } = account;
  if (subscription && typeof subscription === "object") {
    user.subscription = pick(subscription as PlexSubscription, PLEX_USER_SUBSCRIPTION_FIELDS);
  } else delete user.subscription;
  return user as PlexUser;
}
