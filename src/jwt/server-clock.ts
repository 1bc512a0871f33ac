// plex.tv's clock, as seen from here. Device JWTs carry iat/exp that plex.tv checks against its own clock, and a
// Plex JWT's exp is by that clock too; a device minutes or years off would sign proofs plex.tv refuses, or judge
// tokens by the wrong time. Each answer's `Date` header tells how far plex.tv's clock is from this one, per client.

import type { PlexTvClient } from "../transport/client";

const skews = new WeakMap<PlexTvClient, number>();

/** Notes plex.tv's clock from an answer's `Date` header (second resolution: off by under a second). */
export function noteServerDate(plex: PlexTvClient, response: Response): void {
  const date = Date.parse(response.headers.get("Date") ?? "");
  if (!Number.isNaN(date)) skews.set(plex, date - Date.now());
}

/** plex.tv's time now, in ms, as far as this client has seen it (this device's clock until it has). */
export const serverNow = (plex: PlexTvClient) => Date.now() + (skews.get(plex) ?? 0);

/** An openapi-fetch result, with plex.tv's clock noted on the way. */
export const noting = <T extends { response: Response }>(plex: PlexTvClient, pending: Promise<T>): Promise<T> =>
  pending.then((result) => (noteServerDate(plex, result.response), result));
