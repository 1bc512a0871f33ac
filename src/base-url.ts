// plex.tv is https-only; plain http is allowed for loopback hosts only (tests, the built-in stand-in),
// so a typo can never send a token in clear text over a network.

export const DEFAULT_BASE_URL = "https://plex.tv";

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Checks a base URL and returns it without a trailing slash. */
export function checkBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`createPlexTvClient: \`baseUrl\` is not a valid URL`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new TypeError("createPlexTvClient: `baseUrl` must not carry credentials, a query or a fragment");
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
    throw new TypeError("createPlexTvClient: `baseUrl` must be https (plain http only for loopback hosts)");
  }
  return url.href.replace(/\/+$/, "");
}
