// The browser flows on an insecure page, as a self-hosted app on a plain-http LAN address serves them: Chromium opens
// the examples from http://lan.test:PORT, where crypto.randomUUID and crypto.subtle do not exist. plex.tv's
// stand-in sits behind a logging proxy here, so a CORS preflight (OPTIONS) would show.

import { existsSync } from "node:fs";
import { createServer, request as send, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import type { FakePlexTv, FakePlexTvOptions } from "../../src/testing";
import { chromiumPath, LAN_HOST, launchChromium } from "../support/chromium";
import { describeIf } from "../support/optional";

const { startExamples } = require("../../examples/server.cjs") as {
  startExamples(options: FakePlexTvOptions): Promise<{ plexTv: FakePlexTv; origin: string; close(): Promise<unknown> }>;
};

/** A proxy on 127.0.0.1 in front of `target` that logs the method and path of every request, OPTIONS included. */
async function loggingProxy(target: string): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url!.split("?")[0]}`);
    const forward = send(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  };
}

const withChromium = describeIf(
  existsSync(chromiumPath),
  `insecure-origin tests: no Chromium at ${chromiumPath}; install Debian's chromium or set CHROMIUM_PATH to enable them`,
);

withChromium("the browser flows on an insecure LAN page in Chromium", () => {
  let browser: Browser;
  let page: Page;
  let examples: Awaited<ReturnType<typeof startExamples>>;
  let proxy: Awaited<ReturnType<typeof loggingProxy>>;
  let lan: string;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());
  beforeEach(async () => {
    examples = await startExamples({});
    proxy = await loggingProxy(examples.plexTv.url);
    lan = examples.origin.replace("127.0.0.1", LAN_HOST);
    page = await browser.newPage();
  });
  afterEach(async () => {
    await page.context().close();
    await proxy.close();
    await examples.close();
  });

  it("is an insecure context: no randomUUID, no crypto.subtle, getRandomValues only", async () => {
    await page.goto(`${lan}/examples/popup.html`);
    expect(
      await page.evaluate(() => [
        isSecureContext,
        typeof crypto.randomUUID,
        typeof crypto.subtle,
        typeof crypto.getRandomValues,
      ]),
    ).toEqual([false, "undefined", "undefined", "function"]);
  });

  it("loadOrCreateClientIdentifier(webStorageStore()) makes a v4 UUID and keeps it; the popup sign-in runs", async () => {
    const query = new URLSearchParams({ plexTv: examples.plexTv.url, authApp: examples.plexTv.authAppUrl });
    await page.goto(`${lan}/examples/popup.html?${query}`);
    await page.waitForSelector("#sign-in:not([disabled])"); // the page's top-level await made the identifier
    const stored = await page.evaluate(() => localStorage.getItem("plex-tv-auth:clientIdentifier"));
    expect(stored).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const [popup] = await Promise.all([page.waitForEvent("popup"), page.click("#sign-in")]);
    await popup.waitForURL(`${examples.plexTv.authAppUrl}#?*`);
    expect(new URLSearchParams(new URL(popup.url()).hash.slice(2)).get("clientID")).toBe(stored);
    await popup.click("#approve");
    await page.waitForFunction(() => document.getElementById("status")!.textContent!.startsWith("Signed in"));
    expect(await page.textContent("#status")).toBe("Signed in as standin");
  });

  it('identityIn: "query": PIN create and check are simple requests, with no preflight; headers need one', async () => {
    await page.goto(`${lan}/examples/popup.html`);
    const flow = (identityIn: string) =>
      page.evaluate(`(async () => {
        const lib = await import("plex-tv-auth");
        const plex = lib.createPlexTvClient({
          clientIdentifier: "lan-page", product: "LAN page", baseUrl: ${JSON.stringify(proxy.url)}, identityIn: "${identityIn}",
        });
        const pin = await lib.createPin(plex);
        return (await lib.checkPin(plex, pin.id)).code === pin.code;
      })()`);
    await expect(flow("query")).resolves.toBe(true);
    expect(proxy.seen).toEqual(["POST /api/v2/pins", expect.stringMatching(/^GET \/api\/v2\/pins\/\d+$/)]);
    // The control: the same calls with the identity in headers are preflighted (so the log above would show one).
    proxy.seen.length = 0;
    await expect(flow("headers")).resolves.toBe(true);
    expect(proxy.seen.filter((line) => line.startsWith("OPTIONS "))).toHaveLength(2);
  });

  it("loginWithJwt fails at once, saying it needs a secure context, and asks plex.tv nothing", async () => {
    await page.goto(`${lan}/examples/popup.html`);
    const message = await page.evaluate(`(async () => {
      const lib = { ...(await import("plex-tv-auth")), ...(await import("plex-tv-auth/jwt")) };
      const plex = lib.createPlexTvClient({ clientIdentifier: "lan-page", product: "LAN page", baseUrl: ${JSON.stringify(proxy.url)} });
      const key = { kid: "k", publicJwk: { kty: "OKP" }, privateJwk: { kty: "OKP" } };
      return lib.loginWithJwt(plex, { key, onVerification() {} }).then(() => "signed in", (e) => e.name + ": " + e.message);
    })()`);
    expect(message).toBe(
      "TypeError: loginWithJwt: JWT sign-in needs a secure context (https, or http://localhost): this page has no crypto.subtle",
    );
    expect(proxy.seen).toEqual([]);
  });
});
