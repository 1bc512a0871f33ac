// createTokenValidator under attack and at scale, against the stand-in: it never fails open on what a shared cache
// holds, keeps no token there, bounds its plex.tv calls (a queue, a short memory of "invalid", a pause after a
// 429), keeps nothing a forget() came before, waits a bounded time on a cache that hangs, and shares one plex.tv
// call per token between instances.

import {
  ChecksOverloadedError,
  createPlexTvClient,
  createTokenValidator,
  memoryExpiringStore,
  type FetchLike,
  type ExpiringStore,
} from "../../../src";
import { identity, useStandIn } from "../../support/stand-in";
import { activeTimers, eventually } from "../../support/timers";
import { visibleStore } from "../../support/visible-store";

const standIn = useStandIn({ requestLogLimit: 100_000 });
const userChecks = () => standIn.server.requests.filter((r) => r.route === "GET /api/v2/user").length;

/** A client whose fetch counts the requests in flight, and the most there ever were at once. */
function countingClient() {
  let now = 0;
  let most = 0;
  const fetch: FetchLike = async (request, init) => {
    most = Math.max(most, ++now);
    try {
      return await globalThis.fetch(request, init);
    } finally {
      now--;
    }
  };
  return { plex: createPlexTvClient({ ...identity, baseUrl: standIn.server.url, fetch }), most: () => most };
}

describe("a shared cache's entries are believed only when they hold a user under their own key", () => {
  it.each(["null", "0", "true", "[]", "{}", '"valid"', "{corrupt", '{"key":"plex-token:x","user":{"id":1}}'])(
    "%s: plex.tv is asked, a junk token is invalid, the entry is gone",
    async (value) => {
      const cache = visibleStore({ add: true });
      const plex = createPlexTvClient({ ...identity, baseUrl: standIn.server.url });
      // Nothing kept in this process: each check reads the shared cache.
      const validator = createTokenValidator(plex, { cache, memoryTtlMs: 0, invalidTtlMs: 0 });
      const junk = "junk-token-never-issued";
      const key = await keyOf(junk);
      cache.map.set(key, value);
      const before = userChecks();
      expect(await validator.validate(junk)).toEqual({ status: "invalid" });
      expect(userChecks()).toBe(before + 1);
      expect(cache.map.has(key)).toBe(false);
    },
  );

  it("an entry copied from another token's key does not make that token valid", async () => {
    const cache = visibleStore({ add: true });
    const plex = createPlexTvClient({ ...identity, baseUrl: standIn.server.url });
    const validator = createTokenValidator(plex, { cache, memoryTtlMs: 0 });
    const admin = standIn.server.issueToken();
    expect((await validator.validate(admin)).status).toBe("valid");
    const entry = [...cache.map.values()][0]!;
    const junk = "attackers-own-junk-token";
    cache.map.set(await keyOf(junk), entry);
    expect(await validator.validate(junk)).toEqual({ status: "invalid" });
  });

  it("with a secret, keys are HMACs: one who can write to the cache cannot name an entry for a token", async () => {
    const cache = visibleStore({ add: true });
    const plex = createPlexTvClient({ ...identity, baseUrl: standIn.server.url });
    const token = standIn.server.issueToken();
    await createTokenValidator(plex, { cache, secret: "a-secret-of-this-app-0123456789abcdef" }).validate(token);
    expect([...cache.map.keys()]).toHaveLength(1);
    expect([...cache.map.keys()][0]).not.toBe(await keyOf(token));
    expect([...cache.map.keys()][0]).toMatch(/^plex-token:[0-9a-f]{64}$/);
  });
});

/** The SHA-256 key a validator without a secret gives a token. */
async function keyOf(token: string) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return `plex-token:${Buffer.from(digest).toString("hex")}`;
}

