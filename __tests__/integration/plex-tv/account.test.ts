import {
  createPin,
  getGeoData,
  getUser,
  InvalidTokenError,
  linkPin,
  PinExpiredError,
  ping,
  signOut,
  validateToken,
  waitForAuthToken,
} from "../../../src";
import { responseErrors } from "../../support/spec";
import { clientFor, useStandIn } from "../../support/stand-in";

describe("account helpers", () => {
  const env = useStandIn();

  it("getUser returns the account, in the spec's shape, sending the token as a header only", async () => {
    const token = env.server.issueToken({ username: "ada", title: "Ada" });
    const user = await getUser(clientFor(env.server), { token });
    expect(user).toMatchObject({ username: "ada", title: "Ada", authToken: token });
    expect(responseErrors("GET /api/v2/user", 200, user)).toEqual([]);
    const [request] = env.server.requests;
    expect(request!.headers["x-plex-token"]).toBe(token);
    expect(request!.url).toBe("/api/v2/user");
  });

  it("uses the client's token when none is passed", async () => {
    const token = env.server.issueToken();
    await expect(getUser(clientFor(env.server, { token }))).resolves.toMatchObject({ username: "standin" });
  });

  it("the spec requires every field plex.tv always sends on /api/v2/user, and the stand-in sends them", async () => {
    const user = await getUser(clientFor(env.server, { token: env.server.issueToken() }));
    expect(responseErrors("GET /api/v2/user", 200, user)).toEqual([]);
    const { services: _, ...withoutServices } = user;
    expect(responseErrors("GET /api/v2/user", 200, withoutServices)).toEqual([
      "GET /api/v2/user 200 / must have required property 'services'",
    ]);
  });

  it("ping keeps a valid token alive and fails with InvalidTokenError on a bad one", async () => {
    const plex = clientFor(env.server);
    await expect(ping(plex, { token: env.server.issueToken() })).resolves.toBeUndefined();
    await expect(ping(plex, { token: "nope" })).rejects.toThrow(InvalidTokenError);
  });

  it("signOut makes the token invalid", async () => {
    const plex = clientFor(env.server);
    const token = env.server.issueToken();
    await signOut(plex, { token });
    expect(await validateToken(plex, token)).toEqual({ status: "invalid" });
  });

  it("getGeoData returns GeoData", async () => {
    const geo = await getGeoData(clientFor(env.server));
    expect(geo.postal_code).toBe("SW1A 1AA");
    expect(responseErrors("GET /api/v2/geoip", 200, geo)).toEqual([]);
  });
});

describe("validateToken", () => {
  const env = useStandIn();

  it("valid: 200 with the user", async () => {
    const token = env.server.issueToken();
    const result = await validateToken(clientFor(env.server), token);
    expect(result).toMatchObject({ status: "valid", user: { username: "standin" } });
  });

  it("invalid: only a 401", async () => {
    expect(await validateToken(clientFor(env.server), "not-a-token")).toEqual({ status: "invalid" });
  });

  it.each([
    ["a 500", { kind: "status", status: 500 }],
    ["a 503 HTML page", { kind: "status", status: 503, body: "<html>down</html>", contentType: "text/html" }],
    ["a 429", { kind: "rateLimit", retryAfter: 5 }],
    ["a 403", { kind: "status", status: 403 }],
    ["a reset", { kind: "reset" }],
    ["an XML answer", { kind: "body", body: "xml" }],
  ] as const)("unknown: %s says nothing about the token", async (_, fault) => {
    const token = env.server.issueToken();
    env.server.fault("GET /api/v2/user", fault);
    const result = await validateToken(clientFor(env.server), token);
    expect(result.status).toBe("unknown");
    expect(result).toHaveProperty("cause");
  });

  it("unknown: a timeout", async () => {
    env.server.fault("GET /api/v2/user", { kind: "delay", ms: 2000 });
    const result = await validateToken(clientFor(env.server, { timeoutMs: 100 }), env.server.issueToken());
    expect(result).toMatchObject({ status: "unknown", cause: { name: "PlexTvTimeoutError" } });
  });

  it("rejects with the reason when the caller aborts", async () => {
    env.server.fault("GET /api/v2/user", { kind: "delay", ms: 2000 });
    const signal = AbortSignal.timeout(50);
    const error = await validateToken(clientFor(env.server), "t", { signal }).catch((e) => e);
    expect(error).toBe(signal.reason);
    expect(error.name).toBe("TimeoutError");
  });
});

describe("linkPin", () => {
  const env = useStandIn();

  it("approves a 4-character PIN that waitForAuthToken then sees", async () => {
    const tv = clientFor(env.server, { clientIdentifier: "living-room-tv", product: "TV app" });
    const phone = clientFor(env.server, { clientIdentifier: "phone", product: "Phone app" });
    const pin = await createPin(tv, { strong: false });
    const token = env.server.issueToken({ username: "owner" });
    await linkPin(phone, { code: pin.code, token });
    const link = env.server.requests.find((r) => r.route === "PUT /api/v2/pins/link")!;
    expect(link.body).toBe(`code=${pin.code}`);
    expect(link.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(link.url).toBe("/api/v2/pins/link");
    const { authToken } = await waitForAuthToken(tv, pin, { intervalMs: 20 });
    expect(await getUser(tv, { token: authToken })).toMatchObject({ username: "owner" });
  });

  it("fails with PinExpiredError for an unknown code and InvalidTokenError for a bad token", async () => {
    const plex = clientFor(env.server);
    await expect(linkPin(plex, { code: "ZZZZ", token: env.server.issueToken() })).rejects.toThrow(PinExpiredError);
    const pin = await createPin(plex, { strong: false });
    await expect(linkPin(plex, { code: pin.code, token: "bad" })).rejects.toThrow(InvalidTokenError);
  });

  it("refuses a code that is not 4 characters before sending anything", async () => {
    await expect(linkPin(clientFor(env.server), { code: "abc&x=1", token: "t" })).rejects.toThrow(TypeError);
    expect(env.server.requests).toHaveLength(0);
  });
});
