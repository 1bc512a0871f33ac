// The web-app examples (examples/express, examples/auth-js), each started as its own process on the built package,
// driven in headless Chromium from http://lan.test:PORT: an insecure context, as a self-hosted app on a LAN address
// is. Click, approve in the stand-in's auth app, signed in; the session cookie is HttpOnly, and the plex.tv token
// shows up nowhere the page could see it: its scripts' results, the DOM, Web Storage, cookies it can read, URLs.

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startFakePlexTv, type FakePlexTv } from "../../src/testing";
import { chromiumPath, LAN_HOST, launchChromium } from "../support/chromium";
import { describeIf } from "../support/optional";
import { root } from "../support/paths";

const OWNED = "standin0server0000000000000000000000001"; // the stand-in's default server, its user's own

interface Example {
  origin: string;
  child: ChildProcess;
}

/** Starts `examples/NAME/server.mjs` as an app would run, pointed at the stand-in; resolves once it listens. */
async function startExample(name: string, plexTv: FakePlexTv, dataDir: string, serverId = OWNED): Promise<Example> {
  const child = spawn(process.execPath, [join(root, `examples/${name}/server.mjs`)], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      PORT: "0",
      HOST: "127.0.0.1",
      PLEX_TV_URL: plexTv.url,
      PLEX_AUTH_APP_URL: plexTv.authAppUrl,
      PLEX_SERVER_ID: serverId,
      SESSION_SECRET: "the example's session secret, 32 bytes or more",
      AUTH_SECRET: "the example's Auth.js secret, 32 bytes or more",
      DATA_DIR: dataDir,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      const line = /^\{"port":(\d+)\}$/m.exec(output);
      if (line) resolve(Number(line[1]));
    });
    child.stderr!.on("data", (chunk) => (output += chunk));
    child.once("exit", (code) => reject(new Error(`examples/${name} exited (${code}): ${output}`)));
  });
  return { origin: `http://${LAN_HOST}:${port}`, child };
}

const withChromium = describeIf(
  existsSync(chromiumPath),
  `web-app examples: no Chromium at ${chromiumPath}; install Debian's chromium or set CHROMIUM_PATH to enable them`,
);

