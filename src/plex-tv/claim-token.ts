// A claim token: what a new Plex Media Server (Docker's PLEX_CLAIM) is claimed with.

import { UnexpectedResponseError } from "../transport/errors";
import { send } from "../transport/operation";
import { tokenOf, type TokenOptions } from "./account";
import type { PlexTvClient } from "./client";

/** GET /api/claim/token.json: "claim-…", valid about 4 minutes. Pass it to claimServer, or to Docker as PLEX_CLAIM. */
export async function getClaimToken(plex: PlexTvClient, options: TokenOptions = {}): Promise<string> {
  const token = (await send(plex, "GET /api/claim/token.json", { signal: options.signal }, tokenOf(options)))?.token;
  if (typeof token !== "string" || !token.startsWith("claim-")) {
    throw new UnexpectedResponseError("GET /api/claim/token.json: plex.tv's answer holds no claim token");
  }
  return token;
}
