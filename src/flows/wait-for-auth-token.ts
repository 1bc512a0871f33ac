// Polls a PIN until the user approves it, it expires, or the caller gives up.

import type { PlexTvClient } from "../plex-tv/client";
import { PinExpiredError } from "../plex-tv/errors";
import { checkPin, pinDeadline, type GetPinAuthPinContainer, type ReceivedPin } from "../plex-tv/pin";
import { backoffDelay, isTransient } from "../transport/backoff";
import { PlexTvError } from "../transport/errors";
import { sleep } from "../transport/sleep";

export interface PollEvent {
  /** 1 for the first check. */
  attempt: number;
  /** Milliseconds left before the PIN expires, by this device's clock (Infinity when unknown: see pinDeadline). */
  remainingMs: number;
  /** HTTP status of this check's answer; undefined when there was none (network error, timeout). */
  status?: number;
  /** The failure of this check, if it failed. */
  error?: PlexTvError;
}

export interface WaitForAuthTokenOptions {
  /** Gap between checks, default 1000 ms (Plex's guide: about once a second). */
  intervalMs?: number;
  /** The longest gap backoff grows to after repeated failures. Default 30 000 ms. */
  maxBackoffMs?: number;
  signal?: AbortSignal;
  onPoll?: (event: PollEvent) => void;
}

/** A PIN to poll: createPin's answer, or any object with its `id` (and `expiresIn`, counted from now). */
export type PinToPoll = Pick<ReceivedPin, "id"> & Partial<ReceivedPin>;

export interface AuthTokenResult {
  authToken: string;
  pin: GetPinAuthPinContainer;
}

/**
 * Checks the PIN every `intervalMs` and resolves as soon as it carries a token. Transient failures are retried
 * with backoff and never past the PIN's expiry (by this device's clock: see pinDeadline); 404/1020 or expiry reject
 * with PinExpiredError (its `cause` is the last failure, if any); other errors reject at once; an abort rejects with
 * the signal's reason.
 */
export function waitForAuthToken(
  plex: PlexTvClient,
  pin: PinToPoll,
  options: WaitForAuthTokenOptions = {},
): Promise<AuthTokenResult> {
  return pollPin(pin, (signal) => checkPin(plex, pin.id, { signal }), options);
}

/** The polling loop of waitForAuthToken, over any way of checking the PIN (JWT sign-in signs each check). */
export async function pollPin(
  pin: PinToPoll,
  check: (signal?: AbortSignal) => Promise<GetPinAuthPinContainer>,
  options: WaitForAuthTokenOptions,
): Promise<AuthTokenResult> {
  const { intervalMs = 1000, maxBackoffMs = 30_000, signal, onPoll } = options;
  if (!(intervalMs > 0) || typeof pin?.id !== "number") {
    throw new TypeError("waitForAuthToken: needs intervalMs > 0 and the PIN's id");
  }
  // Without a known deadline, plex.tv's 404/1020 ends the wait.
  const deadline = pinDeadline(pin) ?? Infinity;
  let failures = 0;
  let lastFailure: PlexTvError | undefined;

  for (let attempt = 1; ; attempt++) {
    // An abort wins over expiry; in flight, the request and the sleep reject with the signal's reason themselves.
    signal?.throwIfAborted();
    if (Date.now() >= deadline) {
      throw new PinExpiredError(`PIN ${pin.id} expired before it was approved`, { cause: lastFailure });
    }
    let current: GetPinAuthPinContainer | undefined;
    let error: PlexTvError | undefined;
    try {
      current = await check(signal);
    } catch (caught) {
      if (!(caught instanceof PlexTvError)) throw caught;
      error = caught;
    }
    onPoll?.({ attempt, remainingMs: deadline - Date.now(), status: error ? error.status : 200, error });
    if (current?.authToken) return { authToken: current.authToken, pin: current };
    let delay = intervalMs;
    if (error) {
      if (error instanceof PinExpiredError || !isTransient(error)) throw error;
      lastFailure = error;
      delay = backoffDelay(++failures, error, intervalMs, maxBackoffMs);
    } else {
      failures = 0;
    }
    // Never sleep past expiry: wake at it and stop.
    await sleep(Math.max(0, Math.min(delay, deadline - Date.now())), signal);
  }
}
