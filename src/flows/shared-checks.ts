// Checks by key, shared and remembered, for the token validator and the access check: callers of one key at once
// share one run; its answer is kept in this process for as long as `keepFor` says; forget() drops a kept answer, and
// a run under way then keeps nothing (its late answer would bring back what was forgotten).

import { MemoryLru } from "../stores/expiring-store";
import { untilAborted } from "../transport/until-aborted";

/** What a run may ask of itself: whether forget() came for its key while it ran. */
export interface CheckRun {
  readonly forgotten: boolean;
}

export interface SharedChecks<R> {
  /** The kept answer for `key`, the run under way, or a new run of `check`; an abort leaves the run to the others. */
  run(key: string, check: (run: CheckRun) => Promise<R>, signal?: AbortSignal): Promise<R>;
  /** Drops the kept answer for `key`; a run under way keeps nothing, and the next call starts afresh. */
  forget(key: string): void;
}

export function sharedChecks<R>(maxEntries: number, keepFor: (result: R) => number): SharedChecks<R> {
  // Each answer a settled promise, handed out as it is.
  const memory = new MemoryLru<Promise<R>>(maxEntries);
  const running = new Map<string, { result: Promise<R>; forgotten: boolean }>();
  return {
    run(key, check, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      const known = memory.get(key);
      if (known) return known;
      let current = running.get(key);
      if (!current) {
        const started = { forgotten: false, result: undefined! as Promise<R> };
        // Callers get the answer only once it is kept and the run is over: a call after it starts anew.
        started.result = check(started)
          .then((result) => {
            const ms = started.forgotten ? 0 : keepFor(result);
            if (ms > 0) memory.set(key, Promise.resolve(result), ms);
            return result;
          })
          .finally(() => {
            if (running.get(key) === started) running.delete(key);
          });
        running.set(key, (current = started));
      }
      return untilAborted(current.result, signal);
    },
    forget(key) {
      memory.delete(key);
      const current = running.get(key);
      if (current) {
        current.forgotten = true;
        running.delete(key);
      }
    },
  };
}
