// Tries all of a server's connections at once and keeps the best-ranked one that answers, without waiting out a
// dead one: from the first success, better-ranked attempts still trying get `preferWithinMs` more, then the best
// success so far wins. Whatever is still trying is aborted, and nothing (timer, listener, socket) outlives the race.

import { connectionRank, rankConnections, type PlexConnection, type PlexServer } from "../plex-tv/servers";
import { checkTimeoutMs, MAX_DELAY_MS, optionError } from "../transport/options";
import { ServerUnreachableError } from "./errors";

/** How long a success waits for better-ranked connections still trying, unless told otherwise (the README says why). */
const DEFAULT_PREFER_WITHIN_MS = 1000;

/** One connection's part in a race, to log why the race kept what it kept. */
export interface ConnectionAttempt {
  connection: PlexConnection;
  /**
   * `won`: kept. `lost`: answered, but a better-ranked one was kept (or the race was aborted before it could win).
   * `failed`: see `error`. `aborted`: still trying when the race ended.
   */
  outcome: "won" | "lost" | "failed" | "aborted";
  /** Why it failed (a PlexTvNetworkError, a ServerIdentityMismatchError…); only when `outcome` is `failed`. */
  error?: unknown;
  /** From the race's start to this attempt's outcome (to the race's end, for `aborted`), by performance.now(). */
  elapsedMs: number;
}

/** The race's rule, as connectToServer and findReachableConnection take it. */
export interface RaceRuleOptions {
  /**
   * How long the first success waits for better-ranked connections still trying (local before remote before relay,
   * https first, as getServers ranks them). 0: the first to answer wins. Default 1000 ms.
   */
  preferWithinMs?: number;
  /**
   * Called once for each connection tried, with its outcome: a failure as it happens, the others when the race ends
   * (before it resolves or rejects). An exception thrown here ends the race with it.
   */
  onAttempt?: (attempt: ConnectionAttempt) => void;
}

export interface RaceOptions extends RaceRuleOptions {
  /** How long the whole race may take. */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Who races, for the TypeError of a bad option. */
  caller: string;
  /** The error when every connection failed; undefined (or none given): ServerUnreachableError, failures as cause. */
  allFailed?: (failures: unknown[]) => unknown;
}

export interface RaceResult<T> {
  value: T;
  /** Every connection tried, in rank order. */
  attempts: ConnectionAttempt[];
}

/** The connections worth trying: those with an http(s) `uri`, in the server's order. */
export const usableConnections = (server: Pick<PlexServer, "connections">) =>
  (Array.isArray(server.connections) ? server.connections : []).filter(
    (connection) => typeof connection?.uri === "string" && /^https?:\/\//i.test(connection.uri),
  );

interface Entry<T> {
  connection: PlexConnection;
  tier: number;
  // One per attempt, not one signal shared by all: fetch adds a listener to its signal, and Node warns past 1500.
  stop: AbortController;
  answered?: { value: T; elapsedMs: number };
  attempt?: ConnectionAttempt;
}

/**
 * The connections in getServers' order, each with its tier: its rank there (lower better; connections of one rank
 * share a tier). getServers' ranking is the only one, so a server from elsewhere is ranked by it too.
 */
function tiers<T>(connections: PlexConnection[]): Entry<T>[] {
  return rankConnections(connections).map((connection) => ({
    connection,
    tier: connectionRank(connection),
    stop: new AbortController(),
  }));
}

/**
 * Runs `attempt` for every connection at once, each with a signal aborted when the race ends, and resolves with the
 * best-ranked success (see RaceRuleOptions.preferWithinMs). Rejects with the caller's abort reason, or
 * ServerUnreachableError when none succeeds in time.
 */
