// "May this user use my server?", asked on every request and answered safely: the token validator for who the user
// is, plex.tv's resources for their access to the server, each answer cached (in this process by the token, in a
// shared store by its digest, bound to its key), and plex.tv's failures kept apart from a "no".

import { createTokenValidator, type TokenValidator, type TokenValidatorOptions } from "../flows/token-validator";
import { sharedChecks, type CheckRun } from "../flows/shared-checks";
import { cacheKeyer, decodeEntry, encodeEntry } from "../flows/validation-cache";
import type { PlexTvClient } from "../plex-tv/client";
import type { PlexUser } from "../plex-tv/plex-user";
import { getServers } from "../plex-tv/servers";
import { safely } from "../stores/expiring-store";
import { InvalidTokenError, PlexTvError } from "../transport/errors";

export type AccessResult =
  /** The token is valid and its user may use the server (`owner`: they own it). */
  | { status: "allowed"; user: PlexUser; owner: boolean }
  /** The token is valid, but its user has no access to the server. */
  | { status: "denied"; user: PlexUser }
  /** plex.tv answered 401: the token is invalid (signed out, revoked). Drop the session. */
  | { status: "invalid" }
  /** plex.tv could not say (down, 5xx, 429, a timeout): keep the session, answer 503, ask again later. */
  | { status: "unknown"; cause: unknown };

export interface AccessCheckOptions extends TokenValidatorOptions {
  /**
   * The server's machine identifier (its clientIdentifier in plex.tv's resources). Without one, every valid token is
   * allowed: the check is then only "is this a signed-in Plex user?".
   */
  serverId?: string;
  /** The token validator to ask who a token is; by default one made with these options. */
  validator?: TokenValidator;
}

export interface AccessCheck {
  readonly serverId: string | undefined;
  /**
   * The answer for this token. It never throws for what plex.tv answers (or fails to): a 401 from either call is
   * "invalid" and evicts the token from every cache at once; anything else that is not an answer is "unknown". A
   * cached answer is the same object each time: do not change it. An empty token is a TypeError; an abort rejects
   * with the signal's reason.
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

const who = "createAccessCheck";

export function createAccessCheck(plex: PlexTvClient, options: AccessCheckOptions = {}): AccessCheck {
  const { serverId, ttlMs = 60_000, maxEntries = 10_000, cache, secret, cacheTimeoutMs } = options;
  if (serverId !== undefined && (typeof serverId !== "string" || !serverId)) {
    throw new TypeError(`${who}: \`serverId\` must be a machine identifier`);
  }
  const validator = options.validator ?? createTokenValidator(plex, options);
  const memoryTtlMs = options.memoryTtlMs ?? (cache ? Math.min(ttlMs, 5000) : ttlMs);
  // Answers in this process, by token: "allowed" and "denied" for memoryTtlMs, the others never.
  const checks = sharedChecks<AccessResult>(maxEntries, ({ status }) =>
    status === "allowed" || status === "denied" ? memoryTtlMs : 0,
  );
  const keyer = cacheKeyer(secret, who);
  // The server's id is in the key: one store can serve checks of several servers.
  const keyOf = async (token: string) => `${await keyer(token)}:access:${serverId}`;
  const shared = <T>(operation: (store: NonNullable<typeof cache>) => T | Promise<T>) =>
    cache ? safely(() => operation(cache), cacheTimeoutMs) : Promise.resolve(undefined);

  /** Drops this check's own answers for `token` (a check under way then keeps nothing). */
  const dropAccess = async (token: string) => {
    checks.forget(token);
    await shared(async (c) => c.delete(await keyOf(token)));
  };
  /** Drops every answer for `token`, the validator's too: a 401 at the server lookup says its "valid" is stale. */
  const evict = async (token: string) => {
    await Promise.all([dropAccess(token), safely(() => validator.forget(token))]);
  };

  const lookup = async (token: string, user: PlexUser, state: CheckRun): Promise<AccessResult> => {
    const key = await keyOf(token);
    const stored = decodeEntry(key, await shared((c) => c.get(key)));
    if (typeof stored?.allowed === "boolean") {
      return stored.allowed ? { status: "allowed", user, owner: stored.owner === true } : { status: "denied", user };
    }
    let access: ServerAccess;
    try {
      access = await serverAccess(plex, token, serverId!);
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        await evict(token);
        return { status: "invalid" };
      }
      if (error instanceof PlexTvError) return { status: "unknown", cause: error };
      throw error;
    }
    const { allowed, owner } = access;
    if (!state.forgotten) await shared((c) => c.set(key, encodeEntry(key, { allowed, owner }), ttlMs));
    return allowed ? { status: "allowed", user, owner } : { status: "denied", user };
  };

  const answer = async (token: string, state: CheckRun): Promise<AccessResult> => {
    const validity = await validator.validate(token);
    if (validity.status === "unknown") return validity;
    if (validity.status === "invalid") {
      // The validator keeps its "invalid" for invalidTtlMs: forgetting it would ask plex.tv again on every check.
      await dropAccess(token);
      return validity;
    }
    const { authToken: _secret, ...user } = validity.user;
    return serverId === undefined ? { status: "allowed", user, owner: false } : lookup(token, user, state);
  };

  return {
    serverId,
    check(token, { signal } = {}) {
      if (typeof token !== "string" || token === "") {
        return Promise.reject(new TypeError("AccessCheck.check: `token` must be a non-empty string"));
      }
      return checks.run(token, (run) => answer(token, run), signal);
    },
    forget: evict,
  };
}
