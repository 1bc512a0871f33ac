import { connect } from "node:net";
import { responseErrors } from "../../support/spec";
import { checkPin, createPin, getUser } from "../../../src";
import { clientFor, identity, standIn, useStandIn } from "../../support/stand-in";
import { startFakePlexTv, type FakePlexTv } from "../../../src/testing";

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
    const body = await limited.json();
    expect(responseErrors("POST /api/v2/pins", 429, body)).toEqual([]);
    expect(body.errors[0]).toMatchObject({ code: 1003, message: "API rate limit exceeded" });
    expect((await post(server, "/api/v2/pins")).status).toBe(201);
  });

  it("a refusal comes before the route acts: a 503 or 429 to a sign-out leaves the token working", async () => {
    const token = server.issueToken();
    const signOut = () =>
      fetch(`${server.url}/api/v2/users/signout`, { method: "DELETE", headers: { ...headers, "X-Plex-Token": token } });
    server.fault("DELETE /api/v2/users/signout", { kind: "status", status: 503 });
    server.fault("DELETE /api/v2/users/signout", { kind: "rateLimit" });
    expect((await signOut()).status).toBe(503);
    expect((await signOut()).status).toBe(429);
    expect((await get(server, "/api/v2/user", { ...headers, "X-Plex-Token": token })).status).toBe(200);
    expect((await signOut()).status).toBe(204);
    expect((await get(server, "/api/v2/user", { ...headers, "X-Plex-Token": token })).status).toBe(401);
  });

  it("refuses a fault for a route that is no operation of the spec; clearFaults drops the waiting ones", async () => {
    expect(() => server.fault("POST /api/v2/pin" as never, { kind: "reset" })).toThrow(
      new TypeError('fault: "POST /api/v2/pin" is no operation of the spec (such as "GET /api/v2/user"), nor "*"'),
    );
    expect(() => server.fault("post /api/v2/pins" as never, { kind: "reset" })).toThrow(TypeError);
    server.fault("*", { kind: "status", status: 500 }, 3);
    server.fault("POST /api/v2/pins", { kind: "status", status: 502 });
    server.clearFaults();
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

  it("answers CORS as plex.tv does: any origin, only Location readable, preflights cached a day", async () => {
    const origin = { Origin: "http://app.example" };
    const preflight = await fetch(`${server.url}/api/v2/pins`, {
      method: "OPTIONS",
      headers: { ...origin, "Access-Control-Request-Headers": "x-plex-client-identifier,accept" },
    });
    expect(preflight.status).toBe(204);
    expect(Object.fromEntries([...preflight.headers].filter(([name]) => name.startsWith("access-control")))).toEqual({
      "access-control-allow-origin": "*",
      "access-control-allow-methods": "GET, POST, PUT, PATCH, HEAD, DELETE, OPTIONS",
      "access-control-allow-headers": "x-plex-client-identifier,accept",
      "access-control-max-age": "86400",
      "access-control-expose-headers": "Location",
    });
    server.fault("POST /api/v2/pins", { kind: "rateLimit", retryAfter: 3 });
    for (const response of [
      await post(server, "/api/v2/pins", { ...headers, ...origin }),
      await post(server, "/api/v2/pins"),
    ]) {
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      // A browser page can read neither Date nor Retry-After from plex.tv.
      expect(response.headers.get("access-control-expose-headers")).toBe("Location");
      expect(response.headers.get("vary")).toBeNull();
      await response.body?.cancel();
    }
  });

  it("serves its auth page with plex.tv's Cross-Origin-Opener-Policy", async () => {
    const page = await fetch(server.authAppUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(await page.text()).toContain("Stand-in of app.plex.tv/auth");
  });

  it("frames JSON four ways in turn, as plex.tv's recorded answers come: with and without a charset, by Content-Length and chunked", async () => {
    const { port } = new URL(server.url);
    const heads: string[] = [];
    for (let i = 0; i < 4; i++) {
      const head = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), "127.0.0.1", () =>
          socket.write(
            `POST /api/v2/pins HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nX-Plex-Client-Identifier: c\r\nConnection: close\r\n\r\n`,
          ),
        );
        let text = "";
        socket.on("data", (data) => (text += data));
        socket.on("end", () => resolve(text.split("\r\n\r\n")[0]!.toLowerCase()));
        socket.on("error", reject);
      });
      heads.push(head);
    }
    const framing = heads.map((head) => [
      /content-type: application\/json; charset=utf-8\r\n/.test(head) ? "charset" : "no charset",
      /transfer-encoding: chunked/.test(head) ? "chunked" : /content-length: \d+/.test(head) ? "length" : "?",
    ]);
    expect(framing).toEqual([
      ["charset", "length"],
      ["no charset", "length"],
      ["charset", "chunked"],
      ["no charset", "chunked"],
    ]);
    // Each is JSON all the same, to a client.
    for (let i = 0; i < 4; i++) expect((await (await post(server, "/api/v2/pins")).json()).code).toHaveLength(4);
  });

  it("the library's calls succeed under each of the four framings", async () => {
    const plex = clientFor(server);
    const token = server.issueToken();
    for (let shift = 0; shift < 4; shift++) {
      // `shift` answers first, so each call below meets each framing once over the four rounds.
      for (let i = 0; i < shift; i++) await (await get(server, "/api/v2/pins/1")).body?.cancel();
      const pin = await createPin(plex);
      expect((await checkPin(plex, pin.id)).code).toBe(pin.code);
      expect((await getUser(plex, { token })).username).toBe("standin");
      await expect(checkPin(plex, 1)).rejects.toMatchObject({ status: 404, code: 1020 });
    }
  });

  it("puts a `status` member in its errors as recorded per code: none for 1020, 1029 and 1041; one for 1000 and 1001", async () => {
    const error = async (response: Response) => (await response.json()).errors[0];
    expect(await error(await get(server, "/api/v2/pins/1"))).toEqual({
      code: 1020,
      message: "Code not found or expired",
    });
    expect(await error(await get(server, "/api/v2/user"))).toEqual({
      code: 1001,
      message: "User could not be authenticated",
      status: 401,
    });
    expect(await error(await post(server, "/api/v2/pins", json))).toEqual({
      code: 1000,
      message: "X-Plex-Client-Identifier is missing",
      status: 400,
    });
  });

  it("answers an unknown route as plex.tv's Rails does, not with its v2 error body", async () => {
    const response = await get(server, "/api/v2/no-such-thing");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ status: 404, error: "Not Found" });
  });

  it("answers /api/claim/token.json in JSON whatever Accept says", async () => {
    const token = server.issueToken();
    for (const accept of [undefined, "*/*", "application/xml"]) {
      const response = await fetch(`${server.url}/api/claim/token.json`, {
        headers: { "X-Plex-Client-Identifier": "c", "X-Plex-Token": token, ...(accept ? { Accept: accept } : {}) },
      });
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect((await response.json()).token).toMatch(/^claim-/);
    }
    const refused = await fetch(`${server.url}/api/claim/token.json`, { headers: { "X-Plex-Client-Identifier": "c" } });
    expect([refused.status, (await refused.json()).errors[0].code]).toEqual([401, 1001]);
  });
});

