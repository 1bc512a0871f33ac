// A claim token: what a new Plex Media Server (Docker's PLEX_CLAIM) is claimed with.

import { UnexpectedResponseError } from "../transport/errors";
import { send } from "../transport/operation";
import { tokenOf, type TokenOptions } from "./account";
import type { PlexTvClient } from "./client";

// What plex.tv's claim tokens look like. Anything else (a space, a quote, an escape) could become a shell's extra
// argument or a terminal's command where the token is pasted, so it is refused, and never quoted.
const CLAIM_TOKEN = /^claim-[A-Za-z0-9_-]+$/;

/**
 * GET /api/claim/token.json: "claim-…" (letters, digits, `_` and `-`), valid about 4 minutes. Pass it to
 * claimServer, or to Docker as PLEX_CLAIM. Any other answer is an UnexpectedResponseError.
 */
export async function getClaimToken(plex: PlexTvClient, options: TokenOptions = {}): Promise<string> {
  const token = (await send(plex, "GET /api/claim/token.json", { signal: options.signal }, tokenOf(options)))?.token;
  if (typeof token !== "string" || !CLAIM_TOKEN.test(token)) {
    throw new UnexpectedResponseError("GET /api/claim/token.json: plex.tv's answer holds no claim token");
  }
  return token;
}
