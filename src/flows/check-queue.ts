// At most `limit` checks at plex.tv at once, the rest waiting in a bounded queue: 500 junk tokens open `limit`
// requests, not 500. After a 429 the queue pauses (Retry-After, or a second), so a burst does not make plex.tv
// limit every user. A full queue refuses at once: memory never grows with the load.

/** The queue of plex.tv checks is full: this check was not made. */
export class ChecksOverloadedError extends Error {
  override name = "ChecksOverloadedError";
}

export interface CheckQueue {
  /** Runs `task` once a place is free and no pause is on; a full queue rejects with ChecksOverloadedError. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Starts no new task for `ms` (plex.tv said 429). */
  pause(ms: number): void;
}

const MAX_PAUSE_MS = 30_000;

export function checkQueue(limit: number, maxQueued: number): CheckQueue {
  let running = 0;
  let pausedUntil = 0;
  let wake: ReturnType<typeof setTimeout> | undefined;
  const waiting: (() => void)[] = [];

  // Hands free places to the longest waiting, unless paused (then a timer wakes the queue at the pause's end).
  const drain = () => {
    const pause = pausedUntil - Date.now();
    if (pause > 0) {
      if (waiting.length) wake ??= setTimeout(() => ((wake = undefined), drain()), pause);
      return;
    }
    while (running < limit && waiting.length) {
      running++;
      waiting.shift()!();
    }
  };

  const start = <T>(task: () => Promise<T>) =>
    task().finally(() => {
      running--;
      drain();
    });

  return {
    run(task) {
      if (running < limit && waiting.length === 0 && pausedUntil <= Date.now()) {
        running++;
        return start(task);
      }
      if (waiting.length >= maxQueued) {
        return Promise.reject(new ChecksOverloadedError(`${waiting.length} plex.tv checks are waiting already`));
      }
      const started = new Promise<void>((resolve) => waiting.push(resolve)).then(() => start(task));
      drain();
      return started;
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, Date.now() + Math.min(ms, MAX_PAUSE_MS));
    },
  };
}
