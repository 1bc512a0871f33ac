// At most `limit` sign-ins start in any minute: each start creates a PIN at plex.tv, and a flood of them would get
// the app's address rate-limited there, for every user. The times of the last `limit` starts are kept in a ring.

/** Takes a start: 0 when it may go ahead, else the milliseconds until one may. */
export function startLimit(limit: number, windowMs = 60_000): () => number {
  const times = new Array<number>(limit).fill(-Infinity);
  let oldest = 0;
  return () => {
    const now = Date.now();
    const wait = times[oldest]! + windowMs - now;
    if (wait > 0) return wait;
    times[oldest] = now;
    oldest = (oldest + 1) % limit;
    return 0;
  };
}