export function raceConnections<T>(
  server: Pick<PlexServer, "name">,
  connections: PlexConnection[],
  attempt: (connection: PlexConnection, signal: AbortSignal) => Promise<T>,
  { timeoutMs, preferWithinMs = DEFAULT_PREFER_WITHIN_MS, signal, onAttempt, caller, allFailed }: RaceOptions,
): Promise<RaceResult<T>> {
  checkTimeoutMs(timeoutMs, caller);
  if (!(typeof preferWithinMs === "number" && preferWithinMs >= 0 && preferWithinMs <= MAX_DELAY_MS)) {
    throw optionError("preferWithinMs", "0 or more, at most 2^31-1 ms", caller);
  }
  if (onAttempt !== undefined && typeof onAttempt !== "function") {
    throw optionError("onAttempt", "a function", caller);
  }
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (connections.length === 0) {
    return Promise.reject(new ServerUnreachableError(`${server.name}: the server has no usable connections`));
  }
  const start = performance.now();
  const entries = tiers<T>(connections);
  // Attempts still trying, by tier: a few numbers, however many connections.
  const trying: number[] = [];
  for (const { tier } of entries) trying[tier] = (trying[tier] ?? 0) + 1;
  let left = entries.length;
  let best: Entry<T> | undefined;
  const failures: unknown[] = [];

  return new Promise<RaceResult<T>>((resolve, reject) => {
    let settled = false;
    let grace: ReturnType<typeof setTimeout> | undefined;
    // The race ends once: timers cleared, the caller's signal unhooked, every attempt still trying aborted, each
    // outcome told; then `winner` resolves it, or `failure()` rejects it.
    const finish = (winner: Entry<T> | undefined, failure?: () => unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(grace);
      signal?.removeEventListener("abort", onAbort);
      const over = new Error("the race is over");
      for (const entry of entries) entry.stop.abort(over);
      const endedMs = performance.now() - start;
      const untold = entries.filter((entry) => !entry.attempt);
      for (const entry of untold) {
        const outcome = entry === winner ? "won" : entry.answered ? "lost" : "aborted";
        entry.attempt = { connection: entry.connection, outcome, elapsedMs: entry.answered?.elapsedMs ?? endedMs };
      }
      try {
        for (const entry of untold) onAttempt?.(entry.attempt!);
      } catch (error) {
        return reject(error);
      }
      if (winner) resolve({ value: winner.answered!.value, attempts: entries.map((entry) => entry.attempt!) });
      else reject(failure!());
    };
    // After each outcome: the best success wins once no better-ranked attempt is trying, or when its grace is over.
    const decide = () => {
      if (best) {
        if (preferWithinMs === 0 || !trying.slice(0, best.tier).some((count) => count > 0)) finish(best);
        else grace ??= setTimeout(() => finish(best), preferWithinMs);
      } else if (left === 0) {
        const message = `${server.name}: none of its ${entries.length} connections answered`;
        finish(undefined, () => allFailed?.(failures) ?? new ServerUnreachableError(message, { cause: failures }));
      }
    };
    // At the deadline a held success still wins: the grace never outlasts the race.
    const timer = setTimeout(
      () =>
        finish(best, () => new ServerUnreachableError(`${server.name}: no connection answered within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onAbort = () => finish(undefined, () => signal!.reason);
    signal?.addEventListener("abort", onAbort, { once: true });

    for (const entry of entries) {
      const done = () => {
        left--;
        trying[entry.tier]!--;
        return performance.now() - start;
      };
      attempt(entry.connection, entry.stop.signal).then(
        (value) => {
          if (settled) return;
          entry.answered = { value, elapsedMs: done() };
          if (!best || entry.tier < best.tier) best = entry;
          decide();
        },
        (error: unknown) => {
          if (settled) return;
          entry.attempt = { connection: entry.connection, outcome: "failed", error, elapsedMs: done() };
          failures.push(error);
          try {
            onAttempt?.(entry.attempt);
          } catch (thrown) {
            return finish(undefined, () => thrown);
          }
          decide();
        },
      );
    }
  });
}
