import { MAX_DELAY_MS } from "./options";

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
