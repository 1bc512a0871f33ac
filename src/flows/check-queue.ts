// At most `limit` checks at plex.tv at once, the rest waiting in a bounded queue: 500 junk tokens open `limit`
// requests, not 500. After a 429 the queue stops asking for the pause plex.tv asked for (Retry-After, or a second):
// the checks waiting and those that come meanwhile fail at once with its error, so a burst neither makes plex.tv
// limit every user nor holds the app's requests. A full queue refuses at once: memory never grows with the load.

/** The queue of plex.tv checks is full: this check was not made. */
export class ChecksOverloadedError extends Error {
  override name = "ChecksOverloadedError";
}

export interface CheckQueue {
  /** Runs `task` once a place is free; a full queue rejects with ChecksOverloadedError, a pause with its reason. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Starts no task for `ms`: the waiting ones and the new ones are refused with `reason` (plex.tv's 429). */
  pause(ms: number, reason: unknown): void;
}

const MAX_PAUSE_MS = 30_000;

export function checkQueue(limit: number, maxQueued: number): CheckQueue {
  let running = 0;
  let pausedUntil = 0;
  let pauseReason: unknown;
  const waiting: { start: () => void; refuse: (reason: unknown) => void }[] = [];

  // A place freed goes to the longest waiting, which holds it until its task ends.
  const start = <T>(task: () => Promise<T>) => {
    running++;
    return task().finally(() => {
      running--;
      waiting.shift()?.start();
    });
  };

  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      if (pausedUntil > Date.now()) return Promise.reject(pauseReason);
      if (running < limit && waiting.length === 0) return start(task);
      if (waiting.length >= maxQueued) {
        return Promise.reject(new ChecksOverloadedError(`${waiting.length} plex.tv checks are waiting already`));
      }
      return new Promise<T>((resolve, reject) =>
        waiting.push({ start: () => start(task).then(resolve, reject), refuse: reject }),
      );
    },
    pause(ms, reason) {
      pausedUntil = Math.max(pausedUntil, Date.now() + Math.min(ms, MAX_PAUSE_MS));
      pauseReason = reason;
      for (const waiter of waiting.splice(0)) waiter.refuse(reason);
    },
  };
}
