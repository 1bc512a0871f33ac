// Forward auth behind a real Caddy (Debian's, forward_auth), in front of a stand-in media app: the Caddyfile is the
// README's. A signed-out browser is sent to sign in and then gets through (the app learns who it is, whatever the
// request claimed), a script with an invalid token gets 401, a user without access 403, and with plex.tv down a new
// token gets 503 while a user already checked still gets through.

import { request } from "node:http";
import type { FakePlexTv } from "../../src/testing";
import { forwardAuthCaddyfile, haveCaddy, startCaddy, type Caddy } from "../support/caddy";
import { startForwardAuthStack, type ForwardAuthStack } from "../support/forward-auth-stack";
import { describeIf } from "../support/optional";

describeIf(haveCaddy, "Caddy tests need Debian's caddy (apt-get install caddy), or CADDY_PATH")(
  "forward auth behind a real Caddy",
  () => {
    let stack: ForwardAuthStack;
    let plexTv: FakePlexTv;
    let caddy: Caddy;

    beforeAll(async () => {
      // The app answers with what Caddy copied from the check's answer.
      stack = await startForwardAuthStack(
        (headers) => `hello ${headers["x-plex-username"]} (${headers["x-plex-user-id"]})\n`,
      );
      plexTv = stack.plexTv;
      caddy = await startCaddy((site) => forwardAuthCaddyfile(site, stack.auth, stack.app), stack.port);
    });
    afterAll(async () => {
      await caddy?.stop();
      await stack?.close();
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
