// A complete "Sign in with Plex" app on Express 5, in server-side mode: the server makes the PIN and receives the
// plex.tv token, which stays in its session store; the page (public/) only ever talks to this server, so it works
// from a plain-http LAN address (http://192.168.1.20:3000) as well as over https.
//
//   node examples/express/server.mjs              against plex.tv (set SESSION_SECRET, and PLEX_SERVER_ID to let
//                                                 only users of your server in)
//   node examples/express/server.mjs --stand-in   against the package's plex.tv stand-in, offline
//
// Environment: PORT (default 3000; 0 picks one), HOST (default 0.0.0.0), SESSION_SECRET (32+ bytes), PLEX_SERVER_ID,
// PLEX_TV_URL and PLEX_AUTH_APP_URL (stand-ins), DATA_DIR (where the client identifier is kept).

import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { createPlexTvClient, loadOrCreateClientIdentifier } from "plex-tv-auth";
import { plexSignIn, requirePlexUser } from "plex-tv-auth/express";
import { fileStore } from "plex-tv-auth/node";
import { createAccessCheck, createSignInHandler } from "plex-tv-auth/server";

const here = new URL(".", import.meta.url).pathname;
const root = join(here, "../..");

export async function startApp({
  port = 3000,
  host = "0.0.0.0",
  plexTvUrl,
  authAppUrl,
  serverId,
  secret = randomBytes(32).toString("base64url"),
  dataDir = join(tmpdir(), "plex-tv-auth-example-express"),
} = {}) {
  // One client identifier for the app, kept across restarts: every PIN is made and checked with it.
  const clientIdentifier = await loadOrCreateClientIdentifier(fileStore(join(dataDir, "plex-tv-auth.json")));
  const plex = createPlexTvClient({ clientIdentifier, product: "Express example", baseUrl: plexTvUrl });

  // The app's sessions: a random id in an HttpOnly cookie, the plex.tv token only here. (Use a real store in an app.)
  const sessions = new Map();
  const sessionOf = (req) => sessions.get(/(?:^|;\s*)sid=([\w-]+)/.exec(req.headers.cookie ?? "")?.[1]);

  const signIn = createSignInHandler(plex, {
    secret,
    serverId, // only the owner and the users the server is shared with
    authAppBaseUrl: authAppUrl,
    onSignIn: ({ user, authToken, request }) => {
      const sid = randomBytes(24).toString("base64url");
      sessions.set(sid, { authToken, username: user.username || user.title });
      const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
      return {
        body: { username: user.username || user.title }, // what signInWithServer resolves with: no token
        headers: { "Set-Cookie": `sid=${sid}; Path=/; HttpOnly; SameSite=Lax; Max-Age=604800${secure}` },
      };
    },
  });
  const access = createAccessCheck(plex, { serverId });

  const app = express();
  app.use(plexSignIn(signIn)); // POST/GET /auth/plex/pin, GET /auth/plex/callback
  app.get(
    "/api/me",
    requirePlexUser({
      check: access,
      token: (req) => sessionOf(req)?.authToken,
      onInvalid: (req) => sessions.delete(/sid=([\w-]+)/.exec(req.headers.cookie ?? "")?.[1]),
    }),
    (_req, res) => res.json({ username: res.locals.plexUser.username || res.locals.plexUser.title }),
  );
  app.post("/api/logout", (req, res) => {
    const session = sessionOf(req);
    if (session) {
      sessions.delete(/sid=([\w-]+)/.exec(req.headers.cookie ?? "")[1]);
      void access.forget(session.authToken);
    }
    res.set("Set-Cookie", "sid=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0").status(204).end();
  });
  app.use(express.static(join(here, "public")));
  // The package's browser build and its one dependency, for the page's import map (an app would bundle them).
  app.use("/dist", express.static(join(root, "dist")));
  app.use("/openapi-fetch", express.static(join(root, "node_modules/openapi-fetch/dist")));

  const server = await new Promise((resolve) => {
    const listening = app.listen(port, host, () => resolve(listening));
  });
  return {
    port: server.address().port,
    close: () => new Promise((resolve) => (server.close(resolve), server.closeAllConnections())),
  };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const options = {
    port: Number(process.env.PORT ?? 3000),
    host: process.env.HOST,
    plexTvUrl: process.env.PLEX_TV_URL,
    authAppUrl: process.env.PLEX_AUTH_APP_URL,
    serverId: process.env.PLEX_SERVER_ID || undefined,
    secret: process.env.SESSION_SECRET,
    dataDir: process.env.DATA_DIR,
  };
  if (process.argv.includes("--stand-in")) {
    const { startFakePlexTv } = await import("plex-tv-auth/testing");
    const standIn = await startFakePlexTv();
    Object.assign(options, { plexTvUrl: standIn.url, authAppUrl: standIn.authAppUrl });
  }
  if (!options.secret) console.warn("SESSION_SECRET is not set: a random one is used (sign-ins end at a restart).");
  const { port } = await startApp(options);
  // One JSON line first, for whoever started it (the tests read it).
  console.log(JSON.stringify({ port }));
  console.log(`Sign in with Plex: http://localhost:${port}/ (or this machine's LAN address)`);
}
