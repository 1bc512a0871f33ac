// The two PIN requests: create one, read it back.

import type { components } from "../generated/plex-tv";
import { call } from "./call";
import type { PlexTvClient } from "./client";
import { UnexpectedResponseError } from "./errors";

export type GetPinAuthPinContainer = components["schemas"]["GetPinAuthPinContainer"];

export interface CreatePinOptions {
  /** `true` (default) for a 25-character code for the auth app; `false` for a 4-character code for plex.tv/link. */
  strong?: boolean;
  signal?: AbortSignal;
}

// The types promise a pin; this checks the fields the flow relies on, so a stray answer fails clearly.
export async function pinFrom(
  operation: string,
  pending: Promise<{ data?: GetPinAuthPinContainer; response: Response }>,
  signal?: AbortSignal,
): Promise<GetPinAuthPinContainer> {
  const pin = await call(operation, pending, signal);
  if (typeof pin?.id !== "number" || typeof pin.code !== "string") {
    throw new UnexpectedResponseError(`${operation}: plex.tv's answer is not a PIN`);
  }
  return pin;
}

/** POST /api/v2/pins. */
export function createPin(plex: PlexTvClient, { strong = true, signal }: CreatePinOptions = {}) {
  const pending = plex.POST("/api/v2/pins", { params: { query: { strong } }, signal });
  return pinFrom("POST /api/v2/pins", pending, signal);
}

/** GET /api/v2/pins/{pinID}: the PIN, with `authToken` once the user approved it. Throws PinExpiredError on 404/1020. */
export async function checkPin(plex: PlexTvClient, pinID: number, { signal }: { signal?: AbortSignal } = {}) {
  if (!Number.isSafeInteger(pinID) || pinID < 0) throw new TypeError("checkPin: `pinID` must be an integer");
  const pending = plex.GET("/api/v2/pins/{pinID}", { params: { path: { pinID } }, signal });
  return pinFrom("GET /api/v2/pins/{pinID}", pending, signal);
}
