// Every delay is one setTimeout can hold (2^31-1 ms), and server-given delays are sane.

import { createPlexTvClient, waitForAuthToken } from "../../../src";
import { generateDeviceKey, verifyPlexJwt } from "../../../src/jwt";
import { findReachableConnection } from "../../../src/media-server";
import { clientFor, identity, useStandIn } from "../../support/stand-in";

describe("timeouts and intervals setTimeout cannot hold", () => {
  it("createPlexTvClient and findReachableConnection refuse a timeoutMs over 2^31-1 ms", () => {
    for (const timeoutMs of [2 ** 31, Infinity, NaN, 0, -1]) {
      expect(() => createPlexTvClient({ ...identity, timeoutMs })).toThrow(/`timeoutMs`/);
      expect(() => findReachableConnection({ name: "x", connections: [] }, { timeoutMs })).toThrow(/`timeoutMs`/);
    }
    expect(createPlexTvClient({ ...identity, timeoutMs: 2 ** 31 - 1 }).baseUrl).toBe("https://plex.tv");
  });

  describe("an interval past 2^31-1 ms waits (clamped), instead of firing at once", () => {
    const env = useStandIn();
    it("one check, then a long wait that an abort ends", async () => {
      const plex = clientFor(env.server);
      const pin = await plex.POST("/api/v2/pins").then(({ data }) => data!);
      const polling = waitForAuthToken(plex, pin, { intervalMs: 2 ** 40, signal: AbortSignal.timeout(300) });
      await expect(polling).rejects.toMatchObject({ name: "TimeoutError" });
      expect(env.server.requests.filter((r) => r.route === "GET /api/v2/pins/{pinID}")).toHaveLength(1);
    });
  });
});

describe("verifyPlexJwt's clockToleranceSeconds", () => {
  it.each([NaN, -1, Infinity])("refuses %p", async (clockToleranceSeconds) => {
    const key = await generateDeviceKey();
    const plex = createPlexTvClient(identity);
    await expect(
      verifyPlexJwt(plex, "a.b.c", { clientIdentifier: identity.clientIdentifier, key }, { clockToleranceSeconds }),
    ).rejects.toThrow(/clockToleranceSeconds/);
  });
});
