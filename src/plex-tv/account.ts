// The signed-in user: who they are, whether a token still works, keep-alive and sign-out.

import type { components } from "../../generated/plex-tv";
import { call } from "../transport/call";
import type { PlexTvClient } from "../transport/client";
import { InvalidTokenError, PlexTvError, UnexpectedResponseError, type PlexTvErrorDetails } from "../transport/errors";

export type UserPlexAccount = components["schemas"]["UserPlexAccount"];
export type GeoData = components["schemas"]["GeoData"];

export interface TokenOptions {
  /** The token to use for this call; by default the client's own `token`. Sent as the X-Plex-Token header. */
  token?: string;
  signal?: AbortSignal;
}

/** Request options for a token-bearing call: the token goes in the header, never in the URL. */
export function withToken({ token, signal }: TokenOptions) {
  return { signal, headers: token === undefined ? {} : { "X-Plex-Token": token } };
}

/**
 * GET /api/v2/user: the account the token belongs to. Throws InvalidTokenError on 401, and UnexpectedResponseError
 * for a 2xx that holds no account (an empty body, a proxy's `{}`): that says nothing about the token.
 */
export async function getUser(plex: PlexTvClient, options: TokenOptions = {}): Promise<UserPlexAccount> {
  const user = await call("GET /api/v2/user", plex.GET("/api/v2/user", withToken(options)), options.signal);
  if (typeof user?.id !== "number" && typeof user?.uuid !== "string") {
    throw new UnexpectedResponseError("GET /api/v2/user: plex.tv's answer holds no user");
  }
  return user;
}

/** A sign-in's result: the new token, and the account it belongs to (which holds it again as `authToken`). */
export interface SignedIn {
  authToken: string;
  user: UserPlexAccount;
}

type PlexTvErrorClass = new (message: string, details: PlexTvErrorDetails) => PlexTvError;

/**
 * Awaits an answer that is an account with its own new token (a password sign-in, a Home switch). `meaning` names
 * the class an error answer stands for in this operation (plex.tv's 401/1001 after a password is no invalid token),
 * or undefined to keep the usual one. A 2xx without a token is an UnexpectedResponseError.
 */
export async function signedIn(
  operation: string,
  pending: Promise<{ data?: UserPlexAccount; response: Response }>,
  signal: AbortSignal | undefined,
  meaning: (error: PlexTvError) => PlexTvErrorClass | undefined,
): Promise<SignedIn> {
  let account: UserPlexAccount;
  try {
    account = await call(operation, pending, signal);
  } catch (error) {
    const Meant = error instanceof PlexTvError ? meaning(error) : undefined;
    if (!Meant) throw error;
    const { message, status, code, plexMessage } = error as PlexTvError;
    throw new Meant(message, { status, code, plexMessage });
  }
  if (typeof account?.authToken !== "string" || !account.authToken) {
    throw new UnexpectedResponseError(`${operation}: plex.tv's answer holds no token`);
  }
  return { authToken: account.authToken, user: account };
}

/** GET /api/v2/ping: keeps a token alive. */
export async function ping(plex: PlexTvClient, options: TokenOptions = {}): Promise<void> {
  await call("GET /api/v2/ping", plex.GET("/api/v2/ping", withToken(options)), options.signal);
}

/** DELETE /api/v2/users/signout: the token stops working. */
export async function signOut(plex: PlexTvClient, options: TokenOptions = {}): Promise<void> {
  await call("DELETE /api/v2/users/signout", plex.DELETE("/api/v2/users/signout", withToken(options)), options.signal);
}

/** GET /api/v2/geoip: where plex.tv places this client. */
export function getGeoData(plex: PlexTvClient, options: TokenOptions = {}): Promise<GeoData> {
  return call("GET /api/v2/geoip", plex.GET("/api/v2/geoip", withToken(options)), options.signal);
}

export type TokenValidation =
  { status: "valid"; user: UserPlexAccount } | { status: "invalid" } | { status: "unknown"; cause: unknown };

/**
 * Checks a token the way Plex says to: only a 401 means it is invalid and must be discarded. Any other answer
 * (a 2xx without an account, a 5xx, a 429), a timeout or a network error says nothing about the token: "unknown",
 * and the caller keeps it. A "valid" result's `user` holds the token again (`user.authToken`): a secret.
 * An empty or non-string `token` is a TypeError (nothing is sent); an abort by `signal` rejects with its reason.
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
