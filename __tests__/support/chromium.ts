// Debian's Chromium, driven by playwright-core; never a downloaded browser. Name resolution is switched off for
// everything but loopback, so a page can reach nothing outside this machine. One name is mapped to loopback:
// http://lan.test:PORT/ is an insecure context, as a self-hosted app on a LAN address is (Chromium treats
// 127.0.0.1 and localhost as secure).

import { chromium, type Browser } from "playwright-core";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** A name that resolves to 127.0.0.1 in the browser only: its pages are not a secure context. */
export const LAN_HOST = "lan.test";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--host-resolver-rules=MAP ${LAN_HOST} 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1`,
    ],
  });
}
