import { responseErrors } from "../../support/spec";
import { identity, standIn } from "../../support/stand-in";
import type { FakePlexTv } from "../../../src/testing";

const json = { Accept: "application/json" };
const headers = { ...json, "X-Plex-Client-Identifier": identity.clientIdentifier, "X-Plex-Product": identity.product };

async function post(server: FakePlexTv, path: string, extra: Record<string, string> = headers) {
  return fetch(`${server.url}${path}`, { method: "POST", headers: extra });
}
async function get(server: FakePlexTv, path: string, extra: Record<string, string> = headers) {
  return fetch(`${server.url}${path}`, { headers: extra });
}

describe("the plex.tv stand-in", () => {
  let server: FakePlexTv;
  beforeEach(async () => {
    server = await standIn({ pinLifetimeSeconds: { strong: 1, short: 900 } });
  });
  afterEach(() => server.close());

  it("answers XML unless Accept is exactly application/json", async () => {
    for (const accept of ["application/json, text/plain, */*", "*/*", "application/xml"]) {
      const response = await post(server, "/api/v2/pins", { ...headers, Accept: accept });
      expect(response.status).toBe(201);
      expect(response.headers.get("content-type")).toMatch(/^application\/xml/);
      expect(await response.text()).toMatch(/^<\?xml/);
    }
  });

  it("answers 400/1000 without a client identifier", async () => {
    const response = await post(server, "/api/v2/pins", json);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ code: 1000, message: "X-Plex-Client-Identifier is missing", status: 400 }],
    });
  });

  it("creates strong and 4-character PINs that validate against the spec", async () => {
    const strong = await post(server, "/api/v2/pins?strong=true");
    const strongPin = await strong.json();
    expect(responseErrors("POST /api/v2/pins", strong.status, strongPin)).toEqual([]);
    expect(strongPin.code).toMatch(/^[a-z0-9]{25}$/);
    const short = await post(server, "/api/v2/pins");
    const shortPin = await short.json();
    expect(responseErrors("POST /api/v2/pins", short.status, shortPin)).toEqual([]);
    expect(shortPin).toMatchObject({ code: expect.stringMatching(/^[A-Z0-9]{4}$/), expiresIn: 900, authToken: null });
    expect(shortPin.clientIdentifier).toBe(identity.clientIdentifier);
  });

  it("answers 404/1020 for an unknown PIN, another client's PIN, and an expired PIN", async () => {
    const pin = await (await post(server, "/api/v2/pins?strong=true")).json();
    const expected = { errors: [{ code: 1020, message: "Code not found or expired" }] };
    const unknown = await get(server, "/api/v2/pins/1");
    expect([unknown.status, await unknown.json()]).toEqual([404, expected]);
    const other = await get(server, `/api/v2/pins/${pin.id}`, {
      ...headers,
      "X-Plex-Client-Identifier": "someone-else",
    });
    expect([other.status, await other.json()]).toEqual([404, expected]);
    expect((await get(server, `/api/v2/pins/${pin.id}`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const expired = await get(server, `/api/v2/pins/${pin.id}`);
    expect(responseErrors("GET /api/v2/pins/{pinID}", expired.status, await expired.json())).toEqual([]);
    expect(expired.status).toBe(404);
  });

  it("counts expiresIn down and puts the token on an approved PIN", async () => {
    const pin = await (await post(server, "/api/v2/pins")).json();
    const token = server.approve(pin.code);
    const checked = await (await get(server, `/api/v2/pins/${pin.id}`)).json();
    expect(checked.authToken).toBe(token);
    expect(checked.expiresIn).toBeLessThanOrEqual(900);
    expect(Date.parse(checked.expiresAt) - Date.parse(checked.createdAt)).toBe(900_000);
    expect(responseErrors("GET /api/v2/pins/{pinID}", 200, checked)).toEqual([]);
    const user = await get(server, "/api/v2/user", { ...headers, "X-Plex-Token": token });
    expect(responseErrors("GET /api/v2/user", 200, await user.json())).toEqual([]);
  });

  it("approves a PIN on its Nth check when asked to", async () => {
    const auto = await standIn({ autoApproveAfterPolls: 3 });
    try {
      const pin = await (await post(auto, "/api/v2/pins")).json();
      const tokens = [];
      for (let i = 0; i < 3; i++) tokens.push((await (await get(auto, `/api/v2/pins/${pin.id}`)).json()).authToken);
      expect(tokens).toEqual([null, null, expect.stringMatching(/^standin-/)]);
    } finally {
      await auto.close();
    }
  });

  it("injects faults for the next N requests on a route, then behaves again", async () => {
    server.fault("POST /api/v2/pins", { kind: "status", status: 503 }, 2);
    server.fault("POST /api/v2/pins", { kind: "rateLimit", retryAfter: 7 });
    expect((await post(server, "/api/v2/pins")).status).toBe(503);
    expect((await post(server, "/api/v2/pins")).status).toBe(503);
    const limited = await post(server, "/api/v2/pins");
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "7"]);
    expect(responseErrors("POST /api/v2/pins", 429, await limited.json())).toEqual([]);
    expect((await post(server, "/api/v2/pins")).status).toBe(201);
  });

  it("injects resets, delays and non-JSON bodies", async () => {
    server.fault("*", { kind: "reset" });
    await expect(post(server, "/api/v2/pins")).rejects.toThrow("fetch failed");
    server.fault("POST /api/v2/pins", { kind: "delay", ms: 150 });
    const started = Date.now();
    expect((await post(server, "/api/v2/pins")).status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    for (const body of ["xml", "html", "malformed", "truncated"] as const) {
      server.fault("POST /api/v2/pins", { kind: "body", body });
      const response = await post(server, "/api/v2/pins");
      await expect(response.clone().json()).rejects.toMatchObject({ name: "SyntaxError" });
    }
  });

  it("logs what it received", async () => {
    await post(server, "/api/v2/pins?strong=true");
    await get(server, "/api/v2/pins/42");
    expect(server.requests.map(({ method, url, route, status }) => ({ method, url, route, status }))).toEqual([
      { method: "POST", url: "/api/v2/pins?strong=true", route: "POST /api/v2/pins", status: 201 },
      { method: "GET", url: "/api/v2/pins/42", route: "GET /api/v2/pins/{pinID}", status: 404 },
    ]);
    expect(server.requests[0]!.headers["x-plex-client-identifier"]).toBe(identity.clientIdentifier);
  });

  it("answers CORS preflights as plex.tv does", async () => {
    const response = await fetch(`${server.url}/api/v2/pins`, {
      method: "OPTIONS",
      headers: { Origin: "http://app.example", "Access-Control-Request-Headers": "x-plex-client-identifier,accept" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://app.example");
    expect(response.headers.get("access-control-allow-headers")).toMatch(/x-plex-client-identifier/);
  });
});