describe("what the shared cache holds", () => {
  it("an allowlist of the user's fields: no token, no service token, no PIN hash", async () => {
    const cache = visibleStore({ add: true });
    const plex = createPlexTvClient({ ...identity, baseUrl: standIn.server.url });
    const token = standIn.server.issueToken();
    const result = await createTokenValidator(plex, { cache }).validate(token);
    const value = [...cache.map.values()][0]!;
    const held = JSON.parse(value);
    expect(Object.keys(held)).toEqual(["key", "user"]);
    expect(held.user).toMatchObject({ id: expect.any(Number), uuid: expect.any(String), username: "standin" });
    for (const secret of ["authToken", "services", "pin", "providers"]) expect(held.user).not.toHaveProperty(secret);
    expect(value).not.toContain(token);
    expect(value).not.toMatch(/standin-service-/);
    // The answer holds the same fields, and the token as authToken.
    expect(result.status === "valid" && { ...result.user, authToken: undefined }).toEqual({
      ...held.user,
      authToken: undefined,
    });
  });
});

describe("plex.tv calls stay bounded", () => {
  it("an invalid token checked 50 times is one plex.tv call, until invalidTtlMs has passed", async () => {
    const plex = createPlexTvClient({ ...identity, baseUrl: standIn.server.url });
    const validator = createTokenValidator(plex, { invalidTtlMs: 200 });
    for (let i = 0; i < 50; i++) expect((await validator.validate("not-a-token")).status).toBe("invalid");
    expect(userChecks()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 250));
    await validator.validate("not-a-token");
    expect(userChecks()).toBe(2);
  });

  it("500 junk tokens at once: at most maxConcurrentChecks requests in flight, every answer invalid", async () => {
    standIn.server.fault("GET /api/v2/user", { kind: "delay", ms: 20 }, 500);
    const { plex, most } = countingClient();
    const validator = createTokenValidator(plex, { maxConcurrentChecks: 8 });
    const results = await Promise.all(Array.from({ length: 500 }, (_, i) => validator.validate(`junk-${i}`)));
    expect(results.every((result) => result.status === "invalid")).toBe(true);
    expect(userChecks()).toBe(500);
    expect(most()).toBe(8);
  });

  it("past maxQueuedChecks a check is 'unknown' at once (ChecksOverloadedError), and cached users are still valid", async () => {
    const { plex } = countingClient();
    const validator = createTokenValidator(plex, { maxConcurrentChecks: 2, maxQueuedChecks: 10 });
    const known = standIn.server.issueToken();
    expect((await validator.validate(known)).status).toBe("valid");
    standIn.server.fault("GET /api/v2/user", { kind: "delay", ms: 100 }, 100);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => validator.validate(`flood-${i}`)));
    const overloaded = results.filter((r) => r.status === "unknown" && r.cause instanceof ChecksOverloadedError);
    expect(overloaded).toHaveLength(50 - 2 - 10);
    expect((await validator.validate(known)).status).toBe("valid");
  });

  it("after a 429, new checks are 'unknown' at once for its Retry-After, asking nothing; then plex.tv again", async () => {
    const plex = createPlexTvClient({ ...identity, baseUrl: standIn.server.url });
    const validator = createTokenValidator(plex);
    const known = standIn.server.issueToken();
    expect((await validator.validate(known)).status).toBe("valid");
    standIn.server.fault("GET /api/v2/user", { kind: "rateLimit", retryAfter: 1 });
    const limited = await validator.validate("first");
    expect(limited).toMatchObject({ status: "unknown", cause: { name: "RateLimitedError", retryAfterMs: 1000 } });
    const calls = userChecks();
    const token = standIn.server.issueToken();
    const during = await Promise.all(Array.from({ length: 20 }, () => validator.validate(token)));
    expect(during.every((result) => result.status === "unknown")).toBe(true);
    expect(userChecks()).toBe(calls);
    expect((await validator.validate(known)).status).toBe("valid"); // cached users still get through
    await new Promise((resolve) => setTimeout(resolve, 1050));
    expect((await validator.validate(token)).status).toBe("valid");
    expect(userChecks()).toBe(calls + 1);
  });
});