withChromium("the web-app examples in Chromium, from an insecure LAN origin", () => {
  let browser: Browser;
  let plexTv: FakePlexTv;
  let dataDir: string;
  let example: Example | undefined;
  let context: BrowserContext;
  let page: Page;
  /** Every URL the page and its popup asked for, and every answer body of the app's own origin. */
  let urls: string[];
  let bodies: Promise<string>[];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());
  beforeEach(async () => {
    plexTv = await startFakePlexTv();
    dataDir = await mkdtemp(join(tmpdir(), "plex-tv-auth-example-"));
    context = await browser.newContext();
    urls = [];
    bodies = [];
    context.on("request", (request) => void urls.push(request.url()));
    context.on("response", (response) => {
      if (response.url().startsWith(`http://${LAN_HOST}:`)) bodies.push(response.text().catch(() => ""));
    });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.close();
    if (example?.child.exitCode === null) {
      const exited = new Promise((resolve) => example!.child.once("exit", resolve));
      example.child.kill();
      await exited;
    }
    example = undefined;
    await plexTv.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Clicks "Sign in with Plex", approves in the popup (the stand-in's auth app), and returns the PIN's token. */
  async function signInThroughThePopup(): Promise<string> {
    await page.waitForSelector("#sign-in:not([disabled])");
    const [popup] = await Promise.all([page.waitForEvent("popup"), page.click("#sign-in")]);
    await popup.waitForURL(`${plexTv.authAppUrl}#?*`);
    const code = new URLSearchParams(new URL(popup.url()).hash.slice(2)).get("code")!;
    await popup.click("#approve");
    await page.waitForFunction(() => document.getElementById("status")!.textContent!.startsWith("Signed in"));
    // The auth app sends the popup back to the app's closing page, which closes it (the browser tells Playwright a
    // moment later): under the auth page's Cross-Origin-Opener-Policy the opener could not.
    if (!popup.isClosed()) await popup.waitForEvent("close", { timeout: 2000 });
    return plexTv.getPin(code)!.authToken!;
  }

  /** The token is nowhere the page could see it; every cookie of the app is HttpOnly. */
  async function expectTokenKeptFromThePage(token: string) {
    const seen = await page.evaluate(() => ({
      secure: isSecureContext,
      cookie: document.cookie,
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      html: document.documentElement.outerHTML,
    }));
    expect(seen.secure).toBe(false);
    expect(seen.cookie).toBe("");
    for (const view of [seen.local, seen.session, seen.html, ...urls, ...(await Promise.all(bodies))]) {
      expect(view).not.toContain(token);
    }
    const cookies = await context.cookies(example!.origin);
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    for (const cookie of cookies) expect(cookie.value).not.toContain(token);
    // The browser never talked to plex.tv's API: only the app made PINs, with its one client identifier.
    expect(urls.filter((url) => url.startsWith(`${plexTv.url}/api/`))).toEqual([]);
    // (Its API calls: the popup's favicon.ico is a request to the stand-in too.)
    const calls = plexTv.requests.filter((r) => r.route !== "unknown");
    const identifiers = new Set(calls.map((r) => r.headers["x-plex-client-identifier"]));
    expect([...identifiers]).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/)]);
  }

  it("examples/express: server-side sign-in, the session in an HttpOnly cookie, the user on reload", async () => {
    example = await startExample("express", plexTv, dataDir);
    await page.goto(`${example.origin}/`);
    await page.waitForFunction(() => document.getElementById("status")!.textContent === "Not signed in.");
    // An insecure page: what used to break sign-in on LAN addresses is missing here.
    expect(await page.evaluate(() => [typeof crypto.randomUUID, typeof crypto.subtle])).toEqual([
      "undefined",
      "undefined",
    ]);
    const token = await signInThroughThePopup();
    expect(await page.textContent("#status")).toBe("Signed in as standin");
    const [session] = await context.cookies(example.origin);
    expect(session).toMatchObject({ name: "sid", httpOnly: true });
    await page.reload();
    await page.waitForFunction(() => document.getElementById("status")!.textContent === "Signed in as standin");
    await expectTokenKeptFromThePage(token);
    await page.click("#sign-out");
    await page.waitForFunction(() => document.getElementById("status")!.textContent === "Not signed in.");
  });

  it("examples/express, same tab: startServerSignIn, the auth app, the callback (a cross-site return), signed in", async () => {
    example = await startExample("express", plexTv, dataDir);
    await page.goto(`${example.origin}/`);
    await page.waitForSelector("#sign-in:not([disabled])");
    await Promise.all([
      page.waitForURL(`${plexTv.authAppUrl}#?*`),
      page.evaluate(`import("plex-tv-auth").then((lib) => lib.startServerSignIn({ forwardUrl: "/?welcome" }))`),
    ]);
    const fragment = new URLSearchParams(new URL(page.url()).hash.slice(2));
    expect(fragment.get("forwardUrl")).toMatch(new RegExp(`^${example.origin}/auth/plex/callback\\?id=[\\w-]{22}$`));
    await Promise.all([page.waitForURL(`${example.origin}/?welcome`), page.click("#approve")]);
    await page.waitForFunction(() => document.getElementById("status")!.textContent === "Signed in as standin");
    await expectTokenKeptFromThePage(plexTv.getPin(fragment.get("code")!)!.authToken!);
  });

  it("examples/express: a Plex account without access to the server is refused", async () => {
    example = await startExample("express", plexTv, dataDir, "a-server-this-account-lacks");
    await page.goto(`${example.origin}/`);
    await page.waitForSelector("#sign-in:not([disabled])");
    const [popup] = await Promise.all([page.waitForEvent("popup"), page.click("#sign-in")]);
    await popup.waitForURL(`${plexTv.authAppUrl}#?*`);
    await popup.click("#approve");
    await page.waitForFunction(
      () => document.getElementById("status")!.textContent === "This Plex account may not sign in here.",
    );
    expect(await context.cookies(example.origin)).toEqual([]);
  });

  it("signInWithServer: a cancel drops the pending sign-in; an expiry says so", async () => {
    await plexTv.close();
    plexTv = await startFakePlexTv({ pinLifetimeSeconds: { strong: 2 } });
    example = await startExample("express", plexTv, dataDir);
    await page.goto(`${example.origin}/`);
    await page.waitForSelector("#sign-in:not([disabled])");
    const cancelled = page.evaluate(`(async () => {
      const { signInWithServer } = await import("plex-tv-auth");
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error("cancelled by the user")), 1200);
      return signInWithServer({ signal: controller.signal }).then(() => "signed in", (e) => e.message);
    })()`);
    const popup = await page.waitForEvent("popup");
    await expect(cancelled).resolves.toBe("cancelled by the user");
    // The popup shows the auth page, whose Cross-Origin-Opener-Policy (same-origin, as app.plex.tv's) leaves the
    // page no handle to close it with: it stays, the user's to close.
    expect(popup.isClosed()).toBe(false);
    // The DELETE outlives the page's promise (keepalive): wait for its answer to clear the cookie.
    const deadline = Date.now() + 2000;
    while ((await context.cookies(example.origin)).length && Date.now() < deadline) await page.waitForTimeout(50);
    expect(await context.cookies(example.origin)).toEqual([]);
    // No poll after the cancel (one the page sent just before it may still land, on a loaded machine).
    const checks = () => plexTv.requests.filter((r) => r.route === "GET /api/v2/pins/{pinID}").length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const asked = checks();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(checks()).toBe(asked);

    await Promise.all([page.waitForEvent("popup"), page.click("#sign-in")]);
    await page.waitForFunction(
      () => document.getElementById("status")!.textContent === "The sign-in expired. Try again.",
      null,
      { timeout: 6000 },
    );
  });

  it("examples/auth-js: the server-side sign-in's ticket signs in to Auth.js; a posted token too, under the same policy", async () => {
    example = await startExample("auth-js", plexTv, dataDir);
    await page.goto(`${example.origin}/`);
    await page.waitForFunction(() => document.getElementById("status")!.textContent === "Not signed in.");
    const token = await signInThroughThePopup();
    expect(await page.textContent("#status")).toBe("Signed in as standin");
    const names = (await context.cookies(example.origin)).map((cookie) => cookie.name);
    expect(names).toEqual(expect.arrayContaining(["authjs.session-token"]));
    await page.reload();
    await page.waitForFunction(() => document.getElementById("status")!.textContent === "Signed in as standin");
    await expectTokenKeptFromThePage(token);
    // The ticket was good once: posting it again to Auth.js signs no one in.
    await page.click("#sign-out");
    await page.waitForFunction(() => document.getElementById("status")!.textContent === "Not signed in.");
    /** Auth.js's answer to a credentials POST: the error code its URL carries, or null for a sign-in. */
    const post = (fields: Record<string, string>) =>
      page.evaluate(async (fields) => {
        const { csrfToken } = await (await fetch("/auth/csrf")).json();
        const body = new URLSearchParams({ ...fields, csrfToken, callbackUrl: location.href });
        const headers = { "X-Auth-Return-Redirect": "1" };
        const answer = await fetch("/auth/callback/plex", { method: "POST", body, headers });
        return new URL((await answer.json()).url).searchParams.get("code");
      }, fields);
    const again = await post({});
    expect(again).toBe("plex_no_credentials");
    // The popup flow's way: a posted token, under the same policy.
    expect(await post({ authToken: "not-a-token-plex-knows" })).toBe("plex_invalid");
    plexTv.fault("GET /api/v2/user", { kind: "status", status: 503 });
    expect(await post({ authToken: plexTv.issueToken() })).toBe("plex_unavailable");
    expect(await post({ authToken: plexTv.issueToken() })).toBeNull();
    expect(await page.evaluate(async () => (await (await fetch("/auth/session")).json()).user.name)).toBe("standin");
  });
});
