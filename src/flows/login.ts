// The whole PIN sign-in: create a PIN, show it to the user, wait for approval.

import type { PlexTvClient } from "../plex-tv/client";
import { PinExpiredError } from "../plex-tv/errors";
import { createPin, pinDeadline, type GetPinAuthPinContainer, type ReceivedPin } from "../plex-tv/pin";
import { authAppUrl, linkUrl } from "../plex-tv/urls";
import { backoffDelay, isTransient } from "../transport/backoff";
import { PlexTvError } from "../transport/errors";
import { sleep } from "../transport/sleep";
import { untilAborted } from "../transport/until-aborted";
import {
  waitForAuthToken,
  type AuthTokenResult,
  type PollEvent,
  type WaitForAuthTokenOptions,
} from "./wait-for-auth-token";

export interface Verification {
  /** Where to send the user: the auth app URL for strong PINs, https://plex.tv/link/?pin=CODE otherwise. */
  url: string;
  /** The PIN's code; for 4-character PINs, what the user types at https://plex.tv/link. */
  code: string;
  /** https://plex.tv/link/?pin=CODE. */
  linkUrl: string;
  /** plex.tv's QR image URL for the PIN, when its answer has one (older answers do not). */
  qr?: string;
  /**
   * When the PIN expires, by this device's clock (ISO date-time): what to show the user. plex.tv's own `expiresAt`
   * (by plex.tv's clock, which this device's may disagree with by minutes or years) stays in `pin`.
   */
  expiresAt: string;
  pin: GetPinAuthPinContainer;
}

export interface LoginOptions {
  /** `true` (default): a 25-character PIN and the auth app URL; `false`: a 4-character code for plex.tv/link. */
  strong?: boolean;
  /** Called once per PIN, with what to show the user. */
  onVerification: (verification: Verification) => void | Promise<void>;
  /** For web apps: where the auth app sends the user back. */
  forwardUrl?: string;
  /** Where the auth app lives; default https://app.plex.tv/auth (the stand-in's `authAppUrl` in tests). */
  authAppBaseUrl?: string;
  /** Replace an expired PIN with a new one (calling onVerification again) instead of failing. */
  renew?: boolean;
  /** With `renew`, how many PINs at most. Default 5. */
  maxPins?: number;
  intervalMs?: number;
  maxBackoffMs?: number;
  signal?: AbortSignal;
  onPoll?: (event: PollEvent) => void;
}

/**
 * How many times a PIN is asked for when plex.tv fails in a way that may pass (no answer, 408, 429, 5xx): a blip
 * (one or two failures) is ridden out, with the polling's backoff (1–2 s, then 2–4 s, or plex.tv's Retry-After up to
 * maxBackoffMs); a plex.tv that stays away fails within seconds, not after half a minute of silence. The caller's
 * signal ends the wait at any time.
 */
export const PIN_CREATE_ATTEMPTS = 3;

/** makePin, retried as polling is: transient failures with backoff, anything else at once. */
async function makePinPatiently(
  makePin: (signal?: AbortSignal) => Promise<ReceivedPin>,
  { signal, intervalMs = 1000, maxBackoffMs = 30_000 }: Pick<LoginOptions, "signal" | "intervalMs" | "maxBackoffMs">,
): Promise<ReceivedPin> {
  for (let failures = 1; ; failures++) {
    try {
      return await makePin(signal);
    } catch (error) {
      if (!(error instanceof PlexTvError) || !isTransient(error) || failures >= PIN_CREATE_ATTEMPTS) throw error;
      await sleep(backoffDelay(failures, error, intervalMs, maxBackoffMs), signal);
    }
  }
}

/**
 * Creates a PIN, shows it with onVerification, waits for approval; with `renew`, again for each expired PIN.
 * Creating the PIN rides out transient failures as polling does (see PIN_CREATE_ATTEMPTS).
 */
export function login(plex: PlexTvClient, options: LoginOptions): Promise<AuthTokenResult> {
  return signIn(
    plex,
    options,
    (signal) => createPin(plex, { strong: options.strong ?? true, signal }),
    (pin, polling) => waitForAuthToken(plex, pin, polling),
  );
}

/** The sign-in flow over any way of making and polling a PIN (login, loginWithJwt). */
export async function signIn(
  plex: PlexTvClient,
  options: LoginOptions,
  makePin: (signal?: AbortSignal) => Promise<ReceivedPin>,
  poll: (pin: ReceivedPin, polling: WaitForAuthTokenOptions) => Promise<AuthTokenResult>,
): Promise<AuthTokenResult> {
  const {
    strong = true,
    onVerification,
    forwardUrl,
    authAppBaseUrl,
    renew = false,
    maxPins = 5,
    signal,
    ...polling
  } = options;
  if (typeof onVerification !== "function") throw new TypeError("login: `onVerification` must be a function");
  const pins = renew ? maxPins : 1;
  for (let made = 1; ; made++) {
    const pin = await makePinPatiently(makePin, { ...polling, signal });
    const link = linkUrl(pin);
    const url = strong ? authAppUrl(plex, pin, { forwardUrl, authAppBaseUrl }) : link;
    const deadline = pinDeadline(pin);
    const expiresAt = deadline === undefined ? pin.expiresAt : new Date(deadline).toISOString();
    // An app still showing the code (or stuck doing so) must not outlive a cancel.
    await untilAborted(onVerification({ url, code: pin.code, linkUrl: link, qr: pin.qr, expiresAt, pin }), signal);
    try {
      return await poll(pin, { ...polling, signal });
    } catch (error) {
      if (!(error instanceof PinExpiredError) || made >= pins) throw error;
    }
  }
}
