// plex.tv is https-only; plain http is allowed for loopback hosts only (tests, the built-in stand-in),
// so a typo can never send a token in clear text over a network.

import { optionError } from "./identity";

export const DEFAULT_BASE_URL = "https://plex.tv";

/** 127.x.x.x, localhost or [::1], as URL.hostname spells them. */
export const isLoopbackHost = (hostname: string) => /^(localhost|127\.[\d.]+|\[::1\])$/i.test(hostname);

/** Checks a base URL (no credentials, query or fragment) and returns it without a trailing slash. */
export function checkBaseUrl(baseUrl: string): string {
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {}
  if (
    !url ||
    url.username ||
    url.password ||
    /[?#]/.test(baseUrl) ||
    !(url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname)))
  ) {
    throw optionError("baseUrl", "a bare https URL (http only for loopback)");
  }
  return url.href.replace(/\/+$/, "");
}
