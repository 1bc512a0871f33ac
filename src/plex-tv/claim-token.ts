// A claim token: what a new Plex Media Server (Docker's PLEX_CLAIM) is claimed with.

import { call } from "../transport/call";
import type { PlexTvClient } from "../transport/client";
import { UnexpectedResponseError } from "../transport/errors";
import { withToken, type TokenOptions } from "./account";

/** GET /api/claim/token.json: "claim-…", valid about 4 minutes. Pass it to claimServer, or to Docker as PLEX_CLAIM. */
export async function getClaimToken(plex: PlexTvClient, options: TokenOptions = {}): Promise<string> {
  const pending = plex.GET("/api/claim/token.json", withToken(options));
  const token = (await call("GET /api/claim/token.json", pending, options.signal))?.token;
  if (typeof token !== "string" || !token.startsWith("claim-")) {
    throw new UnexpectedResponseError("GET /api/claim/token.json: plex.tv's answer holds no claim token");
  }
  return token;
}
