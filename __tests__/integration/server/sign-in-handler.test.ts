// createSignInHandler against the plex.tv stand-in: called in process and over a real node:http server, with a
// cookie-keeping browser stand-in. plex.tv's side is read from the stand-in's request log.

import { switchHomeUser } from "../../../src";
import { createSignInHandler, type SignInDetails, type SignInHandlerOptions } from "../../../src/server";
import { clientFor, useStandIn } from "../../support/stand-in";
import { BrowserLike, overHttp, serveFetch } from "./browser-like";
import { visibleStore } from "../../support/visible-store";

const SECRET = "an app secret of at least thirty-two bytes";
const ORIGIN = "http://app.test";
const OWNED = "standin0server0000000000000000000000001"; // the stand-in's default server, owned by its user

describe("createSignInHandler", () => {
  const env = useStandIn();
  const checks = () => env.server.requests.filter((r) => r.route === "GET /api/v2/pins/{pinID}").length;
  let signIns: SignInDetails<unknown>[];
  beforeEach(() => (signIns = []));

  const handlerWith = (options: Partial<SignInHandlerOptions<unknown>> = {}) =>
    createSignInHandler<unknown>(clientFor(env.server), {
      secret: SECRET,
      authAppBaseUrl: env.server.authAppUrl,
      onError: () => {},
      onSignIn: (signIn) => {
        signIns.push(signIn);
        return {
          body: { username: signIn.user.username },
          headers: { "Set-Cookie": "session=abc; Path=/; HttpOnly; SameSite=Lax" },
        };
      },
      ...options,
    });
  const browserFor = (handler: (request: Request) => Promise<Response>, origin = ORIGIN) =>
    new BrowserLike(handler, origin);

  /** POST /pin, then the PIN the stand-in made for it. */
  async function start(browser: BrowserLike, body = "{}") {
    const started = await browser.request("POST", "/auth/plex/pin", { body });
    expect(started.status).toBe(201);
    const fragment = new URLSearchParams(new URL(started.json.authUrl).hash.slice(2));
    const pin = env.server.getPin(fragment.get("code")!)!;
    return { ...started.json, fragment, pin };
  }

  it("popup: the server makes the PIN, the page polls it, onSignIn makes the session; the token stays on the server", async () => {
    const handler = handlerWith();
    const browser = browserFor(handler);
    const started = await start(browser);
    expect(started).toMatchObject({ status: "started", id: expect.stringMatching(/^[\w-]{22}$/), retryAfterMs: 1000 });
    expect(started.expiresInMs).toBeGreaterThan(1790_000);
    // The auth app URL carries the app's one client identifier, the one plex.tv saw make the PIN.
    expect(started.authUrl.startsWith(`${env.server.authAppUrl}#?`)).toBe(true);
    expect(started.fragment.get("clientID")).toBe(env.server.requests[0]!.headers["x-plex-client-identifier"]);
    expect(started.fragment.get("forwardUrl")).toBeNull();
    const [name] = browser.pending();
    expect(name).toBe(`plex-sign-in-${started.id}`);
    expect(browser.cookies.get(name!)!.attributes).toMatch(/^Path=\/auth\/plex; Max-Age=\d+; HttpOnly; SameSite=Lax$/);

    expect((await browser.request("GET", `/auth/plex/pin?id=${started.id}`)).json).toEqual({
      status: "pending",
      retryAfterMs: 1000,
    });
    const token = env.server.approve(started.pin.id);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const done = await browser.request("GET", `/auth/plex/pin?id=${started.id}`);
    expect(done.status).toBe(200);
    expect(done.json).toEqual({ status: "signedIn", result: { username: "standin" } });
    expect(done.headers.getSetCookie()).toContain("session=abc; Path=/; HttpOnly; SameSite=Lax");
    expect(browser.pending()).toEqual([]);
    expect(signIns).toHaveLength(1);
    expect(signIns[0]).toMatchObject({ authToken: token, user: { username: "standin" } });
    expect(signIns[0]!.request).toBeInstanceOf(Request);
    // Not the token, and not the account's other secrets.
    expect(JSON.stringify(signIns[0]!.user)).not.toMatch(/authToken|services/);
    expect(browser.everything()).not.toContain(token);
    expect(browser.everything()).not.toContain(SECRET);
  });

  it("paces the page: a poll sooner than the interval is answered without asking plex.tv", async () => {
    const handler = handlerWith();
    const browser = browserFor(handler);
    const { id } = await start(browser);
    await browser.request("GET", `/auth/plex/pin?id=${id}`);
    const asked = checks();
    const again = await browser.request("GET", `/auth/plex/pin?id=${id}`);
    expect(again.json.status).toBe("pending");
    expect(again.json.retryAfterMs).toBeGreaterThan(0);
    expect(again.json.retryAfterMs).toBeLessThanOrEqual(1000);
    expect(again.headers.get("Retry-After")).toBe("1");
    expect(checks()).toBe(asked);
    // Polls at the same moment share one check.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const polls = await Promise.all(Array.from({ length: 5 }, () => browser.request("GET", `/auth/plex/pin?id=${id}`)));
    expect(polls.every((poll) => poll.json.status === "pending")).toBe(true);
    expect(checks()).toBe(asked + 1);
  });

  it("paces the callback too: reloading it asks plex.tv at most once per interval", async () => {
    const handler = handlerWith({ pollIntervalMs: 300 });
    const browser = browserFor(handler);
    const { id } = await start(browser);
    for (let i = 0; i < 3; i++) {
      expect((await browser.request("GET", `/auth/plex/callback?id=${id}`)).status).toBe(303);
    }
    const asked = env.server.requests.filter((r) => r.route === "GET /api/v2/pins/{pinID}").map((r) => r.receivedAt);
    expect(asked).toHaveLength(3);
    for (let i = 1; i < asked.length; i++) expect(asked[i]! - asked[i - 1]!).toBeGreaterThanOrEqual(270);
  });

  it("starts at most maxStartsPerMinute sign-ins a minute, all browsers together: then 429, and plex.tv is not asked", async () => {
    const handler = handlerWith({ maxStartsPerMinute: 3 });
    for (let i = 0; i < 3; i++) await start(browserFor(handler));
    const pins = () => env.server.requests.filter((r) => r.route === "POST /api/v2/pins").length;
    expect(pins()).toBe(3);
    const refused = await browserFor(handler).request("POST", "/auth/plex/pin", { body: "{}" });
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ status: "busy", error: "busy" });
    expect(refused.json.retryAfterMs).toBeGreaterThan(50_000);
    expect(refused.json.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(refused.headers.get("Retry-After")).toMatch(/^(5\d|60)$/);
    expect(pins()).toBe(3);
    expect(() => handlerWith({ maxStartsPerMinute: 0 })).toThrow(/maxStartsPerMinute/);
  });

  it("same tab: the auth app returns to the callback, which makes the session and forwards the browser", async () => {
    const handler = handlerWith({ pollIntervalMs: 200 });
    const browser = browserFor(handler);
    const started = await start(browser, JSON.stringify({ forwardUrl: "/library?tab=movies" }));
    expect(started.fragment.get("forwardUrl")).toBe(`${ORIGIN}/auth/plex/callback?id=${started.id}`);
    // Back without approving: forwarded with the news, and the sign-in waits on.
    const early = await browser.request("GET", `/auth/plex/callback?id=${started.id}`);
    expect(early.status).toBe(303);
    expect(early.headers.get("Location")).toBe(`${ORIGIN}/library?tab=movies&plex-sign-in=pending`);
    expect(browser.pending()).toHaveLength(1);
    env.server.approve(started.pin.id);
    const back = await browser.request("GET", `/auth/plex/callback?id=${started.id}`);
    expect(back.status).toBe(303);
    expect(back.headers.get("Location")).toBe(`${ORIGIN}/library?tab=movies`);
    expect(back.headers.getSetCookie()).toContain("session=abc; Path=/; HttpOnly; SameSite=Lax");
    expect(browser.pending()).toEqual([]);
    expect(signIns).toHaveLength(1);
  });

  it("serverId: the owner signs in with their server token; a Home user through the server shared with them", async () => {
    const handler = handlerWith({ serverId: OWNED });
    const owner = browserFor(handler);
    const first = await start(owner);
    env.server.approve(first.pin.id);
    expect((await owner.request("GET", `/auth/plex/pin?id=${first.id}`)).json.status).toBe("signedIn");
    expect(signIns[0]).toMatchObject({ owner: true, serverToken: "standin-server-token" });

    // A managed Home user (no PIN) the admin shared the server with sees it, with a token of their own.
    const [, , livingRoom] = env.server.setUpHome();
    env.server.shareServer(OWNED, livingRoom!.user);
    const plex = clientFor(env.server);
    const { authToken } = await switchHomeUser(plex, { token: env.server.issueToken(), user: livingRoom!.user });
    const member = browserFor(handler);
    const second = await start(member);
    env.server.approve(second.pin.id, authToken);
    expect((await member.request("GET", `/auth/plex/pin?id=${second.id}`)).json.status).toBe("signedIn");
    expect(signIns[1]).toMatchObject({
      owner: false,
      serverToken: `standin-server-${OWNED}-${livingRoom!.user.uuid}`,
      user: { title: "Living Room" },
    });
  });

  it("serverId: a user the server is not shared with is refused (403), onSignIn is not called, the cookie goes", async () => {
    const handler = handlerWith({ serverId: "someone-elses-server" });
    const browser = browserFor(handler);
    const { id, pin } = await start(browser);
    const token = env.server.approve(pin.id);
    const refused = await browser.request("GET", `/auth/plex/pin?id=${id}`);
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual({ status: "refused", message: "this Plex account may not sign in here" });
    expect(signIns).toHaveLength(0);
    expect(browser.pending()).toEqual([]);
    expect(browser.everything()).not.toContain(token);
  });

  it("authorize decides who may sign in, with the request", async () => {
    const seen: string[] = [];
    const handler = handlerWith({
      authorize: (user, { request }) => (seen.push(new URL(request.url).pathname), user.username !== "standin"),
    });
    const browser = browserFor(handler);
    const { id, pin } = await start(browser);
    env.server.approve(pin.id);
    expect((await browser.request("GET", `/auth/plex/pin?id=${id}`)).status).toBe(403);
    expect(seen).toEqual(["/auth/plex/pin"]);
  });

  it("cookies are Secure on https, and the app's origin can be given (a proxy in front)", async () => {
    const handler = handlerWith({ origin: "https://plex.example" });
    const browser = browserFor(handler, "https://plex.example");
    await start(browser, JSON.stringify({ forwardUrl: "https://plex.example/home" }));
    expect(browser.cookies.get(browser.pending()[0]!)!.attributes).toMatch(/; Secure$/);
  });

  it("mounts at another base path, the root included: routes, cookie Path and callback follow it", async () => {
    for (const basePath of ["/", "/plex/", "/a/b"]) {
      const browser = browserFor(handlerWith({ basePath }));
      const base = basePath === "/" ? "" : basePath.replace(/\/$/, "");
      const started = await browser.request("POST", `${base}/pin`, { body: JSON.stringify({ forwardUrl: "/" }) });
      expect(started.status).toBe(201);
      const fragment = new URLSearchParams(new URL(started.json.authUrl).hash.slice(2));
      expect(fragment.get("forwardUrl")).toBe(`${ORIGIN}${base}/callback?id=${started.json.id}`);
      expect(browser.cookies.get(browser.pending()[0]!)!.attributes).toMatch(`Path=${base || "/"};`);
      expect((await browser.request("GET", `${base}/pin?id=${started.json.id}`)).json.status).toBe("pending");
      expect((await browser.request("GET", "/auth/plex/pin")).status).toBe(404);
    }
    expect(() => handlerWith({ basePath: "auth" })).toThrow("createSignInHandler: `basePath` must be a URL path");
    expect(() => handlerWith({ basePath: "/a;b" })).toThrow(/basePath/);
  });

  it("works over a real HTTP server on 127.0.0.1", async () => {
    const handler = handlerWith();
    const server = await serveFetch(handler);
    try {
      const browser = new BrowserLike(overHttp, server.url);
      const { id, pin } = await start(browser);
      env.server.approve(pin.id);
      const done = await browser.request("GET", `/auth/plex/pin?id=${id}`);
      expect(done.json).toEqual({ status: "signedIn", result: { username: "standin" } });
      expect(done.headers.get("Cache-Control")).toBe("no-store");
    } finally {
      await server.close();
    }
  });

  it("without onSignIn: a one-time ticket in an HttpOnly cookie, redeemed once", async () => {
    const handler = handlerWith({ onSignIn: undefined, serverId: OWNED });
    const browser = browserFor(handler);
    const { id, pin } = await start(browser);
    const token = env.server.approve(pin.id);
    const done = await browser.request("GET", `/auth/plex/pin?id=${id}`);
    expect(done.json).toEqual({
      status: "signedIn",
      result: { user: expect.objectContaining({ username: "standin" }) },
    });
    const ticket = browser.cookies.get("plex-sign-in-ticket")!;
    expect(ticket.attributes).toMatch(/^Path=\/; Max-Age=60; HttpOnly; SameSite=Lax$/);
    // Sealed: neither the token nor the server's token can be read from the cookie.
    expect(browser.everything()).not.toContain(token);
    expect(browser.everything()).not.toContain("standin-server-token");
    const request = new Request(`${ORIGIN}/login`, { headers: { Cookie: `plex-sign-in-ticket=${ticket.value}` } });
    await expect(handler.redeemTicket(request)).resolves.toMatchObject({
      authToken: token,
      serverToken: "standin-server-token",
      owner: true,
      user: { username: "standin" },
    });
    await expect(handler.redeemTicket(request)).resolves.toBeNull();
    await expect(
      handler.redeemTicket({ headers: { cookie: `plex-sign-in-ticket=${ticket.value}x` } }),
    ).resolves.toBeNull();
    // Another app's secret cannot open it.
    const other = handlerWith({ secret: "another app's secret, also 32 bytes or more" });
    await expect(other.redeemTicket(request)).resolves.toBeNull();
  });

  it("with a store: the cookie holds only the id, the store the rest; a second machine on it refuses a replay", async () => {
    const store = visibleStore({ add: true });
    const { map } = store;
    const browser = browserFor(handlerWith({ store }));
    const { id, pin } = await start(browser);
    const cookie = browser.cookies.get(`plex-sign-in-${id}`)!;
    expect(JSON.parse(Buffer.from(cookie.value.split(".")[0]!, "base64url").toString())).toEqual({
      id,
      createdAt: expect.any(Number),
    });
    // Signed in the store too: base64url JSON, a dot, its signature.
    const kept = map.get(`plex-sign-in-pending:${id}`)!;
    expect(JSON.parse(Buffer.from(kept.split(".")[0]!, "base64url").toString())).toMatchObject({ id, pinId: pin.id });
    const token = env.server.approve(pin.id);
    expect((await browser.request("GET", `/auth/plex/pin?id=${id}`)).json.status).toBe("signedIn");
    expect(map.has(`plex-sign-in-pending:${id}`)).toBe(false);
    expect([...map.keys()]).toEqual([`plex-sign-in-done:${pin.id}`]);
    expect(JSON.stringify([...map])).not.toContain(token);
    // The same cookie, replayed to another machine sharing the store.
    const elsewhere = new BrowserLike(handlerWith({ store }), ORIGIN);
    elsewhere.cookies.set(`plex-sign-in-${id}`, cookie);
    expect((await elsewhere.request("GET", `/auth/plex/pin?id=${id}`)).status).toBe(410);
    expect(signIns).toHaveLength(1);
  });

  it("takes a rotated secret: signs with the first, accepts any", async () => {
    const old = handlerWith({ secret: "the old secret of thirty-two bytes or more" });
    const browser = browserFor(old);
    const { id, pin } = await start(browser);
    env.server.approve(pin.id);
    const rotated = handlerWith({ secret: [SECRET, "the old secret of thirty-two bytes or more"] });
    const moved = new BrowserLike(rotated, ORIGIN);
    for (const [name, cookie] of browser.cookies) moved.cookies.set(name, cookie);
    expect((await moved.request("GET", `/auth/plex/pin?id=${id}`)).json.status).toBe("signedIn");
  });

  it.each([
    ["a short string", "too short"],
    ["a short Uint8Array", new Uint8Array(31)],
    ["an empty array", []],
    ["an array with a short one", [SECRET, "short"]],
    ["a number", 42],
  ])("refuses %s as `secret`, naming it", (_, secret) => {
    expect(() => createSignInHandler(clientFor(env.server), { secret: secret as never })).toThrow(
      /createSignInHandler: `secret` must be at least 32 bytes/,
    );
  });

  it("accepts a 32-byte Uint8Array secret", () => {
    expect(() => createSignInHandler(clientFor(env.server), { secret: new Uint8Array(32) })).not.toThrow();
  });
});
