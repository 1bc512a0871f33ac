// A `token` for createPlexTvClient that keeps a Plex JWT fresh.

import { createPlexTvClient, type PlexTvClient, type PlexTvClientOptions } from "../client";
import { refreshPlexJwt, type PlexJwtCredentials } from "./credentials";

export interface JwtTokenProviderOptions {
  /** Called with the new credentials after each refresh: store them. */
  onRefresh?: (credentials: PlexJwtCredentials) => void | Promise<void>;
  /** Refresh when the token expires within this long. Default one day. */
  refreshWithinMs?: number;
  /** The client to refresh with; by default one made from the credentials' client identifier and these options. */
  plex?: PlexTvClient;
  product?: string;
  baseUrl?: string;
  fetch?: PlexTvClientOptions["fetch"];
}

/**
 * Returns a function that yields the Plex JWT, refreshing it first when it expires within `refreshWithinMs`.
 * Concurrent callers share one refresh. If a refresh fails while the old token is still valid, the old one is
 * used (and the next call tries again); once it has expired, the failure is thrown.
 */
export function jwtTokenProvider(
  credentials: PlexJwtCredentials,
  options: JwtTokenProviderOptions = {},
): () => Promise<string> {
  const { onRefresh, refreshWithinMs = 86_400_000, product = "plex-tv-auth", baseUrl, fetch } = options;
  const plex =
    options.plex ??
    createPlexTvClient({
      clientIdentifier: credentials.clientIdentifier,
      product,
      ...(baseUrl ? { baseUrl } : {}),
      ...(fetch ? { fetch } : {}),
    });
  let current = credentials;
  let refreshing: Promise<PlexJwtCredentials> | undefined;

  return async () => {
    const expiresAt = Date.parse(current.expiresAt);
    if (expiresAt - Date.now() > refreshWithinMs) return current.token;
    refreshing ??= refreshPlexJwt(plex, current)
      .then(async (next) => {
        current = next;
        await onRefresh?.(next);
        return next;
      })
      .finally(() => (refreshing = undefined));
    try {
      return (await refreshing).token;
    } catch (error) {
      if (expiresAt > Date.now()) return current.token;
      throw error;
    }
  };
}
