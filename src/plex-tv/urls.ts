// The URLs a user is sent to. Every value is percent-encoded: a product named "Tom & Jerry #1" must not break them.

import { identityOptions } from "../../generated/plex-tv.operations";
import type { PlexTvClient } from "./client";
import type { GetPinAuthPinContainer } from "./pin";

const AUTH_APP_URL = "https://app.plex.tv/auth";
const LINK_URL = "https://plex.tv/link/";

export interface AuthAppUrlOptions {
  /** Where the auth app sends the user back after approval (web apps). */
  forwardUrl?: string;
  /**
   * Where the auth app lives; default https://app.plex.tv/auth. For the stand-in's auth page (its `authAppUrl`),
   * so a CLI, a backend or a page is tested end to end, and for Plex-compatible auth apps.
   */
  authAppBaseUrl?: string;
}

/** An auth app's base: an http(s) URL with no query or fragment of its own (the PIN's go after `#?`). */
export function checkAuthAppBase(base: string, who = "authAppUrl"): string {
  if (typeof base !== "string" || !/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(base)) {
    throw new TypeError(`${who}: \`authAppBaseUrl\` must be an http(s) URL with no query or fragment`);
  }
  return base.replace(/\/+$/, "");
}

// The auth app reads `context[device][...]` keys to show the user: every identity option but the client identifier
// (sent as clientID) and the vendor (no record of the auth app reading it).
const contextKeys = identityOptions.filter((key) => key !== "clientIdentifier" && key !== "deviceVendor");

const encodePair = (key: string, value: string) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`;

/** The auth app URL for a PIN: `https://app.plex.tv/auth#?clientID=…&code=…&context%5Bdevice%5D%5Bproduct%5D=…`. */
export function authAppUrl(
  plex: Pick<PlexTvClient, "identity">,
  pin: Pick<GetPinAuthPinContainer, "code">,
  options: AuthAppUrlOptions = {},
): string {
  if (!pin?.code) throw new TypeError("authAppUrl: the PIN has no `code`");
  const { identity } = plex;
  const pairs = [encodePair("clientID", identity.clientIdentifier), encodePair("code", pin.code)];
  for (const key of contextKeys) {
    const value = identity[key];
    if (value !== undefined) pairs.push(encodePair(`context[device][${key}]`, value));
  }
  if (options.forwardUrl !== undefined) pairs.push(encodePair("forwardUrl", options.forwardUrl));
  const base = options.authAppBaseUrl === undefined ? AUTH_APP_URL : checkAuthAppBase(options.authAppBaseUrl);
  return `${base}#?${pairs.join("&")}`;
}

/** `https://plex.tv/link/?pin=CODE`, where the user types or confirms a 4-character PIN. */
export function linkUrl(pin: Pick<GetPinAuthPinContainer, "code">): string {
  if (!pin?.code) throw new TypeError("linkUrl: the PIN has no `code`");
  return `${LINK_URL}?${encodePair("pin", pin.code)}`;
}
