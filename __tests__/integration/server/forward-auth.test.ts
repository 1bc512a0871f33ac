// createForwardAuth against the plex.tv stand-in, called as a gateway calls it: its check for a session cookie or an
// X-Plex-Token, its sign-in page and routes, and its sessions, which never hold the bare token.

import { createForwardAuth, type ForwardAuthOptions } from "../../../src/server";
import { memoryExpiringStore, type ExpiringStore } from "../../../src";
import { clientFor, useStandIn } from "../../support/stand-in";
import { BrowserLike } from "./browser-like";
import { visibleStore } from "../../support/visible-store";

const OWNED = "standin0server0000000000000000000000001";
const SECRET = "forward-auth-test-secret-0123456789abcdef";
const ORIGIN = "http://gateway.test";

describe("createForwardAuth", () => {
  const env = useStandIn({ requestLogLimit: 100_000 });
  const handlerWith = (options: Partial<ForwardAuthOptions> = {}) =>
    createForwardAuth(clientFor(env.server), {
      secret: SECRET,
      serverId: OWNED,
      origin: ORIGIN,
      authAppBaseUrl: env.server.authAppUrl,
      onError: () => {},
      ...options,
    });
  /** The gateway's question for the request it was asked to let through. */
  const ask = (handler: ReturnType<typeof handlerWith>, headers: Record<string, string> = {}, query = "") =>
    handler(
      new Request(`${ORIGIN}/auth/plex/check${query}`, {
        headers: { "X-Original-URI": "/web/index.html", ...headers },
      }),
    );

  /** A browser that signs in through the handler's own page and routes; returns it and the PIN's token. */
  async function signedIn(handler: ReturnType<typeof handlerWith>) {
    const browser = new BrowserLike(handler, ORIGIN);
    const page = await browser.request("GET", "/auth/plex/?rd=%2Fweb%2F");
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="/auth/plex/sign-in.js"></script>');
    const started = await browser.request("POST", "/auth/plex/pin", {
      body: JSON.stringify({ forwardUrl: `${ORIGIN}/web/` }),
    });
    expect(started.status).toBe(201);
    const code = new URLSearchParams(new URL(started.json.authUrl).hash.slice(2)).get("code")!;
    const token = env.server.approve(code);
    const back = await browser.request("GET", `/auth/plex/callback?id=${started.json.id}`);
    expect([back.status, back.headers.get("Location")]).toEqual([303, `${ORIGIN}/web/`]);
    return { browser, token };
  }
  const cookieOf = (browser: BrowserLike) => `plex_session=${browser.cookies.get("plex_session")!.value}`;

  it("no token: 401 with where to sign in; with ?redirect=1 a page load gets 302 there, a script still 401", async () => {
    const handler = handlerWith();
    const answer = await ask(handler);
    expect(answer.status).toBe(401);
    expect(answer.headers.get("Location")).toBe(`${ORIGIN}/auth/plex/?rd=%2Fweb%2Findex.html`);
    const pages: Record<string, string>[] = [{ "Sec-Fetch-Mode": "navigate" }, { Accept: "text/html,*/*;q=0.8" }];
    for (const page of pages) {
      const redirect = await ask(handler, page, "?redirect=1");
      expect([redirect.status, redirect.headers.get("Location")]).toEqual([302, answer.headers.get("Location")]);
    }
    const scripts: Record<string, string>[] = [
      {},
      { Accept: "application/json" },
      { "Sec-Fetch-Mode": "cors", Accept: "text/html" },
    ];
    for (const script of scripts) {
      expect((await ask(handler, script, "?redirect=1")).status).toBe(401);
    }
  });

  it("where to go after signing in is a path of this site, never another origin", async () => {
    const handler = handlerWith();
    for (const uri of ["//evil.example/x", "/\\evil.example", "https://evil.example/", "/a b", "x"]) {
      const answer = await ask(handler, { "X-Original-URI": uri });
      expect(answer.headers.get("Location")).toBe(`${ORIGIN}/auth/plex/?rd=%2F`);
    }
  });

  it("an X-Plex-Token of the owner: 200 with who it is; a managed user's title when their username is empty", async () => {
    const handler = handlerWith();
    const answer = await ask(handler, { "X-Plex-Token": env.server.issueToken() });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("X-Plex-Username")).toBe("standin");
    expect(answer.headers.get("X-Plex-User-Id")).toMatch(/^\d+$/);
    expect(answer.headers.get("X-Plex-User-Uuid")).toMatch(/^\w+$/);
    const managed = handlerWith({ serverId: undefined });
    const kid = await ask(managed, { "X-Plex-Token": env.server.issueToken({ account: "managed", title: "Kid" }) });
    expect(kid.headers.get("X-Plex-Username")).toBe("Kid");
  });

  it("a user with a name no header carries as it is: percent-encoded", async () => {
    const handler = handlerWith({ serverId: undefined });
    const token = env.server.issueToken({ username: "Zoë ☕" });
    expect((await ask(handler, { "X-Plex-Token": token })).headers.get("X-Plex-Username")).toBe(
      encodeURIComponent("Zoë ☕"),
    );
  });

  it("an invalid token: 401; a user without access to the server: 403", async () => {
    const handler = handlerWith();
    expect((await ask(handler, { "X-Plex-Token": "not-a-token" })).status).toBe(401);
    const stranger = handlerWith({ serverId: "someone-elses-server" });
    const denied = await ask(stranger, { "X-Plex-Token": env.server.issueToken() });
    expect(denied.status).toBe(403);
  });

  it("plex.tv down: a new token gets 503 (never a sign-out), a cached user still gets through", async () => {
    const handler = handlerWith();
    const known = env.server.issueToken();
    expect((await ask(handler, { "X-Plex-Token": known })).status).toBe(200);
    env.server.fault("*", { kind: "status", status: 503 }, 100);
    const fresh = await ask(handler, { "X-Plex-Token": env.server.issueToken() });
    expect([fresh.status, fresh.headers.get("Retry-After")]).toEqual([503, "5"]);
    expect((await ask(handler, { "X-Plex-Token": known })).status).toBe(200);
  });

  it("two tokens, a list of them, or one too long: 401 saying why, and plex.tv is not asked", async () => {
    const { browser } = await signedIn(handlerWith());
    const handler = handlerWith();
    const before = env.server.requests.length;
    const other = env.server.issueToken();
    const cases: Record<string, string>[] = [
      { Cookie: cookieOf(browser), "X-Plex-Token": other },
      { "X-Plex-Token": `${other}, ${other}x` },
      { "X-Plex-Token": "x".repeat(5000) },
    ];
    const answers = await Promise.all(cases.map((headers) => ask(handler, headers)));
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401]);
    expect(await answers[0]!.text()).toMatch(/two tokens/);
    expect(await answers[2]!.text()).toMatch(/1 to 4096 characters/);
    expect(env.server.requests.length).toBe(before);
  });

  it("signs in through its own page and routes: an HttpOnly session cookie holding the token sealed, then 200", async () => {
    const handler = handlerWith();
    const { browser, token } = await signedIn(handler);
    const session = browser.cookies.get("plex_session")!;
    expect(session.attributes).toMatch(/HttpOnly/);
    expect(session.attributes).toMatch(/Path=\//);
    expect(session.value).not.toContain(token);
    expect(browser.everything()).not.toContain(token);
    expect((await ask(handler, { Cookie: cookieOf(browser) })).headers.get("X-Plex-Username")).toBe("standin");
    // The same cookie and the same token as X-Plex-Token are one token, not two.
    expect((await ask(handler, { Cookie: cookieOf(browser), "X-Plex-Token": token })).status).toBe(200);
    // Another gateway with the same secret reads the session too; one with another secret does not.
    expect((await ask(handlerWith(), { Cookie: cookieOf(browser) })).status).toBe(200);
    const other = handlerWith({ secret: "another-secret-of-another-gateway-0123456789" });
    expect((await ask(other, { Cookie: cookieOf(browser) })).status).toBe(401);
    // One character in the middle (the last of a base64url value may carry only padding bits).
    const value = cookieOf(browser);
    const middle = Math.floor(value.length / 2);
    const tampered = value.slice(0, middle) + (value[middle] === "A" ? "B" : "A") + value.slice(middle + 1);
    expect((await ask(handlerWith(), { Cookie: tampered })).status).toBe(401);
  });

  it("sign-out ends the session and signs the token out at plex.tv", async () => {
    const handler = handlerWith();
    const { browser, token } = await signedIn(handler);
    const cookie = cookieOf(browser);
    const out = await browser.request("POST", "/auth/plex/sign-out");
    expect([out.status, out.headers.get("Location")]).toEqual([303, `${ORIGIN}/auth/plex/`]);
    expect(browser.cookies.has("plex_session")).toBe(false);
    expect(env.server.requests.at(-1)!.route).toBe("DELETE /api/v2/users/signout");
    // The old cookie's token is signed out: a gateway that never saw it asks plex.tv, which says 401.
    expect((await ask(handlerWith(), { Cookie: cookie })).status).toBe(401);
    expect((await ask(handlerWith(), { "X-Plex-Token": token })).status).toBe(401);
    const foreign = await handler(
      new Request(`${ORIGIN}/auth/plex/sign-out`, { method: "POST", headers: { Origin: "https://evil.example" } }),
    );
    expect(foreign.status).toBe(403);
  });

  it("an origin given with a trailing slash is the same origin: one slash in its URLs, its own pages may sign out", async () => {
    const handler = handlerWith({ origin: `${ORIGIN}/` });
    expect((await ask(handler)).headers.get("Location")).toBe(`${ORIGIN}/auth/plex/?rd=%2Fweb%2Findex.html`);
    const out = await handler(
      new Request(`${ORIGIN}/auth/plex/sign-out`, { method: "POST", headers: { Origin: ORIGIN } }),
    );
    expect([out.status, out.headers.get("Location")]).toEqual([303, `${ORIGIN}/auth/plex/`]);
  });

  describe("with a store several gateways share", () => {
    it("the cookie holds a signed id, the store the token sealed: neither the bare token", async () => {
      const store = visibleStore({ add: true });
      const { map } = store;
      const { browser, token } = await signedIn(handlerWith({ store }));
      expect(JSON.stringify([...map])).not.toContain(token);
      expect(browser.cookies.get("plex_session")!.value).not.toContain(token);
      expect([...map.keys()].some((key) => key.startsWith("plex-session:"))).toBe(true);
      expect((await ask(handlerWith({ store }), { Cookie: cookieOf(browser) })).status).toBe(200);
      // The session ended in the store: no gateway lets the cookie in.
      for (const key of [...map.keys()]) if (key.startsWith("plex-session:")) map.delete(key);
      expect((await ask(handlerWith({ store }), { Cookie: cookieOf(browser) })).status).toBe(401);
    });

    it("a store that cannot answer: 503, not a sign-out", async () => {
      const working = memoryExpiringStore();
      let down = false;
      const store: ExpiringStore = {
        get: (key) => (down ? new Promise(() => {}) : working.get(key)),
        set: (key, value, ttl) => working.set(key, value, ttl),
        delete: (key) => working.delete(key),
        add: (key, value, ttl) => working.add(key, value, ttl),
      };
      const { browser } = await signedIn(handlerWith({ store }));
      down = true;
      const answer = await ask(handlerWith({ store }), { Cookie: cookieOf(browser) });
      expect(answer.status).toBe(503);
    });
  });

  it("the sign-in page and its script: static, under a strict Content-Security-Policy", async () => {
    const handler = handlerWith();
    for (const path of ["/auth/plex/", "/auth/plex/sign-in.js"]) {
      const answer = await handler(new Request(`${ORIGIN}${path}`));
      expect(answer.status).toBe(200);
      expect(answer.headers.get("Content-Security-Policy")).toMatch(/default-src 'none'; script-src 'self'/);
    }
    expect((await handler(new Request(`${ORIGIN}/auth/plex/check`, { method: "POST" }))).status).toBe(405);
  });
});
