// plex-tv-auth/passport with real Passport 0.7 on Express 5 over HTTP: a posted plex.tv token, and a sign-in the
// server-side handler completed (its ticket cookie). fail(400/401/403) and error() as the strategy promises.

import express from "express";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Passport } from "passport";
import { createSignInHandler } from "../../../src/server";
import { plexSignIn, type ExpressContext } from "../../../src/server/adapters/express";
import { PlexStrategy, type PlexVerify } from "../../../src/server/adapters/passport";
import { clientFor, useStandIn } from "../../support/stand-in";
import recordedPlexPass from "../../fixtures/plex-tv/recorded/user/plex-api-rs-user_info_plexpass-2022-01.json";
import { BrowserLike, overHttp } from "./browser-like";

const OWNED = "standin0server0000000000000000000000001";

describe("plex-tv-auth/passport", () => {
  const env = useStandIn();
  let server: Server;
  let browser: BrowserLike;
  let verified: Parameters<PlexVerify>[0][];
  afterEach(() => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())));

  async function app(options: { serverId?: string; refuse?: boolean } = {}) {
    verified = [];
    const plex = clientFor(env.server);
    const signIn = createSignInHandler<ExpressContext>(plex, {
      secret: "the passport test app's secret, 32+ bytes",
      pollIntervalMs: 100,
      serverId: options.serverId,
      ticketPath: "/login",
    });
    const passport = new Passport();
    passport.use(
      new PlexStrategy({ plex, serverId: options.serverId, signIn }, (signInDetails, done) => {
        verified.push(signInDetails);
        done(null, options.refuse ? false : { name: signInDetails.user.username, owner: signInDetails.owner });
      }),
    );
    const application = express();
    application.use(express.json());
    application.use(passport.initialize());
    application.use(plexSignIn(signIn));
    application.post("/login", passport.authenticate("plex", { session: false }), (req, res) => {
      res.json({ user: req.user });
    });
    application.use(
      (
        error: { status?: number; message: string },
        _req: express.Request,
        res: express.Response,
        _next: express.NextFunction,
      ) => {
        res.status(error.status ?? 500).json({ message: error.message });
      },
    );
    server = application.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    browser = new BrowserLike(overHttp, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  const login = (body: object) => browser.request("POST", "/login", { body: JSON.stringify(body) });

  it("a posted token of a user of the server: verify gets the user and the token, success", async () => {
    await app({ serverId: OWNED });
    const token = env.server.issueToken();
    const answer = await login({ authToken: token });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ user: { name: "standin", owner: true } });
    expect(verified[0]).toMatchObject({ authToken: token, owner: true, user: { username: "standin" } });
  });

  it("fail(400) without a token, fail(401) for an invalid one, fail(403) without access, 403 when verify says no", async () => {
    await app({ serverId: "someone-elses" });
    expect((await login({})).status).toBe(400);
    expect((await login({ authToken: "revoked-or-never-was" })).status).toBe(401);
    expect((await login({ authToken: env.server.issueToken() })).status).toBe(403);
    expect(verified).toHaveLength(0);
    await new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections()));
    await app({ refuse: true });
    expect((await login({ authToken: env.server.issueToken() })).status).toBe(403);
    expect(verified).toHaveLength(1);
  });

  it("error() when plex.tv cannot be asked: the app's error handler sees a 503, not a failed sign-in", async () => {
    await app({ serverId: OWNED });
    env.server.fault("GET /api/v2/user", { kind: "status", status: 502 });
    const token = env.server.issueToken();
    const answer = await login({ authToken: token });
    expect(answer.status).toBe(503);
    expect(answer.json).toEqual({ message: "plex.tv could not be asked about the sign-in" });
    expect(answer.body).not.toContain(token);
  });

  it("a completed server-side sign-in: the ticket cookie is redeemed once, then cleared", async () => {
    await app({ serverId: OWNED });
    const started = await browser.request("POST", "/auth/plex/pin", { body: "{}" });
    const code = new URLSearchParams(new URL(started.json.authUrl).hash.slice(2)).get("code")!;
    const token = env.server.approve(code);
    const done = await browser.request("GET", `/auth/plex/pin?id=${started.json.id}`);
    expect(done.json.result.user.username).toBe("standin");
    const ticket = browser.cookies.get("plex-sign-in-ticket")!;
    expect(ticket.attributes).toMatch(/^Path=\/login; Max-Age=60; HttpOnly; SameSite=Lax$/);
    const first = await login({});
    expect(first.status).toBe(200);
    expect(verified[0]).toMatchObject({ authToken: token, serverToken: "standin-server-token", owner: true });
    expect(browser.cookies.has("plex-sign-in-ticket")).toBe(false);
    browser.cookies.set("plex-sign-in-ticket", ticket); // replayed
    expect((await login({})).status).toBe(401);
    expect(verified).toHaveLength(1);
    expect(browser.everything()).not.toContain(token);
  });

  it("a Plex Pass user's ticket fits a cookie: the subscription comes without its recorded list of features", async () => {
    await app({});
    const subscription = recordedPlexPass.subscription;
    expect(subscription.features.length).toBeGreaterThan(50);
    const started = await browser.request("POST", "/auth/plex/pin", { body: "{}" });
    const code = new URLSearchParams(new URL(started.json.authUrl).hash.slice(2)).get("code")!;
    env.server.approve(code, env.server.issueToken({ account: "plex-pass", subscription, username: "x".repeat(64) }));
    const done = await browser.request("GET", `/auth/plex/pin?id=${started.json.id}`);
    expect(done.status).toBe(200);
    const ticket = browser.cookies.get("plex-sign-in-ticket")!;
    expect(`plex-sign-in-ticket=${ticket.value}`.length).toBeLessThan(4096);
    expect((await login({})).status).toBe(200);
    expect(verified[0]!.user.subscription).toEqual({
      active: true,
      status: "Active",
      plan: "lifetime",
      subscribedAt: subscription.subscribedAt,
    });
  });
});
