// The signed-in user: who they are, whether a token still works, keep-alive and sign-out.

import type { components } from "../../generated/plex-tv";
import { InvalidTokenError, UnexpectedResponseError } from "../transport/errors";
import { send, type SendOptions } from "../transport/operation";
import type { PlexTvClient } from "./client";
import { holdsUser } from "./plex-user";

export type UserPlexAccount = components["schemas"]["UserPlexAccount"];
export type GeoData = components["schemas"]["GeoData"];

export interface TokenOptions {
  /** The token to use for this call; by default the client's own `token`. Sent as the X-Plex-Token header. */
  token?: string;
  signal?: AbortSignal;
}

/** A call's own token, for the transport (which puts it in the header, never in the URL). */
export const tokenOf = ({ token }: TokenOptions): SendOptions => ({ token });

/**
 * GET /api/v2/user: the account the token belongs to. Throws InvalidTokenError on 401, and UnexpectedResponseError
 * for a 2xx that holds no account (an empty body, a proxy's `{}`): that says nothing about the token.
 */
export async function getUser(plex: PlexTvClient, options: TokenOptions = {}): Promise<UserPlexAccount> {
  const user = await send(plex, "GET /api/v2/user", { signal: options.signal }, tokenOf(options));
  if (!holdsUser(user)) {
    throw new UnexpectedResponseError("GET /api/v2/user: plex.tv's answer holds no user");
  }
  return user;
}

/** A sign-in's result: the new token, and the account it belongs to (which holds it again as `authToken`). */
export interface SignedIn<Account = UserPlexAccount> {
  authToken: string;
  user: Account;
}

/**
 * Awaits an answer that is an account with its own new token (a password sign-in, a Home switch). A 2xx without a
 * token is an UnexpectedResponseError.
 */
export async function signedIn<Account extends { authToken?: unknown }>(
  operation: string,
  pending: Promise<Account>,
): Promise<SignedIn<Account>> {
  const account = await pending;
  if (typeof account?.authToken !== "string" || !account.authToken) {
    throw new UnexpectedResponseError(`${operation}: plex.tv's answer holds no token`);
  }
  return { authToken: account.authToken, user: account };
}

/** GET /api/v2/ping: keeps a token alive. */
export async function ping(plex: PlexTvClient, options: TokenOptions = {}): Promise<void> {
  await send(plex, "GET /api/v2/ping", { signal: options.signal }, tokenOf(options));
}

/** DELETE /api/v2/users/signout: the token stops working. */
export async function signOut(plex: PlexTvClient, options: TokenOptions = {}): Promise<void> {
  await send(plex, "DELETE /api/v2/users/signout", { signal: options.signal }, tokenOf(options));
}

/** GET /api/v2/geoip: where plex.tv places this client. */
export function getGeoData(plex: PlexTvClient, options: TokenOptions = {}): Promise<GeoData> {
  return send(plex, "GET /api/v2/geoip", { signal: options.signal }, tokenOf(options));
}

export type TokenValidation =
  { status: "valid"; user: UserPlexAccount } | { status: "invalid" } | { status: "unknown"; cause: unknown };

/**
 * Checks a token the way Plex says to: only a 401 means it is invalid and must be discarded. Any other answer
 * (a 2xx without an account, a 5xx, a 429), a timeout or a network error says nothing about the token: "unknown",
 * and the caller keeps it. A "valid" result's `user` holds the token again (`user.authToken`): a secret.
 * A token no header can carry (a line break, a NUL) is "invalid", unsent. An empty or non-string `token` is a
 * TypeError (nothing is sent); an abort by `signal` rejects with its reason.
 */
export async function validateToken(
  plex: PlexTvClient,
  token: string,
  options: { signal?: AbortSignal } = {},
): Promise<TokenValidation> {
  if (typeof token !== "string" || token === "")
    throw new TypeError("validateToken: `token` must be a non-empty string");
  try {
    return { status: "valid", user: await getUser(plex, { token, signal: options.signal }) };
  } catch (error) {
    options.signal?.throwIfAborted();
    return error instanceof InvalidTokenError ? { status: "invalid" } : { status: "unknown", cause: error };
  }
}
