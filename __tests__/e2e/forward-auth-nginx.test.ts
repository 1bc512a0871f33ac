// Forward auth behind a real nginx (Debian's, auth_request), in front of a stand-in media app: the config is the
// README's. A signed-in user gets through (nginx hands the app who they are), an invalid token is a 401, a user
// without access a 403, and with plex.tv down new tokens get 503 while users already checked still get through.

import type { FakePlexTv } from "../../src/testing";
import { startForwardAuthStack, type ForwardAuthStack } from "../support/forward-auth-stack";
import { forwardAuthServerBlock, haveNginx, startNginx, type Nginx } from "../support/nginx";
import { describeIf } from "../support/optional";

describeIf(haveNginx, "forward-auth tests need Debian's nginx (apt-get install nginx), or NGINX_PATH")(
  "forward auth behind a real nginx",
  () => {
    let stack: ForwardAuthStack;
    let plexTv: FakePlexTv;
    let nginx: Nginx;

    beforeAll(async () => {
      stack = await startForwardAuthStack((headers) => `hello ${headers["x-plex-username"]}\n`);
      plexTv = stack.plexTv;
      const block = (port: number) =>
        forwardAuthServerBlock(`127.0.0.1:${port}`, `http://${stack.auth}`, `http://${stack.app}`);
      nginx = await startNginx(block, stack.port);
    });
    afterAll(async () => {
      await nginx?.stop();
      await stack?.close();
    });

    /** Through nginx, as a browser or a script would, redirects not followed. */
    const get = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${nginx.url}${path}`, { headers, redirect: "manual" });

    /** Signs in through the sign-in routes behind nginx; returns the session cookie and the token. */
    async function signIn(): Promise<{ cookie: string; token: string }> {
      const started = await fetch(`${nginx.url}/auth/plex/pin`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: nginx.url },
        body: JSON.stringify({ forwardUrl: `${nginx.url}/library` }),
      });
      expect(started.status).toBe(201);
      const pending = started.headers.getSetCookie().map((line) => line.split(";")[0]!);
      const { id, authUrl } = (await started.json()) as { id: string; authUrl: string };
      const token = plexTv.approve(new URLSearchParams(new URL(authUrl).hash.slice(2)).get("code")!);
      const back = await get(`/auth/plex/callback?id=${id}`, { Cookie: pending.join("; ") });
      expect([back.status, back.headers.get("Location")]).toEqual([303, `${nginx.url}/library`]);
      const session = back.headers.getSetCookie().find((line) => line.startsWith("plex_session="))!;
      expect(session).toMatch(/HttpOnly/);
      return { cookie: session.split(";")[0]!, token };
    }

    it("a signed-out browser is sent to sign in, then gets through, and the app learns who it is", async () => {
      const signedOut = await get("/library");
      expect([signedOut.status, signedOut.headers.get("Location")]).toEqual([
        302,
        `${nginx.url}/auth/plex/?rd=%2Flibrary`,
      ]);
      const page = await get("/auth/plex/?rd=%2Flibrary");
      expect(await page.text()).toContain("Sign in with Plex");
      const { cookie, token } = await signIn();
      expect(cookie).not.toContain(token);
      const through = await get("/library", { Cookie: cookie });
      expect([through.status, await through.text()]).toEqual([200, "hello standin\n"]);
    });

    it("an invalid token is a 401 (to scripts) and a sign-in (to browsers); a user without access a 403", async () => {
      expect((await get("/api/items", { "X-Plex-Token": "not-a-token" })).status).toBe(401);
      expect((await get("/library", { Cookie: "plex_session=forged" })).status).toBe(302);
      const outsider = plexTv.issueToken({ account: "managed", title: "Outsider" });
      expect((await get("/api/items", { "X-Plex-Token": outsider })).status).toBe(403);
      expect((await get("/api/items", { "X-Plex-Token": plexTv.issueToken() })).status).toBe(200);
    });

    it("plex.tv down: a new token gets 503, a user already checked still gets through", async () => {
      const { cookie } = await signIn();
      expect((await get("/library", { Cookie: cookie })).status).toBe(200);
      const fresh = plexTv.issueToken();
      plexTv.fault("*", { kind: "status", status: 503 }, 1000);
      try {
        const unavailable = await get("/api/items", { "X-Plex-Token": fresh });
        expect([unavailable.status, unavailable.headers.get("Retry-After")]).toEqual([503, "5"]);
        expect((await get("/library", { Cookie: cookie })).status).toBe(200);
      } finally {
        plexTv.clearFaults();
      }
    });

    it("no cookie, two tokens, or a huge header: a clear answer each, and nginx stays up", async () => {
      const { cookie, token } = await signIn();
      expect((await get("/api/items")).status).toBe(401);
      const two = await get("/api/items", { Cookie: cookie, "X-Plex-Token": plexTv.issueToken() });
      expect(two.status).toBe(401);
      // nginx refuses a header past its buffers itself (400); a long one within them reaches the check: 401.
      const huge = await get("/api/items", { "X-Plex-Token": "x".repeat(16 * 1024) });
      expect(huge.status).toBe(400);
      const long = await get("/api/items", { "X-Plex-Token": "x".repeat(5000) });
      expect(long.status).toBe(401);
      expect((await get("/api/items", { "X-Plex-Token": token })).status).toBe(200);
    });
  },
);
