// Which of a server's connections answers: all are tried at once, the first to answer wins, the rest are aborted.

import { isLoopbackHost } from "./base-url";
import { PlexTvError } from "./errors";
import { MAX_DELAY_MS } from "./sleep";
import type { PlexConnection, PlexServer } from "./servers";

/**
 * Whether a server's token may go to `uri`: always over https; over plain http only to a loopback, private
 * (10/8, 172.16/12, 192.168/16), link-local (169.254/16, fe80::/10) or unique-local (fc00::/7) address.
 */
export function mayCarryToken(uri: string): boolean {
  const { protocol, hostname } = new URL(uri);
  if (protocol === "https:") return true;
  return (
    isLoopbackHost(hostname) ||
    /^(10\.|192\.168\.|169\.254\.|172\.(1[6-9]|2\d|3[01])\.)[\d.]+$/.test(hostname) ||
    /^\[f[cde][0-9a-f]*:/i.test(hostname)
  );
}

export class ServerUnreachableError extends PlexTvError {
  override name = "ServerUnreachableError";
}

export interface FindReachableConnectionOptions {
  /** How long each connection may take to answer. Default 5000 ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** A fetch to use instead of `globalThis.fetch`. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

/**
 * Asks every connection of `server` for `GET /identity` at once (with the server's own `accessToken` in the
 * X-Plex-Token header) and returns the first connection that answers 2xx. The others are aborted at once, so no
 * socket or timer is left behind. Rejects with ServerUnreachableError when none answers in time.
 */
export function findReachableConnection(
  server: Pick<PlexServer, "name" | "connections"> & Partial<Pick<PlexServer, "accessToken">>,
  options: FindReachableConnectionOptions = {},
): Promise<PlexConnection> {
  const { timeoutMs = 5000, signal, fetch = globalThis.fetch } = options;
  if (!(timeoutMs > 0 && timeoutMs <= MAX_DELAY_MS)) {
    throw new TypeError("findReachableConnection: `timeoutMs` must be positive, at most 2^31-1 ms");
  }
  // Connections without a usable `uri` are skipped before anything starts.
  const connections = (Array.isArray(server.connections) ? server.connections : []).filter(
    (connection) => typeof connection?.uri === "string" && /^https?:\/\//i.test(connection.uri),
  );
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (connections.length === 0) {
    return Promise.reject(new ServerUnreachableError(`${server.name}: the server has no connections`));
  }
  const race = new AbortController();

  return new Promise<PlexConnection>((resolve, reject) => {
    let settled = false;
    // The first outcome wins: it clears the timer, unhooks the caller's signal and aborts every other attempt.
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      race.abort(new Error("the race is over"));
      outcome();
    };
    const onAbort = () => settle(() => reject(signal!.reason));
    signal?.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(new ServerUnreachableError(`${server.name}: no connection answered within ${timeoutMs} ms`)),
        ),
      timeoutMs,
    );

    let pending = connections.length;
    const failures: unknown[] = [];
    for (const connection of connections) {
      const headers: Record<string, string> = { Accept: "application/json" };
      // The server's token travels in clear text only on the local network: /identity needs none anyway.
      if (server.accessToken && mayCarryToken(connection.uri)) headers["X-Plex-Token"] = server.accessToken;
      // redirect "manual": a 3xx fails the connection, and the server's token never follows it elsewhere.
      fetch(`${connection.uri.replace(/\/+$/, "")}/identity`, { headers, signal: race.signal, redirect: "manual" })
        .then(async (response) => {
          await response.body?.cancel();
          if (!response.ok) throw new Error(`${connection.uri} answered ${response.status}`);
          settle(() => resolve(connection));
        })
        .catch((error: unknown) => {
          failures.push(error);
          if (--pending > 0) return;
          const message = `${server.name}: none of its ${connections.length} connections answered`;
          settle(() => reject(new ServerUnreachableError(message, { cause: failures })));
        });
    }
  });
}
