// Forward auth behind a real Caddy (Debian's, forward_auth), in front of a stand-in media app: the Caddyfile is the
// README's. A signed-out browser is sent to sign in and then gets through (the app learns who it is, whatever the
// request claimed), a script with an invalid token gets 401, a user without access 403, and with plex.tv down a new
// token gets 503 while a user already checked still gets through.

import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createPlexTvClient } from "../../src";
import { createForwardAuth, toNodeListener } from "../../src/server";
import type { FakePlexTv } from "../../src/testing";
import { forwardAuthCaddyfile, haveCaddy, startCaddy, type Caddy } from "../support/caddy";
import { describeIf } from "../support/optional";
import { freePort } from "../support/ports";
import { identity, standIn } from "../support/stand-in";

const OWNED = "standin0server0000000000000000000000001";

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describeIf(haveCaddy, "Caddy tests need Debian's caddy (apt-get install caddy), or CADDY_PATH")(
  "forward auth behind a real Caddy",
  () => {
    let plexTv: FakePlexTv;
    let caddy: Caddy;
    let auth: Server;
    let app: Server;

    beforeAll(async () => {
      plexTv = await standIn({ requestLogLimit: 10_000 });
      // The media app behind the gateway: it trusts the headers Caddy copies from the check's answer.
      app = createServer((request, response) => {
        response.writeHead(200, { "Content-Type": "text/plain" });
        response.end(`hello ${request.headers["x-plex-username"]} (${request.headers["x-plex-user-id"]})\n`);
      });
      const appAddress = await listen(app);
      const port = await freePort();
      const handler = createForwardAuth(createPlexTvClient({ ...identity, baseUrl: plexTv.url }), {
        secret: "caddy-test-secret-0123456789abcdefghijkl",
        serverId: OWNED,
        origin: `http://127.0.0.1:${port}`,
        authAppBaseUrl: plexTv.authAppUrl,
        onError: () => {},
      });
      auth = createServer(toNodeListener(handler));
      const authAddress = await listen(auth);
      caddy = await startCaddy((site) => forwardAuthCaddyfile(site, authAddress, appAddress), port);
    });
    afterAll(async () => {
      await caddy?.stop();
      await new Promise((resolve) => auth?.close(resolve));
      await new Promise((resolve) => app?.close(resolve));
      await plexTv?.close();
    });

    /**
     * GET through Caddy, as sent: node:http, since fetch makes every request `Sec-Fetch-Mode: cors` (a page's own
     * fetch), where a browser loading a page says `navigate`.
     */
    const get = (path: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; location?: string; cookies: string[]; text: string }>((resolve, reject) => {
        request(`${caddy.url}${path}`, { headers }, (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk) => (text += chunk));
          response.on("end", () => {
            const { location, "set-cookie": cookies = [] } = response.headers;
            resolve({ status: response.statusCode!, location, cookies, text });
          });
        })
          .on("error", reject)
          .end();
      });
    const page = { Accept: "text/html,application/xhtml+xml,*/*;q=0.8", "Sec-Fetch-Mode": "navigate" };

    it("a signed-out page load is sent to sign in, then gets through, and the app learns who it is", async () => {
      const signedOut = await get("/library", page);
      expect([signedOut.status, signedOut.location]).toEqual([302, `${caddy.url}/auth/plex/?rd=%2Flibrary`]);
      expect((await get("/auth/plex/?rd=%2Flibrary", page)).text).toContain("Sign in with Plex");
      const started = await fetch(`${caddy.url}/auth/plex/pin`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: caddy.url },
        body: JSON.stringify({ forwardUrl: `${caddy.url}/library` }),
      });
      expect(started.status).toBe(201);
      const pending = started.headers.getSetCookie().map((line) => line.split(";")[0]!);
      const { id, authUrl } = (await started.json()) as { id: string; authUrl: string };
      const token = plexTv.approve(new URLSearchParams(new URL(authUrl).hash.slice(2)).get("code")!);
      const back = await get(`/auth/plex/callback?id=${id}`, { ...page, Cookie: pending.join("; ") });
      expect([back.status, back.location]).toEqual([303, `${caddy.url}/library`]);
      const cookie = back.cookies.find((line) => line.startsWith("plex_session="))!.split(";")[0]!;
      expect(cookie).not.toContain(token);
      // What the request says of itself is not what the app is told.
      const through = await get("/library", { ...page, Cookie: cookie, "X-Plex-Username": "someone-else" });
      expect(through.status).toBe(200);
      expect(through.text).toMatch(/^hello standin \(\d+\)\n$/);
    });

    it("a script: no token or an invalid one 401, a user without access 403, a user of the server 200", async () => {
      expect((await get("/api/items")).status).toBe(401);
      expect((await get("/api/items", { "X-Plex-Token": "not-a-token" })).status).toBe(401);
      const outsider = plexTv.issueToken({ account: "managed", title: "Outsider" });
      expect((await get("/api/items", { "X-Plex-Token": outsider })).status).toBe(403);
      expect((await get("/api/items", { "X-Plex-Token": plexTv.issueToken() })).status).toBe(200);
    });

    it("plex.tv down: a new token gets 503, a user already checked still gets through", async () => {
      const known = plexTv.issueToken();
      expect((await get("/api/items", { "X-Plex-Token": known })).status).toBe(200);
      const fresh = plexTv.issueToken();
      plexTv.fault("*", { kind: "status", status: 503 }, 1000);
      try {
        expect((await get("/api/items", { "X-Plex-Token": fresh })).status).toBe(503);
        expect((await get("/api/items", { "X-Plex-Token": known })).status).toBe(200);
      } finally {
        plexTv.clearFaults();
      }
    });
  },
);
