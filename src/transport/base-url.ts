// plex.tv is https-only; plain http is allowed for loopback hosts only (tests, the built-in stand-in), and a media
// server's plain http only on the local network, so a typo can never send a token in clear text over the internet.

import { optionError } from "./options";

export const DEFAULT_BASE_URL = "https://plex.tv";

/** 127.x.x.x, localhost or [::1], as URL.hostname spells them. */
export const isLoopbackHost = (hostname: string) => /^(localhost|127\.[\d.]+|\[::1\])$/i.test(hostname);

/**
 * Loopback, private (10/8, 172.16/12, 192.168/16), link-local (169.254/16, fe80::/10) or unique-local (fc00::/7):
 * an address that does not leave the local network.
 */
export const isLocalHost = (hostname: string) =>
  isLoopbackHost(hostname) ||
  /^(10\.|192\.168\.|169\.254\.|172\.(1[6-9]|2\d|3[01])\.)[\d.]+$/.test(hostname) ||
  /^\[f[cde][0-9a-f]*:/i.test(hostname);

/** Whether a token may go to `uri`: always over https; over plain http only to a local address (isLocalHost). */
export function mayCarryToken(uri: string): boolean {
  const { protocol, hostname } = new URL(uri);
  return protocol === "https:" || isLocalHost(hostname);
}

/**
 * Checks a base URL of `who`'s (https, or http where `httpAllowed` says so, as `httpRule` tells; no credentials,
 * query or fragment) and returns it without a trailing slash.
 */
export function checkBaseUrl(
  baseUrl: string,
  who: string,
  httpAllowed = isLoopbackHost,
  httpRule = "loopback",
): string {
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {}
  if (
    !url ||
    url.username ||
    url.password ||
    /[?#]/.test(baseUrl) ||
    !(url.protocol === "https:" || (url.protocol === "http:" && httpAllowed(url.hostname)))
  ) {
    throw optionError("baseUrl", `a bare https URL (http only for ${httpRule})`, who);
  }
  return url.href.replace(/\/+$/, "");
}
