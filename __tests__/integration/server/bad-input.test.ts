// The sign-in handler under bad input: each case gets a clear status and message, and no token or secret appears in
// any answer (status, headers, body) or in what it logs (its default onError writes to console.error).

import { inspect } from "node:util";
import { createSignInHandler, type SignInHandlerOptions } from "../../../src/server";
import type { FakePlexTv } from "../../../src/testing";
import { clientFor, standIn, useStandIn } from "../../support/stand-in";
import { BrowserLike } from "./browser-like";

const SECRET = "an app secret of at least thirty-two bytes";
const ORIGIN = "http://app.test";

describe("the sign-in handler under bad input", () => {
  const env = useStandIn();
  let logged: unknown[][];
  let log: jest.SpyInstance;
  let tokens: string[];
  let signIns: number;
  beforeEach(() => {
    logged = [];
    tokens = [];
    signIns = 0;
    log = jest.spyOn(console, "error").mockImplementation((...args) => void logged.push(args));
  });
  afterEach(() => log.mockRestore());

  const handlerFor = (server: FakePlexTv, options: Partial<SignInHandlerOptions> = {}) =>
    createSignInHandler(clientFor(server), {
      secret: SECRET,
      pollIntervalMs: 100,
      onSignIn: ({ authToken }) => {
        signIns++;
        tokens.push(authToken);
        return { body: { ok: true } };
      },
      ...options,
    });
  const approve = (server: FakePlexTv, pinId: number) => {
    const token = server.approve(pinId);
    tokens.push(token);
    return token;
  };
  const start = async (browser: BrowserLike, server = env.server) => {
    const started = await browser.request("POST", "/auth/plex/pin", { body: "{}" });
    expect(started.status).toBe(201);
    const code = new URLSearchParams(new URL(started.json.authUrl).hash.slice(2)).get("code")!;
    return { id: started.json.id as string, pinId: server.getPin(code)!.id };
  };
  const poll = (browser: BrowserLike, id: string) => browser.request("GET", `/auth/plex/pin?id=${id}`);
  const pause = (ms = 110) => new Promise((resolve) => setTimeout(resolve, ms));

  /** No token and no secret anywhere a person or a script could see them. */
  function expectNothingLeaked(browser: BrowserLike) {
    const views = [browser.everything(), ...logged.map((args) => inspect(args, { depth: 8 }))].join("\n");
    for (const secret of [SECRET, ...tokens]) expect(views).not.toContain(secret);
  }

  it("a tampered pending cookie: 400 naming the problem, the cookie cleared, plex.tv not asked", async () => {
    const browser = new BrowserLike(handlerFor(env.server), ORIGIN);
    const { id, pinId } = await start(browser);
    approve(env.server, pinId);
    const name = `plex-sign-in-${id}`;
    const { value, attributes } = browser.cookies.get(name)!;
    const [payload, signature] = value.split(".");
    const forged = JSON.parse(Buffer.from(payload!, "base64url").toString());
    forged.pinId = pinId + 1;
    for (const tampered of [
      `${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${signature}`,
      `${payload}.${signature!.slice(0, -2)}AA`,
      `${payload}`,
      "garbage",
    ]) {
      browser.cookies.set(name, { value: tampered, attributes });
      env.server.clearRequests();
      const answer = await poll(browser, id);
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ status: "error", error: "tampered" });
      expect(answer.json.message).toMatch(/not one this app signed/);
      expect(browser.pending()).toEqual([]);
      expect(env.server.requests).toHaveLength(0);
    }
    expect(signIns).toBe(0);
    expectNothingLeaked(browser);
  });

  it("a cookie from another app secret: 400, as tampered", async () => {
    const other = new BrowserLike(
      handlerFor(env.server, { secret: "another app's secret, thirty-two bytes+" }),
      ORIGIN,
    );
    const { id, pinId } = await start(other);
    approve(env.server, pinId);
    const browser = new BrowserLike(handlerFor(env.server), ORIGIN);
    for (const [name, cookie] of other.cookies) browser.cookies.set(name, cookie);
    const answer = await poll(browser, id);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toBe("tampered");
    expect(signIns).toBe(0);
    expectNothingLeaked(browser);
  });

  it("an expired sign-in: 410, by this server's clock and by plex.tv's 404", async () => {
    const short = await standIn({ pinLifetimeSeconds: { strong: 1 } });
    try {
      const browser = new BrowserLike(handlerFor(short), ORIGIN);
      const { id } = await start(browser, short);
      await pause(1050);
      short.clearRequests();
      const late = await poll(browser, id);
      expect(late.status).toBe(410);
      expect(late.json).toEqual({ status: "expired", message: "the sign-in expired before it was approved" });
      expect(short.requests).toHaveLength(0); // the deadline passed here: plex.tv need not be asked
      expect(browser.pending()).toEqual([]);
      // The browser dropped it: no pending sign-in at all is 410 too.
      expect((await poll(browser, id)).status).toBe(410);
      // plex.tv's word, when its PIN went first: a server whose deadline has not passed yet.
      const again = new BrowserLike(handlerFor(short), ORIGIN);
      const second = await start(again, short);
      short.fault("GET /api/v2/pins/{pinID}", { kind: "status", status: 404, body: '{"errors":[{"code":1020}]}' });
      const gone = await poll(again, second.id);
      expect(gone.status).toBe(410);
      expectNothingLeaked(browser);
    } finally {
      await short.close();
    }
  });

  it("a replayed pending cookie: 409, and onSignIn ran once", async () => {
    const browser = new BrowserLike(handlerFor(env.server), ORIGIN);
    const { id, pinId } = await start(browser);
    const saved = new Map(browser.cookies);
    approve(env.server, pinId);
    expect((await poll(browser, id)).json.status).toBe("signedIn");
    expect(browser.pending()).toEqual([]);
    for (const [name, cookie] of saved) browser.cookies.set(name, cookie); // the old cookie, sent again
    await pause();
    const replay = await poll(browser, id);
    expect(replay.status).toBe(409);
    expect(replay.json).toMatchObject({ status: "error", error: "replayed" });
    for (const [name, cookie] of saved) browser.cookies.set(name, cookie);
    expect((await browser.request("GET", `/auth/plex/callback?id=${id}`)).status).toBe(409);
    expect(signIns).toBe(1);
    expectNothingLeaked(browser);
  });

  it("a replay at the same moment as the real poll: one sign-in", async () => {
    const browser = new BrowserLike(handlerFor(env.server), ORIGIN);
    const { id, pinId } = await start(browser);
    approve(env.server, pinId);
    const [first, second] = await Promise.all([poll(browser, id), poll(browser, id)]);
    expect([first.json.status, second.json.status]).toEqual(["signedIn", "signedIn"]); // shared: the same tab
    expect(signIns).toBe(1);
  });

  it("a PIN approved by a user the policy refuses: 403, no session", async () => {
    const browser = new BrowserLike(handlerFor(env.server, { authorize: (user) => user.username === "admin" }), ORIGIN);
    const { id, pinId } = await start(browser);
    approve(env.server, pinId);
    const answer = await poll(browser, id);
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({ status: "refused", message: "this Plex account may not sign in here" });
    expect(signIns).toBe(0);
    await pause();
    expect((await poll(browser, id)).status).toBe(410); // gone: a refused sign-in cannot be retried into a yes
    expectNothingLeaked(browser);
  });

  it("plex.tv down during the check: 503 with a pace, the sign-in kept, never a sign-out; then it completes", async () => {
    const browser = new BrowserLike(
      handlerFor(env.server, { serverId: "standin0server0000000000000000000000001" }),
      ORIGIN,
    );
    const { id, pinId } = await start(browser);
    env.server.fault("GET /api/v2/pins/{pinID}", { kind: "status", status: 503 });
    const down = await poll(browser, id);
    expect(down.status).toBe(503);
    expect(down.json).toMatchObject({ status: "unavailable", retryAfterMs: expect.any(Number) });
    expect(down.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(browser.pending()).toHaveLength(1);
    approve(env.server, pinId);
    // After approval: plex.tv fails to say who the user is, then fails to list their servers, then rate-limits.
    env.server.fault("GET /api/v2/user", { kind: "reset" });
    env.server.fault("GET /api/v2/resources", { kind: "status", status: 502 });
    env.server.fault("GET /api/v2/pins/{pinID}", { kind: "rateLimit", retryAfter: 1 });
    for (let i = 0; i < 3; i++) {
      await pause(down.json.retryAfterMs);
      const answer = await poll(browser, id);
      expect(answer.status).toBe(503);
      expect(browser.pending()).toHaveLength(1);
    }
    await pause(1000);
    const done = await poll(browser, id);
    expect(done.json).toEqual({ status: "signedIn", result: { ok: true } });
    expect(signIns).toBe(1);
    // What was logged says what failed, never with a token.
    expect(logged.length).toBeGreaterThanOrEqual(4);
    expectNothingLeaked(browser);
  });

  it("plex.tv down when the sign-in starts: 503 with a pace, no cookie", async () => {
    const browser = new BrowserLike(handlerFor(env.server), ORIGIN);
    env.server.fault("POST /api/v2/pins", { kind: "status", status: 502 });
    const answer = await browser.request("POST", "/auth/plex/pin", { body: "{}" });
    expect(answer.status).toBe(503);
    expect(answer.json).toMatchObject({ status: "unavailable", retryAfterMs: expect.any(Number) });
    expect(browser.pending()).toEqual([]);
    env.server.fault("POST /api/v2/pins", { kind: "status", status: 400 });
    expect((await browser.request("POST", "/auth/plex/pin", { body: "{}" })).status).toBe(502);
    expectNothingLeaked(browser);
  });

  it("two tabs signing in at once: each its own cookie and its own sign-in", async () => {
    const users: string[] = [];
    const handler = handlerFor(env.server, {
      onSignIn: ({ user, authToken }) => (users.push(user.username), tokens.push(authToken), { body: user.username }),
    });
    const browser = new BrowserLike(handler, ORIGIN);
    const [one, two] = await Promise.all([start(browser), start(browser)]);
    expect(browser.pending()).toHaveLength(2);
    const other = env.server.issueToken({ username: "second-account" });
    tokens.push(other);
    env.server.approve(two.pinId, other);
    expect((await poll(browser, two.id)).json).toEqual({ status: "signedIn", result: "second-account" });
    expect((await poll(browser, one.id)).json.status).toBe("pending");
    approve(env.server, one.pinId);
    await pause();
    expect((await poll(browser, one.id)).json).toEqual({ status: "signedIn", result: "standin" });
    expect(users).toEqual(["second-account", "standin"]);
    expect(browser.pending()).toEqual([]);
    expectNothingLeaked(browser);
  });

  it("at most maxPending sign-ins per browser: the oldest go", async () => {
    const browser = new BrowserLike(handlerFor(env.server, { maxPending: 3 }), ORIGIN);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await start(browser)).id);
    expect(browser.pending().sort()).toEqual(
      ids
        .slice(2)
        .map((id) => `plex-sign-in-${id}`)
        .sort(),
    );
  });

  it.each([
    ["another origin", "https://evil.example/steal"],
    ["a scheme-relative URL elsewhere", "//evil.example/"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["not a string", 42],
    ["longer than 2048 characters", `/${"a".repeat(2048)}`],
  ])("a forwardUrl of %s: 400, no PIN made", async (_, forwardUrl) => {
    const browser = new BrowserLike(handlerFor(env.server), ORIGIN);
    const answer = await browser.request("POST", "/auth/plex/pin", { body: JSON.stringify({ forwardUrl }) });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      status: "error",
      error: "forward_url",
      message: "`forwardUrl` must be a page of this app (http://app.test)",
    });
    expect(env.server.requests).toHaveLength(0);
    expect(browser.pending()).toEqual([]);
  });

  it.each([
    ["a body over 4 KiB", { body: JSON.stringify({ pad: "x".repeat(5000) }) }, 413, "too_large"],
    ["malformed JSON", { body: "{" }, 400, "malformed"],
    ["a JSON array", { body: "[]" }, 400, "malformed"],
    [
      "a form body",
      { body: "a=b", headers: { "Content-Type": "application/x-www-form-urlencoded" } },
      415,
      "content_type",
    ],
    ["no Content-Type", { body: "{}", headers: { "Content-Type": "" } }, 415, "content_type"],
    ["a cross-site Origin", { body: "{}", headers: { Origin: "https://evil.example" } }, 403, "cross_origin"],
    ["Sec-Fetch-Site: cross-site", { body: "{}", headers: { "Sec-Fetch-Site": "cross-site" } }, 403, "cross_origin"],
  ])("POST /pin with %s: %s", async (_, init, status, error) => {
    const browser = new BrowserLike(handlerFor(env.server), ORIGIN);
    const answer = await browser.request("POST", "/auth/plex/pin", init);
    expect(answer.status).toBe(status);
    expect(answer.json).toMatchObject({ status: "error", error, message: expect.any(String) });
    expect(env.server.requests).toHaveLength(0);
  });

  it.each([
    ["GET", "/auth/plex/pin", 400, "malformed"],
    ["GET", "/auth/plex/pin?id=../../etc", 400, "malformed"],
    ["GET", `/auth/plex/pin?id=${"a".repeat(300)}`, 414, "too_large"],
    ["GET", "/auth/plex/elsewhere", 404, "not_found"],
    ["GET", "/somewhere", 404, "not_found"],
    ["PUT", "/auth/plex/pin", 405, "method"],
    ["POST", "/auth/plex/callback", 405, "method"],
  ])("%s %s: %s", async (method, path, status, error) => {
    const browser = new BrowserLike(handlerFor(env.server), ORIGIN);
    const answer = await browser.request(method, path, method === "POST" ? { body: "{}" } : {});
    expect(answer.status).toBe(status);
    expect(answer.json).toMatchObject({ status: "error", error });
    if (status === 405) expect(answer.headers.get("Allow")).toMatch(/GET/);
  });

  it("an app whose onSignIn answers the token to the page gets a 500, and the page does not get the token", async () => {
    const browser = new BrowserLike(
      handlerFor(env.server, { onSignIn: ({ authToken }) => ({ body: { authToken } }) }),
      ORIGIN,
    );
    const { id, pinId } = await start(browser);
    approve(env.server, pinId);
    const answer = await poll(browser, id);
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({ status: "error", error: "server", message: "the sign-in failed on the server" });
    expect(String(logged[0]?.[1])).toMatch(/holds the plex.tv token/);
    expectNothingLeaked(browser);
  });

  it("an app whose onSignIn throws: 500, logged, and the sign-in is not spent: the next poll tries again, once", async () => {
    let down = true;
    const sessions: string[] = [];
    const browser = new BrowserLike(
      handlerFor(env.server, {
        onSignIn: ({ user }) => {
          if (down) throw new Error("the session store is down");
          sessions.push(user.username);
          return { body: { ok: true } };
        },
      }),
      ORIGIN,
    );
    const { id, pinId } = await start(browser);
    approve(env.server, pinId);
    expect((await poll(browser, id)).status).toBe(500);
    expect(String(logged[0]?.[1])).toMatch(/the session store is down/);
    down = false;
    await pause();
    expect((await poll(browser, id)).json).toEqual({ status: "signedIn", result: { ok: true } });
    expect(sessions).toEqual(["standin"]);
    await pause();
    expect((await poll(browser, id)).status).toBe(410); // its cookie is gone: it ended
    expectNothingLeaked(browser);
  });
});
