// "May this user use my server?", asked on every request and answered safely: the token validator for who the user
// is, plex.tv's resources for their access to the server, each answer cached, and plex.tv's failures kept apart
// from a "no".

import { createTokenValidator } from "../flows/token-validator";
import type { PlexTvClient } from "../plex-tv/client";
import { getServers } from "../plex-tv/servers";
import { InvalidTokenError, PlexTvError } from "../transport/errors";
import { untilAborted } from "../transport/until-aborted";
import { memoryStore, safely, type ExpiringStore } from "./store";
import { toPlexUser, type PlexUser } from "./user";

export type AccessResult =
  /** The token is valid and its user may use the server (`owner`: they own it). */
  | { status: "allowed"; user: PlexUser; owner: boolean }
  /** The token is valid, but its user has no access to the server. */
  | { status: "denied"; user: PlexUser }
  /** plex.tv answered 401: the token is invalid (signed out, revoked). Drop the session. */
  | { status: "invalid" }
  /** plex.tv could not say (down, 5xx, 429, a timeout): keep the session, answer 503, ask again later. */
  | { status: "unknown"; cause: unknown };

export interface AccessCheckOptions {
  /**
   * The server's machine identifier (its clientIdentifier in plex.tv's resources). Without one, every valid token is
   * allowed: the check is then only "is this a signed-in Plex user?".
   */
  serverId?: string;
  /** How long an answer is trusted. Default 60 000 ms. */
  ttlMs?: number;
  /** A shared cache (the token validator's entries and this check's); default an in-memory one. */
  cache?: ExpiringStore;
  /** Bound of the in-memory cache. Default 10 000 entries. */
  maxEntries?: number;
}

export interface AccessCheck {
  readonly serverId: string | undefined;
  /**
   * The answer for this token. It never throws for what plex.tv answers (or fails to): a 401 from either call is
   * "invalid" and evicts the token from both caches at once; anything else that is not an answer is "unknown".
   * An empty token is a TypeError; an abort rejects with the signal's reason.
   */
  check(token: string, options?: { signal?: AbortSignal }): Promise<AccessResult>;
  /** Drops a token's cached answers (after a sign-out, say). */
  forget(token: string): Promise<void>;
}

/** A user's access to a server, as plex.tv's resources list it for them. */
export interface ServerAccess {
  allowed: boolean;
  owner: boolean;
  /** Their own token for the server (a secret): never cached. */
  serverToken?: string;
}

/**
 * Asks plex.tv now: the owner always has access (their server is listed `owned: true`), anyone else when the server
 * is listed for them with an `accessToken` of their own. Throws what getServers throws.
 */
export async function serverAccess(
  plex: PlexTvClient,
  token: string,
  serverId: string,
  signal?: AbortSignal,
): Promise<ServerAccess> {
  const server = (await getServers(plex, { token, signal })).find((device) => device.clientIdentifier === serverId);
  const serverToken = server?.accessToken || undefined;
  const owner = server?.owned === true;
  return { allowed: owner || serverToken !== undefined, owner, serverToken };
}

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
const digest = async (text: string) =>
  hex(await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));

export function createAccessCheck(plex: PlexTvClient, options: AccessCheckOptions = {}): AccessCheck {
  const { serverId, ttlMs = 60_000, maxEntries = 10_000 } = options;
  if (serverId !== undefined && (typeof serverId !== "string" || !serverId)) {
    throw new TypeError("createAccessCheck: `serverId` must be a machine identifier");
  }
  if (!(ttlMs > 0)) throw new TypeError("createAccessCheck: `ttlMs` must be positive");
  const cache = options.cache ?? memoryStore(maxEntries);
  const validator = createTokenValidator(plex, { ttlMs, cache });
  const inFlight = new Map<string, Promise<AccessResult>>();
  // The server's id is in the key: one cache can serve checks of several servers.
  const keyOf = async (token: string) => `plex-access:${serverId}:${await digest(token)}`;

  const lookup = async (token: string, key: string, user: PlexUser): Promise<AccessResult> => {
    const cached = await safely(() => cache.get(key));
    if (typeof cached === "string") {
      try {
        const { allowed, owner } = JSON.parse(cached) as { allowed: boolean; owner: boolean };
        if (typeof allowed === "boolean")
          return allowed ? { status: "allowed", user, owner: !!owner } : { status: "denied", user };
      } catch {}
      await safely(() => cache.delete(key)); // a corrupt entry: ask plex.tv
    }
    let access: ServerAccess;
    try {
      access = await serverAccess(plex, token, serverId!);
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        await Promise.all([safely(() => validator.forget(token)), safely(() => cache.delete(key))]);
        return { status: "invalid" };
      }
      if (error instanceof PlexTvError) return { status: "unknown", cause: error };
      throw error;
    }
    const { allowed, owner } = access;
    await safely(() => cache.set(key, JSON.stringify({ allowed, owner }), ttlMs));
    return allowed ? { status: "allowed", user, owner } : { status: "denied", user };
  };

  return {
    serverId,
    async check(token, { signal } = {}) {
      if (typeof token !== "string" || token === "") {
        throw new TypeError("AccessCheck.check: `token` must be a non-empty string");
      }
      const validity = await validator.validate(token, { signal });
      if (validity.status === "unknown") return validity;
      if (validity.status === "invalid") {
        if (serverId !== undefined) await safely(async () => cache.delete(await keyOf(token)));
        return validity;
      }
      const user = toPlexUser(validity.user);
      if (serverId === undefined) return { status: "allowed", user, owner: false };
      const key = await keyOf(token);
      let pending = inFlight.get(key);
      if (!pending) {
        pending = lookup(token, key, user).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      // A caller that gives up leaves the shared lookup running for the others.
      return untilAborted(pending, signal);
    },
    async forget(token) {
      await Promise.all([
        safely(() => validator.forget(token)),
        serverId === undefined ? undefined : safely(async () => cache.delete(await keyOf(token))),
      ]);
    },
  };
}
