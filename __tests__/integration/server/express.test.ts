// plex-tv-auth/express on a real Express 5 app over HTTP: the sign-in handler mounted with plexSignIn, and
// requirePlexUser answering 401, 403 and 503 as the access check says, against the plex.tv stand-in.

import express from "express";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createAccessCheck, createSignInHandler } from "../../../src/server";
import { plexSignIn, requirePlexUser, type ExpressContext } from "../../../src/server/adapters/express";
import { clientFor, useStandIn } from "../../support/stand-in";
import { BrowserLike, overHttp } from "./browser-like";

const OWNED = "standin0server0000000000000000000000001";

describe("plex-tv-auth/express", () => {
  const env = useStandIn();
  let server: Server;
  let browser: BrowserLike;
  let sessions: Map<string, string>;
  afterEach(() => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())));

  /** An app with sessions in memory (sid cookie → plex.tv token), as the examples keep them. */
  async function app(options: { parseJsonFirst?: boolean; serverId?: string; ttlMs?: number } = {}) {
    sessions = new Map();
    const plex = clientFor(env.server);
    const signIn = createSignInHandler<ExpressContext>(plex, {
      secret: "the express test app's secret, 32+ bytes",
      pollIntervalMs: 100,
      serverId: OWNED,
      onSignIn: ({ authToken, user, context }) => {
        const sid = `sid-${sessions.size + 1}`;
        sessions.set(sid, authToken);
        // The adapter passes Express's own req and res along.
        expect(context.req.originalUrl).toMatch(/^\/auth\/plex\/pin\?id=/);
        return { body: { username: user.username }, headers: { "Set-Cookie": `sid=${sid}; Path=/; HttpOnly` } };
      },
    });
    const check = createAccessCheck(plex, { serverId: options.serverId ?? OWNED, ttlMs: options.ttlMs ?? 60_000 });
    const sid = (req: express.Request) => /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
    const application = express();
    if (options.parseJsonFirst) application.use(express.json());
    application.use(plexSignIn(signIn));
    application.get(
      "/api/me",
      requirePlexUser({
        check,
        token: (req) => sessions.get(sid(req) ?? ""),
        onInvalid: (req) => void sessions.delete(sid(req) ?? ""),
      }),
      (_req, res) => void res.json({ username: res.locals.plexUser.username, owner: res.locals.plexOwner }),
    );
    application.get("/other", (_req, res) => void res.send("the app's own route"));
    server = application.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    browser = new BrowserLike(overHttp, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  async function signInThroughTheApp(token?: string) {
    const started = await browser.request("POST", "/auth/plex/pin", { body: "{}" });
    expect(started.status).toBe(201);
    const code = new URLSearchParams(new URL(started.json.authUrl).hash.slice(2)).get("code")!;
    const approved = env.server.approve(code, token);
    const done = await browser.request("GET", `/auth/plex/pin?id=${started.json.id}`);
    return { done, approved };
  }

  it.each([false, true])(
    "signs in through the mounted handler (express.json() first: %s), then requirePlexUser lets the user in",
    async (parseJsonFirst) => {
      await app({ parseJsonFirst });
      expect((await browser.request("GET", "/api/me")).status).toBe(401);
      const { done, approved } = await signInThroughTheApp();
      expect(done.json).toEqual({ status: "signedIn", result: { username: "standin" } });
      expect(browser.cookies.get("sid")!.attributes).toMatch(/HttpOnly/);
      const me = await browser.request("GET", "/api/me");
      expect(me.status).toBe(200);
      expect(me.json).toEqual({ username: "standin", owner: true });
      expect((await browser.request("GET", "/other")).body).toBe("the app's own route");
      expect(browser.everything()).not.toContain(approved);
    },
  );

  it("requirePlexUser: 403 for a user without access, 503 while plex.tv is down, 401 once the token is revoked", async () => {
    await app({ serverId: "a-server-this-user-lacks", ttlMs: 50 });
    const { approved } = await signInThroughTheApp();
    const denied = await browser.request("GET", "/api/me");
    expect(denied.status).toBe(403);
    expect(denied.json).toMatchObject({ error: "denied" });

    await new Promise((resolve) => setTimeout(resolve, 60));
    env.server.fault("GET /api/v2/user", { kind: "status", status: 503 });
    const down = await browser.request("GET", "/api/me");
    expect(down.status).toBe(503);
    expect(down.headers.get("Retry-After")).toBe("5");
    expect(sessions.size).toBe(1); // never a sign-out for plex.tv's trouble

    env.server.revokeToken(approved);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const revoked = await browser.request("GET", "/api/me");
    expect(revoked.status).toBe(401);
    expect(revoked.json).toMatchObject({ error: "invalid_token" });
    expect(sessions.size).toBe(0);
    expect(browser.everything()).not.toContain(approved);
  });

  it("the handler's bad-input answers pass through; a body past 64 KiB is refused by the adapter itself", async () => {
    await app();
    const tampered = await browser.request("GET", "/auth/plex/pin?id=AAAAAAAAAAAAAAAAAAAAAA", {
      headers: { Cookie: "plex-sign-in-AAAAAAAAAAAAAAAAAAAAAA=forged.value" },
    });
    expect(tampered.status).toBe(400);
    expect(tampered.json.error).toBe("tampered");
    const huge = await browser.request("POST", "/auth/plex/pin", { body: JSON.stringify({ pad: "x".repeat(70_000) }) });
    expect(huge.status).toBe(413);
    expect(env.server.requests).toHaveLength(0);
  });

  it("refuses what is not a handler or an access check", () => {
    expect(() => plexSignIn((() => {}) as never)).toThrow(/createSignInHandler/);
    expect(() => requirePlexUser({} as never)).toThrow(/check/);
  });
});