describe("the plex.tv stand-in's request log", () => {
  const env = useStandIn({ requestLogLimit: 3, requestLogBytes: 64 * 1024 });
  const form = { ...headers, "Content-Type": "application/x-www-form-urlencoded" };

  it("keeps at most requestLogLimit entries, newest last, and can be cleared", async () => {
    for (let i = 1; i <= 5; i++) await get(env.server, `/api/v2/pins/${i}`);
    expect(env.server.requests.map((r) => r.url)).toEqual(["/api/v2/pins/3", "/api/v2/pins/4", "/api/v2/pins/5"]);
    env.server.clearRequests();
    expect(env.server.requests).toEqual([]);
  });

  it("redacts a password and a 2FA code whatever their keys' encoding, and PINs and tokens in URLs", async () => {
    const body = "login=pat&pass%77ord=hunter2-SECRET&verification%43ode=135790&rememberMe=true";
    await fetch(`${env.server.url}/api/v2/users/signin`, { method: "POST", headers: form, body });
    await post(env.server, "/api/v2/home/users/abc/switch?pin=4826&X-Plex-Token=tok-SECRET&other=1");
    await fetch(`${env.server.url}/api/v2/users/signin?password=pw-SECRET`, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify({ login: "pat", password: "hunter2-SECRET" }),
    });
    const [signIn, switched, jsonSignIn] = env.server.requests;
    expect(signIn!.body).toBe("login=pat&pass%77ord=[redacted]&verification%43ode=[redacted]&rememberMe=true");
    expect(switched!.url).toBe("/api/v2/home/users/abc/switch?pin=[redacted]&X-Plex-Token=[redacted]&other=1");
    expect(jsonSignIn!.url).toBe("/api/v2/users/signin?password=[redacted]");
    expect(JSON.parse(jsonSignIn!.body)).toEqual({ login: "pat", password: "[redacted]" });
    expect(JSON.stringify(env.server.requests)).not.toMatch(/SECRET|4826|135790/);
  });

  it("cuts long bodies and URLs, and keeps about requestLogBytes in all", async () => {
    await fetch(`${env.server.url}/api/v2/pins?pad=${"u".repeat(12_000)}`, {
      method: "POST",
      headers: form,
      body: `a=${"b".repeat(100_000)}`,
    });
    const [entry] = env.server.requests;
    expect(entry!.body).toMatch(/^a=b{8190}…\[91\d{3} more characters\]$/);
    expect(entry!.url.length).toBeLessThan(8 * 1024 + 40);
    expect(entry!.status).toBe(201);
    for (let i = 0; i < 3; i++)
      await fetch(`${env.server.url}/api/v2/pins`, { method: "POST", headers: form, body: "x".repeat(30_000) });
    // Three entries of about 8 KiB fit 64 KiB; the count bound is 3.
    expect(env.server.retained().requestLogBytes).toBeLessThanOrEqual(64 * 1024);
    expect(env.server.requests).toHaveLength(3);
  });

  it("keeps the newest entry even when it alone is larger than the bound", async () => {
    const small = await startFakePlexTv({ requestLogBytes: 100 });
    try {
      await post(small, "/api/v2/pins");
      await post(small, "/api/v2/pins");
      expect(small.requests).toHaveLength(1);
      expect(small.requests[0]!.status).toBe(201);
    } finally {
      await small.close();
    }
  });
});
