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

function requirePin(operation: string, pin: GetPinAuthPinContainer | undefined): GetPinAuthPinContainer {
  // The types promise a pin; this checks the few fields the flow relies on, so a stray answer fails clearly.
  if (!pin || typeof pin !== "object" || typeof pin.id !== "number" || typeof pin.code !== "string") {
    throw new UnexpectedResponseError(`${operation}: plex.tv's answer is not a PIN`);
  }
  return pin;
}

/** POST /api/v2/pins. */
export async function createPin(plex: PlexTvClient, options: CreatePinOptions = {}): Promise<GetPinAuthPinContainer> {
  const { strong = true, signal } = options;
  const operation = "POST /api/v2/pins";
  const pin = await call(operation, plex.POST("/api/v2/pins", { params: { query: { strong } }, signal }), signal);
  return requirePin(operation, pin);
}

/** GET /api/v2/pins/{pinID}: the PIN, with `authToken` once the user approved it. Throws PinExpiredError on 404/1020. */
export async function checkPin(
  plex: PlexTvClient,
  pinID: number,
  options: { signal?: AbortSignal } = {},
): Promise<GetPinAuthPinContainer> {
  if (!Number.isSafeInteger(pinID) || pinID < 0) throw new TypeError("checkPin: `pinID` must be a PIN's integer id");
  const { signal } = options;
  const operation = "GET /api/v2/pins/{pinID}";
  const pin = await call(operation, plex.GET("/api/v2/pins/{pinID}", { params: { path: { pinID } }, signal }), signal);
  return requirePin(operation, pin);
}
