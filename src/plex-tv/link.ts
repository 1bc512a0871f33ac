// Approving a 4-character PIN from a device where the user is already signed in (TV pairing).

import { FORM_CONTENT_TYPE, formBody } from "../transport/form-body";
import { send } from "../transport/operation";
import type { PlexTvClient } from "./client";
import { pinMeaning } from "./pin";

export interface LinkPinOptions {
  /** The 4-character code the other device shows. */
  code: string;
  /** The approving user's token. */
  token: string;
  signal?: AbortSignal;
}

/** PUT /api/v2/pins/link: the other device's PIN then carries a token for this user. */
export async function linkPin(plex: PlexTvClient, { code, token, signal }: LinkPinOptions): Promise<void> {
  if (typeof code !== "string" || !/^[A-Za-z0-9]{4}$/.test(code))
    throw new TypeError("linkPin: `code` must be a 4-character PIN code");
  if (typeof token !== "string" || token === "") throw new TypeError("linkPin: `token` must be a non-empty string");
  const init = { body: { code }, bodySerializer: formBody, headers: FORM_CONTENT_TYPE, signal };
  await send(plex, "PUT /api/v2/pins/link", init, { token, meaning: pinMeaning });
}
