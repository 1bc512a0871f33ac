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
  /**
   * Commands awaiting Redis at once; past them a call fails at once. node-redis keeps a command its caller gave up
   * on (a timeout) until Redis answers, so a Redis that hangs would otherwise gather them without end. Default 1000.
   */
  maxInFlight?: number;
}

/**
 * An ExpiringStore in Redis: GET, SET … PX, DEL, and SET … NX PX (`add`) for locks and once-only marks. While the
 * connection is down every call fails at once (its user then does without: the validator asks plex.tv), so nothing
 * queues up; and a client without an "error" listener gets one, so a lost connection cannot crash the process (add
 * your own to log them).
 */
export function redisStore(
  client: RedisClientLike,
  { prefix = "plex-tv-auth:", maxInFlight = 1000 }: RedisStoreOptions = {},
): ExpiringStore {
  if (typeof client?.sendCommand !== "function") {
    throw new TypeError("redisStore: `client` must be a node-redis client (createClient from `redis`)");
  }
  if (!(Number.isSafeInteger(maxInFlight) && maxInFlight >= 1)) {
    throw new TypeError("redisStore: `maxInFlight` must be a whole number, 1 or more");
  }
  if (client.on && client.listenerCount?.("error") === 0) client.on("error", () => {});
  let inFlight = 0;
  const send = async (args: string[]) => {
    if (client.isReady === false) throw new Error("redisStore: Redis is not connected");
    if (inFlight >= maxInFlight) throw new Error(`redisStore: ${maxInFlight} commands are waiting for Redis already`);
    inFlight++;
    try {
      return await client.sendCommand(args);
    } finally {
      inFlight--;
    }
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
