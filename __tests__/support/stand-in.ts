// Each test gets its own stand-in on 127.0.0.1 and a client pointed at it.

import { createPlexTvClient, type PlexTvClient, type PlexTvClientOptions } from "../../src";
import { startFakePlexTv, type FakePlexTv, type FakePlexTvOptions } from "../../src/testing";

export const identity = { clientIdentifier: "3c4a3a5e-9b77-4b8e-8d7e-1f2a3b4c5d6e", product: "plex-tv-auth tests" };

export async function standIn(options?: FakePlexTvOptions): Promise<FakePlexTv> {
  return startFakePlexTv(options);
}

export function clientFor(server: FakePlexTv, options: Partial<PlexTvClientOptions> = {}): PlexTvClient {
  return createPlexTvClient({ ...identity, baseUrl: server.url, ...options });
}

/** Starts a stand-in before each test and closes it after. */
export function useStandIn(options?: FakePlexTvOptions): { readonly server: FakePlexTv } {
  const holder = {} as { server: FakePlexTv };
  beforeEach(async () => {
    holder.server = await startFakePlexTv(options);
  });
  afterEach(async () => {
    await holder.server.close();
  });
  return holder;
}
