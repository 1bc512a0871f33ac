// The two PIN requests: create one, read it back. Each PIN they return carries its deadline by this device's clock.

import type { components } from "../../generated/plex-tv";
import { UnexpectedResponseError, type ErrorMeaning } from "../transport/errors";
import { send } from "../transport/operation";
import type { PlexTvClient } from "./client";
import { PinExpiredError } from "./errors";

export type GetPinAuthPinContainer = components["schemas"]["GetPinAuthPinContainer"];
type Ed25519PublicJwk = components["schemas"]["Ed25519PublicJwk"];

/**
 * A PIN as createPin and checkPin return it: plex.tv's answer, and `deadline`, when it expires by this device's
 * clock (`Date.now()` terms). Device clocks are often minutes or years off, so plex.tv's `expiresAt` is never
 * compared with the local clock: the deadline is when the answer arrived plus `expiresIn` (or plus `expiresAt` as
 * plex.tv's own clock reads it). `deadline` is not enumerable: a copy or JSON of the PIN has none.
 */
export type ReceivedPin = GetPinAuthPinContainer & { readonly deadline?: number };

export interface CreatePinOptions {
  /** `true` (default) for a 25-character code for the auth app; `false` for a 4-character code for plex.tv/link. */
  strong?: boolean;
  /** JWT device authentication: the device's public key, so the PIN yields a Plex JWT bound to it. */
  jwk?: Ed25519PublicJwk;
  signal?: AbortSignal;
}

export interface CheckPinOptions {
  /** JWT device authentication: a device-signed JWT proving the key the PIN was made with. */
  deviceJWT?: string;
  signal?: AbortSignal;
}

/**
 * When a PIN expires, in this device's `Date.now()` terms, or undefined when that cannot be known: its `deadline`
 * when createPin or checkPin returned it, else (a copy, storage) `expiresIn` counted from now, which is never earlier
 * than the truth. plex.tv's 404/1020 stays the authority either way.
 */
export function pinDeadline(pin: Partial<Pick<ReceivedPin, "expiresIn" | "deadline">>): number | undefined {
  if (pin.deadline !== undefined) return pin.deadline;
  return typeof pin.expiresIn === "number" ? Date.now() + pin.expiresIn * 1000 : undefined;
}

/** 404/1020 on a PIN: it is unknown, expired, or from another client identifier. */
export const pinMeaning: ErrorMeaning = (status, code) => status === 404 && code === 1020 && PinExpiredError;

// The types promise a pin; this checks the fields the flow relies on, so a stray answer fails clearly.
async function received(
  plex: PlexTvClient,
  operation: string,
  pending: Promise<GetPinAuthPinContainer>,
): Promise<ReceivedPin> {
  const pin = await pending;
  const arrived = Date.now();
  if (typeof pin?.id !== "number" || typeof pin.code !== "string") {
    throw new UnexpectedResponseError(`${operation}: plex.tv's answer is not a PIN`);
  }
  // Without expiresIn, by plex.tv's clock (noted from this very answer's Date, when it had one).
  const { skewMs } = plex.clock;
  const leftMs =
    typeof pin.expiresIn === "number"
      ? pin.expiresIn * 1000
      : Date.parse(pin.expiresAt) - (skewMs === undefined ? Date.parse(pin.createdAt) : arrived + skewMs);
  if (leftMs >= 0) Object.defineProperty(pin, "deadline", { value: arrived + leftMs, configurable: true });
  return pin;
}

/** POST /api/v2/pins: a new PIN (its `code` for the auth app URL or plex.tv/link, its `id` to check it by). */
export async function createPin(
  plex: PlexTvClient,
  { strong = true, jwk, signal }: CreatePinOptions = {},
): Promise<ReceivedPin> {
  const operation = "POST /api/v2/pins";
  // With a device key, `strong` goes in the JSON body too, where plex.tv reads it then; without one, no body.
  const body = jwk && { jwk, strong };
  const pending = send(plex, operation, { params: { query: { strong } }, body, signal }, { meaning: pinMeaning });
  return received(plex, operation, pending);
}

/** GET /api/v2/pins/{pinID}: the PIN, with `authToken` once the user approved it. Throws PinExpiredError on 404/1020. */
export async function checkPin(
  plex: PlexTvClient,
  pinID: number,
  { deviceJWT, signal }: CheckPinOptions = {},
): Promise<ReceivedPin> {
  if (!Number.isSafeInteger(pinID) || pinID < 0) throw new TypeError("checkPin: `pinID` must be an integer");
  const operation = "GET /api/v2/pins/{pinID}";
  // Plex's protocol puts the device proof in the URL (left out when undefined); it is short-lived and not the user's
  // token.
  const params = { path: { pinID }, query: { deviceJWT } };
  const pending = send(plex, operation, { params, signal }, { meaning: pinMeaning });
  return received(plex, operation, pending);
}
