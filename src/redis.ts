// plex-tv-auth/redis: an ExpiringStore in Redis, over a node-redis client (the `redis` package, v4 or later) the app
// creates and connects: the token validator's and the access check's shared cache, the sign-in handler's and the
// forward-auth gateway's store. Only the client's `sendCommand` and `isReady` are used, so it follows no release's
// method signatures; it imports nothing from node-redis.

import type { ExpiringStore } from "./stores/expiring-store";

/** What the cache needs of a node-redis client (createClient() from `redis` or `@redis/client`). */
export interface RedisClientLike {
  sendCommand(args: string[]): Promise<unknown>;
  /** Whether the connection is up; while it is not, calls fail at once instead of queueing. */
  readonly isReady?: boolean;
  on?(event: "error", listener: (error: unknown) => void): unknown;
  listenerCount?(event: string): number;
}

export interface RedisStoreOptions {
  /** Put before every key, so apps sharing one Redis do not meet. Default "plex-tv-auth:". */
  prefix?: string;
}

/**
 * An ExpiringStore in Redis: GET, SET … PX, DEL, and SET … NX PX (`add`) for locks and once-only marks. While the
 * connection is down every call fails at once (its user then does without: the validator asks plex.tv), so nothing
 * queues up; and a client without an "error" listener gets one, so a lost connection cannot crash the process (add
 * your own to log them).
 */
export function redisStore(
  client: RedisClientLike,
  { prefix = "plex-tv-auth:" }: RedisStoreOptions = {},
): ExpiringStore {
  if (typeof client?.sendCommand !== "function") {
    throw new TypeError("redisStore: `client` must be a node-redis client (createClient from `redis`)");
  }
  if (client.on && client.listenerCount?.("error") === 0) client.on("error", () => {});
  const send = async (args: string[]) => {
    if (client.isReady === false) throw new Error("redisStore: Redis is not connected");
    return client.sendCommand(args);
  };
  return {
    get: async (key) => {
      const value = await send(["GET", prefix + key]);
      return typeof value === "string" ? value : undefined;
    },
    set: async (key, value, ttlMs) => void (await send(["SET", prefix + key, value, "PX", String(Math.ceil(ttlMs))])),
    delete: async (key) => void (await send(["DEL", prefix + key])),
    add: async (key, value, ttlMs) =>
      (await send(["SET", prefix + key, value, "PX", String(Math.ceil(ttlMs)), "NX"])) === "OK",
  };
}
