import type { Browser, Page } from "playwright-core";
import type { FakePlexTv, FakePlexTvOptions } from "../../src/testing";
import { existsSync } from "node:fs";
import { chromiumPath, launchChromium } from "../support/chromium";
import { describeIf } from "../support/optional";

// The example pages' own server (it serves the built package and runs the stand-ins).
const { startExamples } = require("../../examples/server.cjs") as {
  startExamples(options: FakePlexTvOptions): Promise<Examples>;
};
interface Examples {
  plexTv: FakePlexTv;
  popupPage: string;
  redirectPage: string;
  close(): Promise<unknown>;
}

const withChromium = describeIf(
  existsSync(chromiumPath),
  `browser tests: no Chromium at ${chromiumPath}; install Debian's chromium or set CHROMIUM_PATH to enable them`,
);

withChromium("web app sign-in in headless Chromium", () => {
  let browser: Browser;
  let examples: Examples;
  let page: Page;
  const start = async (options: FakePlexTvOptions = {}) => {
    examples = await startExamples(options);
  };

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());
  beforeEach(async () => {
    page = await browser.newPage();
  });
  afterEach(async () => {
    await page.context().close();
    await examples?.close();
  });

  const checks = () => examples.plexTv.requests.filter((r) => r.route === "GET /api/v2/pins/{pinID}").length;

  it("popup: opens on click, sends the popup to the auth app, gets the token when the user approves", async () => {
    await start();
    await page.goto(examples.popupPage);
    const [popup] = await Promise.all([page.waitForEvent("popup"), page.click("#sign-in")]);
    await popup.waitForURL(`${examples.plexTv.authAppUrl}#?*`);
    const fragment = new URLSearchParams(new URL(popup.url()).hash.slice(2));
    const [create] = examples.plexTv.requests;
    expect(fragment.get("clientID")).toBe(create!.headers["x-plex-client-identifier"]);
    expect(fragment.get("context[device][product]")).toBe("Example web app");
    expect(fragment.get("code")).toHaveLength(25);
    await expect(popup.textContent("#request")).resolves.toMatch(/"Example web app" asks to sign in/);
    await popup.click("#approve");
    await page.waitForFunction(() => document.getElementById("status")!.textContent!.startsWith("Signed in"));
    expect(await page.textContent("#status")).toBe("Signed in as standin");
    // The auth page sends Cross-Origin-Opener-Policy: same-origin, as app.plex.tv's has: the opener can neither see
    // the popup nor close it, and the sign-in completes all the same.
    expect(popup.isClosed()).toBe(false);
    // The identifier is kept in localStorage: a second sign-in uses the same one.
    const stored = await page.evaluate(() => localStorage.getItem("plex-tv-auth:clientIdentifier"));
    expect(stored).toBe(create!.headers["x-plex-client-identifier"]);
  });

  it("popup: the app's Cancel stops polling at once", async () => {
    await start();
    await page.goto(examples.popupPage);
    await Promise.all([page.waitForEvent("popup"), page.click("#sign-in")]);
    await page.waitForFunction(() => !document.getElementById("cancel")!.hidden);
    await new Promise((resolve) => setTimeout(resolve, 1200)); // at least one check
    await page.click("#cancel");
    await page.waitForFunction(() => document.getElementById("status")!.textContent === "Sign-in cancelled.");
    const sent = checks();
    expect(sent).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(checks()).toBe(sent);
  });

  it("popup: stops when the PIN expires", async () => {
    await start({ pinLifetimeSeconds: { strong: 1.5 } });
    await page.goto(examples.popupPage);
    await Promise.all([page.waitForEvent("popup"), page.click("#sign-in")]);
    await page.waitForFunction(
      () => document.getElementById("status")!.textContent === "The sign-in expired. Try again.",
      null,
      {
        timeout: 5000,
      },
    );
  });

  it("two popup sign-ins never share a window; a cross-origin forwardUrl is refused", async () => {
    await start();
    await page.goto(examples.popupPage);
    const result = await page.evaluate(`(async (standIn) => {
      const lib = await import("plex-tv-auth");
      const plex = lib.createPlexTvClient({ clientIdentifier: crypto.randomUUID(), product: "Two", baseUrl: standIn });
      const controller = new AbortController();
      const opened = [];
      const realOpen = window.open.bind(window);
      window.open = (...args) => { const w = realOpen(...args); opened.push(w); return w; };
      const first = lib.loginWithPopup(plex, { signal: controller.signal }).catch((e) => e.message);
      const second = lib.loginWithPopup(plex, { signal: controller.signal }).catch((e) => e.message);
      const distinct = opened.length === 2 && opened[0] !== opened[1];
      controller.abort(new Error("done"));
      await Promise.all([first, second]);
      let refused = "";
      await lib.startRedirectLogin(plex, { forwardUrl: "https://elsewhere.example/back", navigate: () => {} })
        .catch((e) => (refused = e.name + ": " + e.message));
      return { distinct, refused };
    })(${JSON.stringify(examples.plexTv.url)})`);
    expect(result).toEqual({
      distinct: true,
      refused: "TypeError: startRedirectLogin: `forwardUrl` must be an http(s) URL of this page's origin",
    });
  });

  it("JWT device authentication runs in the page: Web Crypto Ed25519 keys, signed checks, verification, refresh", async () => {
    await start();
    await page.goto(examples.popupPage);
    // Plain page JavaScript (as a string, so the test's compiler leaves its dynamic import alone).
    const result = await page.evaluate(`(async (standIn) => {
      const lib = { ...(await import("plex-tv-auth")), ...(await import("plex-tv-auth/jwt")) };
      const plex = lib.createPlexTvClient({ clientIdentifier: crypto.randomUUID(), product: "Browser JWT", baseUrl: standIn });
      const key = await lib.generateDeviceKey();
      const approve = (code) => fetch(standIn + "/__standin/approve", { method: "POST", body: new URLSearchParams({ code }) });
      const credentials = await lib.loginWithJwt(plex, { key, intervalMs: 50, onVerification: ({ code }) => void approve(code) });
      const claims = await lib.verifyPlexJwt(plex, credentials.token, credentials);
      const refreshed = await lib.refreshPlexJwt(plex, JSON.parse(JSON.stringify(credentials)));
      const user = await lib.getUser(plex, { token: refreshed.token });
      return { boundToKey: claims.thumbprint === key.kid, username: user.username };
    })(${JSON.stringify(examples.plexTv.url)})`);
    expect(result).toEqual({ boundToKey: true, username: "standin" });
  });

  it("redirect: the PIN id waits in sessionStorage, never in the URL, and the returning page finishes the sign-in", async () => {
    await start();
    await page.goto(examples.redirectPage);
    await page.click("#sign-in");
    await page.waitForURL(`${examples.plexTv.authAppUrl}#?*`);
    await page.waitForSelector("#approve");
    const [create] = examples.plexTv.requests;
    // The auth app is another origin (as app.plex.tv is): the PIN id is in neither its URL nor anything it can read.
    const pinId = (create!.answer as { id: number }).id;
    expect(pinId).toEqual(expect.any(Number));
    expect(page.url()).not.toContain(String(pinId));
    expect(await page.evaluate(() => sessionStorage.getItem("plex-tv-auth:pending-pin"))).toBeNull();
    const forwardUrl = new URLSearchParams(new URL(page.url()).hash.slice(2)).get("forwardUrl")!;
    expect(forwardUrl).toBe(examples.redirectPage);
    await page.click("#approve");
    await page.waitForURL(examples.redirectPage);
    await page.waitForFunction(() => document.getElementById("status")!.textContent!.startsWith("Signed in"));
    expect(await page.textContent("#status")).toBe("Signed in as standin");
    expect(await page.evaluate(() => sessionStorage.getItem("plex-tv-auth:pending-pin"))).toBeNull();
    expect(examples.plexTv.requests.every((r) => !r.url.includes("X-Plex-Token"))).toBe(true);
    expect(create!.route).toBe("POST /api/v2/pins");
  });
});
