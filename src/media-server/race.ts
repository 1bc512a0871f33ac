// Tries all of a server's connections at once: the first to succeed wins, the rest are aborted, and nothing (timer,
// listener, socket) outlives the race.

import type { PlexConnection, PlexServer } from "../plex-tv/servers";
import { checkTimeoutMs } from "../transport/options";
import { ServerUnreachableError } from "./errors";

export interface RaceOptions {
  /** How long the whole race may take. */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Who races, for the TypeError of a bad `timeoutMs`. */
  caller: string;
  /** The error when every connection failed; undefined (or none given): ServerUnreachableError, failures as cause. */
  allFailed?: (failures: unknown[]) => unknown;
}

/** The connections worth trying: those with an http(s) `uri`, in the server's order. */
export const usableConnections = (server: Pick<PlexServer, "connections">) =>
  (Array.isArray(server.connections) ? server.connections : []).filter(
    (connection) => typeof connection?.uri === "string" && /^https?:\/\//i.test(connection.uri),
  );

/**
 * Runs `attempt` for every connection at once, each with a signal aborted when the race ends, and resolves with the
 * first success. Rejects with the caller's abort reason, or ServerUnreachableError when none succeeds in time.
 */
export function raceConnections<T>(
  server: Pick<PlexServer, "name">,
  connections: PlexConnection[],
  attempt: (connection: PlexConnection, signal: AbortSignal) => Promise<T>,
  { timeoutMs, signal, caller, allFailed }: RaceOptions,
): Promise<T> {
  checkTimeoutMs(timeoutMs, caller);
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (connections.length === 0) {
    return Promise.reject(new ServerUnreachableError(`${server.name}: the server has no usable connections`));
  }
  const race = new AbortController();

  return new Promise<T>((resolve, reject) => {
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
      attempt(connection, race.signal).then(
        (value) => settle(() => resolve(value)),
        (error: unknown) => {
          failures.push(error);
          if (--pending > 0) return;
          const message = `${server.name}: none of its ${connections.length} connections answered`;
          settle(() => reject(allFailed?.(failures) ?? new ServerUnreachableError(message, { cause: failures })));
        },
      );
    }
  });
}
