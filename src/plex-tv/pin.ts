// The two PIN requests: create one, read it back.

import type { components } from "../../generated/plex-tv";
import { call } from "../transport/call";
import type { PlexTvClient } from "../transport/client";
import { UnexpectedResponseError } from "../transport/errors";

export type GetPinAuthPinContainer = components["schemas"]["GetPinAuthPinContainer"];

export interface CreatePinOptions {
  /** `true` (default) for a 25-character code for the auth app; `false` for a 4-character code for plex.tv/link. */
  strong?: boolean;
  signal?: AbortSignal;
}

// When each PIN this package received expires, by this device's clock (see pinDeadline).
const deadlines = new WeakMap<object, number>();

/**
 * When a PIN expires, in this device's `Date.now()` terms, or undefined when that cannot be known.
 * Device clocks are often minutes or years off, so plex.tv's `expiresAt` is never compared with the local clock:
 * for a PIN returned by createPin or checkPin, the deadline is when its answer arrived plus `expiresIn` (or plus
 * `expiresAt` minus the answer's `Date`, plex.tv's own clock). For a PIN object from elsewhere (a copy, storage),
 * `expiresIn` counted from now: never earlier than the truth. plex.tv's 404/1020 stays the authority either way.
 */
export function pinDeadline(pin: Partial<Pick<GetPinAuthPinContainer, "expiresIn">>): number | undefined {
  const known = deadlines.get(pin);
  if (known !== undefined) return known;
  return typeof pin.expiresIn === "number" ? Date.now() + pin.expiresIn * 1000 : undefined;
}

// The types promise a pin; this checks the fields the flow relies on, so a stray answer fails clearly.
export async function pinFrom(
  operation: string,
  pending: Promise<{ data?: GetPinAuthPinContainer; response: Response }>,
  signal?: AbortSignal,
): Promise<GetPinAuthPinContainer> {
  const pin = await call(operation, pending, signal);
  const arrived = Date.now();
  if (typeof pin?.id !== "number" || typeof pin.code !== "string") {
    throw new UnexpectedResponseError(`${operation}: plex.tv's answer is not a PIN`);
  }
  // Without expiresIn, plex.tv's clock: the answer is in, and awaiting it again gives its Date header.
  const leftMs =
    typeof pin.expiresIn === "number"
      ? pin.expiresIn * 1000
      : Date.parse(pin.expiresAt) -
        (Date.parse((await pending).response.headers.get("Date") ?? "") || Date.parse(pin.createdAt));
  if (leftMs >= 0) deadlines.set(pin, arrived + leftMs);
  return pin;
}

/** POST /api/v2/pins: a new PIN (its `code` for the auth app URL or plex.tv/link, its `id` to check it by). */
export function createPin(
  plex: PlexTvClient,
  { strong = true, signal }: CreatePinOptions = {},
): Promise<GetPinAuthPinContainer> {
  const pending = plex.POST("/api/v2/pins", { params: { query: { strong } }, signal });
  return pinFrom("POST /api/v2/pins", pending, signal);
}

/** GET /api/v2/pins/{pinID}: the PIN, with `authToken` once the user approved it. Throws PinExpiredError on 404/1020. */
export async function checkPin(
  plex: PlexTvClient,
  pinID: number,
  { signal }: { signal?: AbortSignal } = {},
): Promise<GetPinAuthPinContainer> {
  if (!Number.isSafeInteger(pinID) || pinID < 0) throw new TypeError("checkPin: `pinID` must be an integer");
  const pending = plex.GET("/api/v2/pins/{pinID}", { params: { path: { pinID } }, signal });
  return pinFrom("GET /api/v2/pins/{pinID}", pending, signal);
}
