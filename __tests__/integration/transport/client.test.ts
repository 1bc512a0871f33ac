import { PlexTvNetworkError, PlexTvTimeoutError, UnexpectedResponseError } from "../../../src";
import { clientFor, identity, useStandIn } from "../../support/stand-in";
import { activeTimers, eventually } from "../../support/timers";

describe("requests the client sends", () => {
  const env = useStandIn();
  const last = () => env.server.requests[env.server.requests.length - 1]!;

  it("sends the identity headers and Accept: application/json exactly", async () => {
    const plex = clientFor(env.server, { version: "2.0.0", platform: "Node.js", deviceName: "CI" });
    const { data } = await plex.POST("/api/v2/pins", {
      params: { query: { strong: true } },
      headers: { Accept: "*/*" },
    });
    expect(data?.code).toHaveLength(25);
    expect(last().headers).toMatchObject({
      accept: "application/json",
      "x-plex-client-identifier": identity.clientIdentifier,
      "x-plex-product": identity.product,
      "x-plex-version": "2.0.0",
      "x-plex-platform": "Node.js",
      "x-plex-device-name": "CI",
    });
  });

  it("sends a configured token on account routes, never on PIN routes, never in the URL", async () => {
    const token = env.server.issueToken();
    const plex = clientFor(env.server, { token });
    await plex.POST("/api/v2/pins", { params: { query: { strong: false } } });
    const { data: user } = await plex.GET("/api/v2/user");
    expect(user?.username).toBe("standin");
    const [create, account] = env.server.requests;
    expect(create!.headers["x-plex-token"]).toBeUndefined();
    expect(account!.headers["x-plex-token"]).toBe(token);
    // The log redacts tokens in URLs: no token parameter there at all, and nothing else that holds it.
    for (const request of env.server.requests) expect(request.url).not.toMatch(new RegExp(`${token}|token=`, "i"));
  });

  it("sends no token when none is configured", async () => {
    const plex = clientFor(env.server);
    const { response } = await plex.GET("/api/v2/user");
    expect(response.status).toBe(401);
    expect(last().headers["x-plex-token"]).toBeUndefined();
  });

  it("asks an async token function on each request", async () => {
    const tokens = [env.server.issueToken(), env.server.issueToken()];
    let calls = 0;
    const plex = clientFor(env.server, { token: async () => tokens[calls++] });
    await plex.GET("/api/v2/user");
    await plex.GET("/api/v2/user");
    expect(env.server.requests.map((r) => r.headers["x-plex-token"])).toEqual(tokens);
  });

  it("asks a plain token function too, and sends nothing when it yields none", async () => {
    const token = env.server.issueToken();
    let current: string | undefined = token;
    const plex = clientFor(env.server, { token: () => current });
    expect((await plex.GET("/api/v2/user")).response.status).toBe(200);
    current = undefined;
    expect((await plex.GET("/api/v2/user")).response.status).toBe(401);
    expect(env.server.requests.map((r) => r.headers["x-plex-token"])).toEqual([token, undefined]);
  });

  it("ends a request in flight when the caller's signal aborts, with its reason", async () => {
    env.server.fault("POST /api/v2/pins", { kind: "delay", ms: 5000 });
    const plex = clientFor(env.server);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user went away")), 50);
    const error = await plex.POST("/api/v2/pins", { signal: controller.signal }).catch((e) => e);
    expect(error).toBe(controller.signal.reason);
  });

  it("honours the signal of a request a middleware swapped in (the transport listens to what it is given)", async () => {
    env.server.fault("POST /api/v2/pins", { kind: "delay", ms: 5000 });
    const plex = clientFor(env.server);
    const controller = new AbortController();
    plex.use({ onRequest: ({ request }) => new Request(request, { signal: controller.signal }) });
    setTimeout(() => controller.abort(new Error("middleware's own deadline")), 50);
    const error = await plex.POST("/api/v2/pins").catch((e) => e);
    expect(error).toBe(controller.signal.reason);
  });

  it("does not crash on a non-ASCII product name and sends it percent-encoded", async () => {
    const plex = clientFor(env.server, { product: "Café ☕" });
    const { data } = await plex.POST("/api/v2/pins");
    expect(data?.id).toEqual(expect.any(Number));
    expect(decodeURIComponent(last().headers["x-plex-product"]!)).toBe("Café ☕");
  });

  it("uses a custom fetch", async () => {
    const seen: string[] = [];
    const plex = clientFor(env.server, { fetch: (request, init) => (seen.push(request.url), fetch(request, init)) });
    await plex.POST("/api/v2/pins");
    expect(seen).toEqual([`${env.server.url}/api/v2/pins`]);
  });

  it("turns a 200 XML answer into an UnexpectedResponseError", async () => {
    env.server.fault("POST /api/v2/pins", { kind: "body", body: "xml" });
    const plex = clientFor(env.server);
    await expect(plex.POST("/api/v2/pins")).rejects.toThrow(UnexpectedResponseError);
  });

  it("leaves no timer behind, with a body, without one, and after a failure", async () => {
    const plex = clientFor(env.server, { token: env.server.issueToken() });
    const before = activeTimers();
    await plex.GET("/api/v2/user"); // JSON body
    await plex.GET("/api/v2/ping"); // 200 with a small body
    env.server.fault("GET /api/v2/ping", { kind: "status", status: 204, body: "" });
    expect((await plex.GET("/api/v2/ping")).response.status).toBe(204);
    env.server.fault("GET /api/v2/ping", { kind: "status", status: 200, body: "", headers: { "Content-Length": "0" } });
    expect((await plex.GET("/api/v2/ping")).response.status).toBe(200);
    env.server.fault("GET /api/v2/user", { kind: "status", status: 500 });
    expect((await plex.GET("/api/v2/user")).response.status).toBe(500);
    env.server.fault("GET /api/v2/user", { kind: "body", body: "html" });
    await expect(plex.GET("/api/v2/user")).rejects.toThrow(UnexpectedResponseError);
    // undici's own timers come and go within a few ms; a leaked request timer would stay for its 30 s.
    expect(await eventually(() => activeTimers() <= before)).toBe(true);
  });

  it("turns a reset into a PlexTvNetworkError and a stall into a PlexTvTimeoutError", async () => {
    const plex = clientFor(env.server, { timeoutMs: 200 });
    env.server.fault("POST /api/v2/pins", { kind: "reset" });
    await expect(plex.POST("/api/v2/pins")).rejects.toThrow(PlexTvNetworkError);
    env.server.fault("POST /api/v2/pins", { kind: "delay", ms: 5000 });
    await expect(plex.POST("/api/v2/pins")).rejects.toThrow(PlexTvTimeoutError);
  });
});
