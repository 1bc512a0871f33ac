import { optionError } from "./identity";

/** The longest delay setTimeout holds: a longer one would fire at once. */
export const MAX_DELAY_MS = 2 ** 31 - 1;

/** Waits `ms` (at most MAX_DELAY_MS); an abort rejects at once with the signal's reason and clears the timer. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted(); // a throw in the executor rejects the promise with the reason
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.min(ms, MAX_DELAY_MS),
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** A deadline option (`timeoutMs`) must be a delay setTimeout keeps: a TypeError from `who` otherwise. */
export function checkTimeoutMs(timeoutMs: number, who?: string): void {
  if (!(timeoutMs > 0 && timeoutMs <= MAX_DELAY_MS)) throw optionError("timeoutMs", "positive, at most 2^31-1 ms", who);
}
