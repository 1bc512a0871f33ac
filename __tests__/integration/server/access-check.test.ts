// createAccessCheck against the stand-in: "may this user use my server?" with each answer cached, a 401 from either
// call evicting both, and plex.tv's failures kept apart from a "no". Calls to plex.tv are counted from its log.

import { switchHomeUser } from "../../../src";
import { createAccessCheck, type ExpiringStore } from "../../../src/server";
import { clientFor, useStandIn } from "../../support/stand-in";
import { visibleStore } from "../../support/visible-store";

const OWNED = "standin0server0000000000000000000000001";

describe("createAccessCheck", () => {
  const env = useStandIn({ requestLogLimit: 100_000 });
  const calls = (route: string) => env.server.requests.filter((r) => r.route === route).length;
  const users = () => calls("GET /api/v2/user");
  const resources = () => calls("GET /api/v2/resources");

  it("the owner is allowed, and the answer is cached: plex.tv is asked once per ttlMs", async () => {
    const token = env.server.issueToken();
    const check = createAccessCheck(clientFor(env.server), { serverId: OWNED });
    const results = await Promise.all(Array.from({ length: 20 }, () => check.check(token)));
    expect(results.every((r) => r.status === "allowed" && r.owner && r.user.username === "standin")).toBe(true);
    expect(await check.check(token)).toMatchObject({ status: "allowed", owner: true });
    expect([users(), resources()]).toEqual([1, 1]);
    // The user handed on holds no secret.
    expect(JSON.stringify(results[0])).not.toMatch(/authToken|services|standin-/);
  });

  it("a Home user the server is shared with is allowed, not as owner; someone else's server is denied", async () => {
    const [, , livingRoom] = env.server.setUpHome();
    env.server.shareServer(OWNED, livingRoom!.user);
    const plex = clientFor(env.server);
    const { authToken } = await switchHomeUser(plex, { token: env.server.issueToken(), user: livingRoom!.user });
    expect(await createAccessCheck(plex, { serverId: OWNED }).check(authToken)).toMatchObject({
      status: "allowed",
      owner: false,
      user: { title: "Living Room" },
    });
    const denied = await createAccessCheck(plex, { serverId: "not-this-users" }).check(authToken);
    expect(denied).toMatchObject({ status: "denied", user: { title: "Living Room" } });
  });

  it("a shared entry is believed only under its own key: a planted {allowed: true} grants nothing", async () => {
    env.server.setResources([
      { name: "Not theirs", clientIdentifier: "someone-elses", owned: false, accessToken: null },
    ]);
    const cache = visibleStore();
    const plex = clientFor(env.server);
    const stranger = env.server.issueToken();
    const check = createAccessCheck(plex, { serverId: "someone-elses", cache, memoryTtlMs: 0 });
    expect((await check.check(stranger)).status).toBe("denied");
    const [key] = [...cache.map.keys()].filter((k) => k.includes(":access:"));
    for (const planted of ['{"allowed":true,"owner":true}', `{"key":"${key}x","allowed":true}`, "true"]) {
      cache.map.set(key!, planted);
      expect((await check.check(stranger)).status).toBe("denied");
    }
    expect(resources()).toBe(4);
  });

  it("with a secret, the access entries' keys are HMACs too", async () => {
    const cache = visibleStore();
    const plex = clientFor(env.server);
    const token = env.server.issueToken();
    const secret = "a-secret-of-this-app-0123456789abcdef";
    await createAccessCheck(plex, { serverId: OWNED, cache }).check(token);
    await createAccessCheck(plex, { serverId: OWNED, cache, secret }).check(token);
    const access = [...cache.map.keys()].filter((k) => k.includes(":access:"));
    expect(access).toHaveLength(2);
    expect(access[0]).not.toBe(access[1]);
  });

  it("resources answered as no list (a proxy's {}, null) are 'unknown', never a cached 'denied'", async () => {
    const token = env.server.issueToken();
    const check = createAccessCheck(clientFor(env.server), { serverId: OWNED });
    env.server.fault("GET /api/v2/resources", { kind: "status", status: 200, body: "{}" });
    expect((await check.check(token)).status).toBe("unknown");
    expect(await check.check(token)).toMatchObject({ status: "allowed", owner: true });
  });

  it("a server listed without a token of the user's is denied", async () => {
    env.server.setResources([
      { name: "Friend's", clientIdentifier: "friends-server", owned: false, accessToken: null },
    ]);
    const check = createAccessCheck(clientFor(env.server), { serverId: "friends-server" });
    expect((await check.check(env.server.issueToken())).status).toBe("denied");
  });

  it("a revoked token the validator still holds as valid: 'invalid' at the server lookup, both caches evicted", async () => {
    const token = env.server.issueToken();
    const cache = visibleStore();
    const plex = clientFor(env.server);
    // The validator's answer is cached (as the README's old example had it); the access answer is not yet.
    await createAccessCheck(plex, { cache }).check(token);
    const check = createAccessCheck(plex, { serverId: OWNED, cache });
    env.server.revokeToken(token);
    const before = users();
    await expect(check.check(token)).resolves.toEqual({ status: "invalid" });
    expect(users()).toBe(before); // the user check came from the cache; the 401 came from the resources
    expect(cache.map.size).toBe(0);
    await expect(check.check(token)).resolves.toEqual({ status: "invalid" });
    expect(users()).toBe(before + 1); // evicted: plex.tv is asked again, and says 401 again
  });

  it("plex.tv failing is 'unknown' and never cached: 5xx, 429, a reset, a timeout, on either call", async () => {
    const token = env.server.issueToken();
    const cache = visibleStore();
    const check = createAccessCheck(clientFor(env.server, { timeoutMs: 200 }), { serverId: OWNED, cache });
    const faults = [
      ["GET /api/v2/user", { kind: "status", status: 503 }],
      ["GET /api/v2/user", { kind: "rateLimit", retryAfter: 0 }], // 0: no pause of the validator's queue after it
      ["GET /api/v2/resources", { kind: "status", status: 500 }],
      ["GET /api/v2/resources", { kind: "reset" }],
      ["GET /api/v2/resources", { kind: "delay", ms: 1000 }],
      ["GET /api/v2/resources", { kind: "body", body: "html" }],
    ] as const;
    for (const [route, fault] of faults) {
      env.server.fault(route, fault);
      const result = await check.check(token);
      expect(result.status).toBe("unknown");
      expect([...cache.map.keys()].some((key) => key.includes(":access:"))).toBe(false);
    }
    expect(await check.check(token)).toMatchObject({ status: "allowed" });
    // Keys and values of the shared cache hold no token.
    expect(JSON.stringify([...cache.map])).not.toContain(token);
    expect(JSON.stringify([...cache.map])).not.toContain("standin-server-token");
  });

  it("a denied answer is cached for ttlMs too, and forget() drops it", async () => {
    const token = env.server.issueToken();
    const check = createAccessCheck(clientFor(env.server), { serverId: "elsewhere", ttlMs: 60_000 });
    expect((await check.check(token)).status).toBe("denied");
    expect((await check.check(token)).status).toBe("denied");
    expect(resources()).toBe(1);
    await check.forget(token);
    expect((await check.check(token)).status).toBe("denied");
    expect([users(), resources()]).toEqual([2, 2]);
  });

  it("forget() while a check runs: that check keeps nothing, in memory or the shared cache, and the next asks again", async () => {
    const token = env.server.issueToken();
    const cache = visibleStore();
    const check = createAccessCheck(clientFor(env.server), { serverId: OWNED, cache });
    env.server.fault("GET /api/v2/resources", { kind: "delay", ms: 300 });
    const running = check.check(token);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await check.forget(token);
    expect((await running).status).toBe("allowed");
    expect([...cache.map.keys()].filter((key) => key.endsWith(`:access:${OWNED}`))).toEqual([]);
    expect((await check.check(token)).status).toBe("allowed");
    expect(resources()).toBe(2);
  });

  it("a shared cache that fails (Redis down) does not fail the check", async () => {
    const broken: ExpiringStore = {
      get: () => Promise.reject(new Error("down")),
      set: () => Promise.reject(new Error("down")),
      delete: () => Promise.reject(new Error("down")),
    };
    const check = createAccessCheck(clientFor(env.server), { serverId: OWNED, cache: broken });
    expect((await check.check(env.server.issueToken())).status).toBe("allowed");
  });

  it("an invalid token checked again and again asks plex.tv once: the validator's 'invalid' is kept", async () => {
    const check = createAccessCheck(clientFor(env.server), { serverId: OWNED });
    for (let i = 0; i < 5; i++) expect(await check.check("not-a-token")).toEqual({ status: "invalid" });
    expect([users(), resources()]).toEqual([1, 0]);
  });

  it("without serverId, any valid token is allowed", async () => {
    const check = createAccessCheck(clientFor(env.server));
    expect(await check.check(env.server.issueToken())).toMatchObject({ status: "allowed", owner: false });
    expect(resources()).toBe(0);
    expect(await check.check("not-a-token")).toEqual({ status: "invalid" });
  });

  it("an abort rejects with the signal's reason; bad options and tokens are TypeErrors", async () => {
    const check = createAccessCheck(clientFor(env.server), { serverId: OWNED });
    env.server.fault("GET /api/v2/user", { kind: "delay", ms: 500 });
    const controller = new AbortController();
    const pending = check.check(env.server.issueToken(), { signal: controller.signal });
    controller.abort(new Error("gave up"));
    await expect(pending).rejects.toThrow("gave up");
    await expect(check.check("")).rejects.toThrow(TypeError);
    expect(() => createAccessCheck(clientFor(env.server), { serverId: "" })).toThrow(/serverId/);
    expect(() => createAccessCheck(clientFor(env.server), { ttlMs: 0 })).toThrow(/ttlMs/);
  });
});
