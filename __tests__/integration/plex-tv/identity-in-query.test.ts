// identityIn: "query" sends the X-Plex-* identity as query parameters (as Plex's own web app does), so a browser's PIN
// create and check are CORS-simple requests; the token stays in its header. Chromium's no-preflight check is in
// e2e/insecure-origin.test.ts.

import { checkPin, createPin, createPlexTvClient, getUser, login } from "../../../src";
import { identity, useStandIn } from "../../support/stand-in";

describe('createPlexTvClient({ identityIn: "query" })', () => {
  const env = useStandIn();
  const client = (extra = {}) =>
    createPlexTvClient({ ...identity, baseUrl: env.server.url, identityIn: "query", ...extra });

  it("PIN create and check carry the identity in the query and no X-Plex-* header", async () => {
    const plex = client({ version: "1.2.3", product: "Tom & Jerry #1", deviceName: "Café ☕" });
    const pin = await createPin(plex);
    await checkPin(plex, pin.id);
    expect(pin.clientIdentifier).toBe(identity.clientIdentifier);
    for (const request of env.server.requests) {
      const query = new URL(request.url, "http://x").searchParams;
      expect(query.get("X-Plex-Client-Identifier")).toBe(identity.clientIdentifier);
      expect(query.get("X-Plex-Product")).toBe("Tom & Jerry #1");
      expect(query.get("X-Plex-Device-Name")).toBe("Café ☕");
      expect(query.get("X-Plex-Version")).toBe("1.2.3");
      expect(Object.keys(request.headers).filter((name) => name.startsWith("x-plex-"))).toEqual([]);
      // What makes it CORS-simple: no body, so no Content-Type; Accept is a safelisted header.
      expect(request.headers["content-type"]).toBeUndefined();
      expect(request.headers.accept).toBe("application/json");
    }
    expect(env.server.requests[0]!.url).toMatch(/^\/api\/v2\/pins\?strong=true&X-Plex-Client-Identifier=/);
  });

  it("the whole login works that way, and the token stays in the X-Plex-Token header, never in a URL", async () => {
    const plex = client();
    const { authToken } = await login(plex, {
      intervalMs: 10,
      onVerification: ({ pin }) => void env.server.approve(pin.id),
    });
    expect((await getUser(plex, { token: authToken })).username).toBe("standin");
    const user = env.server.requests.find((r) => r.route === "GET /api/v2/user")!;
    expect(user.headers["x-plex-token"]).toBe(authToken);
    for (const request of env.server.requests) expect(request.url).not.toContain(authToken);
  });

  it("refuses any other value", () => {
    expect(() => client({ identityIn: "cookie" })).toThrow(
      'createPlexTvClient: `identityIn` must be "headers" or "query"',
    );
  });
});