describe("the queue after a 429 in a burst", () => {
  it("gives back every place: the checks waiting are 'unknown' at once, and later ones run at full width", async () => {
    const { plex, most } = countingClient();
    const validator = createTokenValidator(plex, { maxConcurrentChecks: 4, maxQueuedChecks: 50 });
    // The first check plex.tv answers is a 429 (Retry-After 1 s); the next ones are slow, so others queue.
    standIn.server.fault("GET /api/v2/user", { kind: "rateLimit", retryAfter: 1 });
    standIn.server.fault("GET /api/v2/user", { kind: "delay", ms: 100 }, 200);
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => validator.validate(`burst-${i}`)));
    expect(burst.filter((result) => result.status === "unknown").length).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const tokens = Array.from({ length: 12 }, () => standIn.server.issueToken());
    const later = await Promise.all(tokens.map((token) => validator.validate(token)));
    expect(later.map((result) => result.status)).toEqual(Array(12).fill("valid"));
    expect(most()).toBe(4);
  });
});

describe("forget() and checks in flight", () => {
  it("a check in flight when forget() came keeps nothing: the next check asks plex.tv", async () => {
    standIn.server.fault("GET /api/v2/user", { kind: "delay", ms: 150 });
    const cache = visibleStore({ add: true });
    const plex = createPlexTvClient({ ...identity, baseUrl: standIn.server.url });
    const validator = createTokenValidator(plex, { cache });
    const token = standIn.server.issueToken();
    const checking = validator.validate(token);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await validator.forget(token);
    expect((await checking).status).toBe("valid"); // that caller still gets its answer
    expect(cache.map.size).toBe(0);
    await validator.validate(token);
    expect(userChecks()).toBe(2);
  });
});

describe("a shared cache that hangs", () => {
  it("every call waits at most cacheTimeoutMs, then plex.tv answers; no timer is left", async () => {
    const hanging: ExpiringStore = {
      get: () => new Promise(() => {}),
      set: () => new Promise(() => {}),
      delete: () => new Promise(() => {}),
      add: () => new Promise(() => {}),
    };
    const timersBefore = activeTimers();
    const plex = createPlexTvClient({ ...identity, baseUrl: standIn.server.url });
    const validator = createTokenValidator(plex, { cache: hanging, cacheTimeoutMs: 50 });
    const started = Date.now();
    expect((await validator.validate(standIn.server.issueToken())).status).toBe("valid");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await eventually(() => activeTimers() <= timersBefore)).toBe(true);
  });
});

describe("instances sharing one cache", () => {
  it("3 validators × 100 concurrent checks of 20 tokens: 20 plex.tv calls in all", async () => {
    standIn.server.fault("GET /api/v2/user", { kind: "delay", ms: 50 }, 100);
    const cache = memoryExpiringStore();
    const tokens = Array.from({ length: 20 }, () => standIn.server.issueToken());
    const validators = [1, 2, 3].map(() =>
      createTokenValidator(createPlexTvClient({ ...identity, baseUrl: standIn.server.url }), { cache }),
    );
    const results = await Promise.all(
      validators.flatMap((validator) =>
        Array.from({ length: 100 }, (_, i) => validator.validate(tokens[i % tokens.length]!)),
      ),
    );
    expect(results.every((result) => result.status === "valid")).toBe(true);
    expect(userChecks()).toBe(20);
  });

  it("a cached answer is the same object each time: a cached check allocates nothing", async () => {
    const plex = createPlexTvClient({ ...identity, baseUrl: standIn.server.url });
    const validator = createTokenValidator(plex);
    const token = standIn.server.issueToken();
    const first = await validator.validate(token);
    expect(validator.validate(token)).toBe(validator.validate(token));
    expect(await validator.validate(token)).toBe(first);
  });
});
