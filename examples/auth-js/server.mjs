// "Sign in with Plex" with Auth.js: @auth/core's Auth() makes the session (a JWT cookie), PlexProvider checks the
// sign-in. The plex.tv part runs on this server (createSignInHandler, under /plex): its one-time ticket, in an
// HttpOnly cookie, is what the page's POST to Auth.js's callback carries, so no script of the page sees a token.
// The same provider goes into a NextAuth v5 config (`providers: [PlexProvider(...)]`).
//
//   node examples/auth-js/server.mjs              against plex.tv (set AUTH_SECRET, and PLEX_SERVER_ID)
//   node examples/auth-js/server.mjs --stand-in   against the package's plex.tv stand-in, offline
//
// Environment: PORT (default 3000; 0 picks one), HOST, AUTH_SECRET (32+ bytes), PLEX_SERVER_ID, PLEX_TV_URL and
// PLEX_AUTH_APP_URL (stand-ins), DATA_DIR (where the client identifier is kept).

import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Auth } from "@auth/core";
import express from "express";
import { createPlexTvClient, loadOrCreateClientIdentifier } from "plex-tv-auth";
import { PlexProvider } from "plex-tv-auth/auth-js";
import { plexSignIn, sendFetchResponse, toFetchRequest } from "plex-tv-auth/express";
import { fileStore } from "plex-tv-auth/node";
import { createSignInHandler } from "plex-tv-auth/server";

const here = new URL(".", import.meta.url).pathname;
const root = join(here, "../..");

export async function startApp({
  port = 3000,
  host = "0.0.0.0",
  plexTvUrl,
  authAppUrl,
  serverId,
  secret = randomBytes(32).toString("base64url"),
  dataDir = join(tmpdir(), "plex-tv-auth-example-auth-js"),
} = {}) {
  const clientIdentifier = await loadOrCreateClientIdentifier(fileStore(join(dataDir, "plex-tv-auth.json")));
  const plex = createPlexTvClient({ clientIdentifier, product: "Auth.js example", baseUrl: plexTvUrl });

  // No onSignIn: the handler sets a ticket cookie for Auth.js's callback, where PlexProvider redeems it.
  const signIn = createSignInHandler(plex, {
    secret,
    basePath: "/plex",
    serverId,
    authAppBaseUrl: authAppUrl,
    ticketPath: "/auth/callback/plex",
  });
  const authConfig = {
    basePath: "/auth",
    secret,
    trustHost: true,
    session: { strategy: "jwt" },
    providers: [PlexProvider({ plex, serverId, signIn })],
  };

  const app = express();
  app.use(plexSignIn(signIn)); // /plex/pin, /plex/callback
  // Auth() is Fetch-standard: the adapter's bridge carries Express's request to it and its Response back.
  app.use("/auth", async (req, res) => sendFetchResponse(res, await Auth(await toFetchRequest(req), authConfig)));
  app.use(express.static(join(here, "public")));
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
    secret: process.env.AUTH_SECRET,
    dataDir: process.env.DATA_DIR,
  };
  if (process.argv.includes("--stand-in")) {
    const { startFakePlexTv } = await import("plex-tv-auth/testing");
    const standIn = await startFakePlexTv();
    Object.assign(options, { plexTvUrl: standIn.url, authAppUrl: standIn.authAppUrl });
  }
  if (!options.secret) console.warn("AUTH_SECRET is not set: a random one is used (sessions end at a restart).");
  const { port } = await startApp(options);
  console.log(JSON.stringify({ port }));
  console.log(`Sign in with Plex through Auth.js: http://localhost:${port}/`);
}
