import {
  checkPin,
  createPin,
  InvalidTokenError,
  PinExpiredError,
  PlexTvError,
  RateLimitedError,
  UnexpectedResponseError,
} from "../../../src";
import { clientFor, useStandIn } from "../../support/stand-in";

describe("createPin and checkPin", () => {
  const env = useStandIn();

  it("creates a strong PIN by default and reads it back", async () => {
    const plex = clientFor(env.server);
    const pin = await createPin(plex);
    expect(pin.code).toHaveLength(25);
    expect(env.server.requests[0]!.url).toBe("/api/v2/pins?strong=true");
    const same = await checkPin(plex, pin.id);
    expect(same).toMatchObject({ id: pin.id, code: pin.code, authToken: null });
  });

  it("creates a 4-character PIN with strong: false", async () => {
    const pin = await createPin(clientFor(env.server), { strong: false });
    expect(pin.code).toMatch(/^[A-Z0-9]{4}$/);
    expect(env.server.requests[0]!.url).toBe("/api/v2/pins?strong=false");
  });

  it("throws PlexTvError with status, Plex code and message on a 400", async () => {
    env.server.fault("POST /api/v2/pins", {
      kind: "status",
      status: 400,
      body: JSON.stringify({ errors: [{ code: 1000, message: "X-Plex-Client-Identifier is missing", status: 400 }] }),
    });
    const error = await createPin(clientFor(env.server)).catch((e) => e);
    expect(error).toBeInstanceOf(PlexTvError);
    expect(error).toMatchObject({ status: 400, code: 1000, plexMessage: "X-Plex-Client-Identifier is missing" });
    expect(error.message).toBe("POST /api/v2/pins failed: 400 X-Plex-Client-Identifier is missing (code 1000)");
  });

  it("throws PinExpiredError on 404/1020", async () => {
    const error = await checkPin(clientFor(env.server), 123).catch((e) => e);
    expect(error).toBeInstanceOf(PinExpiredError);
    expect(error).toMatchObject({ status: 404, code: 1020 });
  });

  it("types 401 and 429 answers", async () => {
    env.server.fault("POST /api/v2/pins", { kind: "status", status: 401 });
    await expect(createPin(clientFor(env.server))).rejects.toThrow(InvalidTokenError);
    env.server.fault("POST /api/v2/pins", { kind: "rateLimit", retryAfter: 3 });
    await expect(createPin(clientFor(env.server))).rejects.toMatchObject({
      constructor: RateLimitedError,
      retryAfterMs: 3000,
    });
  });

  it("keeps the status of a 5xx HTML page", async () => {
    env.server.fault("POST /api/v2/pins", {
      kind: "status",
      status: 502,
      body: "<html><body>Bad Gateway</body></html>",
      contentType: "text/html",
    });
    const error = await createPin(clientFor(env.server)).catch((e) => e);
    expect(error).toBeInstanceOf(PlexTvError);
    expect(error.status).toBe(502);
    expect(error.message).toBe("POST /api/v2/pins failed: 502 Bad Gateway");
  });

  it.each(["xml", "html", "malformed", "truncated"] as const)(
    "throws UnexpectedResponseError for a 200 %s body",
    async (body) => {
      env.server.fault("POST /api/v2/pins", { kind: "body", body });
      const error = await createPin(clientFor(env.server)).catch((e) => e);
      expect(error).toBeInstanceOf(UnexpectedResponseError);
      expect(error.message).toMatch(/POST \/api\/v2\/pins/);
    },
  );

  it("rejects a PIN id that is not an integer before sending anything", async () => {
    await expect(checkPin(clientFor(env.server), Number.NaN)).rejects.toThrow(TypeError);
    expect(env.server.requests).toHaveLength(0);
  });
});
