import { createPlexTvClient, getUser, PlexTvError, validateToken } from "../../../src";
import {
  generateDeviceKey,
  jwkThumbprint,
  jwtTokenProvider,
  loginWithJwt,
  PlexJwtError,
  refreshPlexJwt,
  registerDeviceKey,
  verifyPlexJwt,
  type DeviceKey,
  type PlexJwtCredentials,
} from "../../../src/jwt";
import { deviceJwt } from "../../../src/jwt/credentials";
import { signJwt } from "../../../src/jwt/jws";
import { encodeJson } from "../../../src/jwt/base64url";
import type { FakePlexTv } from "../../../src/testing";
import { responseErrors } from "../../support/spec";
import { clientFor, identity, standIn } from "../../support/stand-in";
import { eventually } from "../../support/timers";

const route = (server: FakePlexTv, name: string) => server.requests.filter((r) => r.route === name);

describe("device keys", () => {
  it("computes RFC 7638 thumbprints (RFC 8037 A.3 vector)", async () => {
    const jwk = { kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" } as const;
    expect(await jwkThumbprint(jwk)).toBe("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
  });

  it("generates an Ed25519 key whose kid is its thumbprint, serializable as JSON, public half without `d`", async () => {
    const key = await generateDeviceKey();
    expect(key.kid).toBe(await jwkThumbprint(key.publicJwk));
    expect(key.publicJwk).toEqual({ kty: "OKP", crv: "Ed25519", x: expect.any(String), kid: key.kid, alg: "EdDSA" });
    expect(key.publicJwk).not.toHaveProperty("d");
    expect(JSON.parse(JSON.stringify(key))).toEqual(key);
    expect((await generateDeviceKey()).kid).not.toBe(key.kid);
  });
});

describe("JWT device authentication against the stand-in", () => {
  let server: FakePlexTv;
  let key: DeviceKey;
  beforeEach(async () => {
    server = await standIn();
    key = await generateDeviceKey();
  });
  afterEach(() => server.close());

  async function signInWithJwt(plex = clientFor(server), on = server): Promise<PlexJwtCredentials> {
    return loginWithJwt(plex, {
      key,
      intervalMs: 20,
      onVerification: ({ pin }) => void setTimeout(() => on.approve(pin.id), 60),
    });
  }

  it("loginWithJwt: PIN with the JWK, signed checks, a Plex JWT bound to the key; credentials are JSON", async () => {
    const plex = clientFor(server);
    const credentials = await signInWithJwt(plex);
    expect(credentials).toMatchObject({
      clientIdentifier: identity.clientIdentifier,
      key,
      scopes: ["username", "email", "friendly_name"],
    });
    expect(Date.parse(credentials.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(JSON.parse(JSON.stringify(credentials))).toEqual(credentials);

    const [create] = route(server, "POST /api/v2/pins");
    expect(JSON.parse(create!.body)).toEqual({ jwk: key.publicJwk, strong: true });
    const checks = route(server, "GET /api/v2/pins/{pinID}");
    expect(checks.length).toBeGreaterThanOrEqual(2);
    for (const check of checks) {
      expect(check.url).toMatch(/\?deviceJWT=[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(check.headers["x-plex-token"]).toBeUndefined();
    }
    const claims = await verifyPlexJwt(plex, credentials.token, credentials);
    expect(claims).toMatchObject({ iss: "plex.tv", aud: identity.clientIdentifier, thumbprint: key.kid });
    await expect(getUser(plex, { token: credentials.token })).resolves.toMatchObject({ username: "standin" });
  });

  it("the stand-in refuses a PIN check signed by another key (422)", async () => {
    const plex = clientFor(server);
    const { data: pin } = await plex.POST("/api/v2/pins", { body: { jwk: key.publicJwk, strong: true } });
    server.approve(pin!.id);
    const other = await generateDeviceKey();
    const forged = await signJwt(other, {
      aud: "plex.tv",
      iss: identity.clientIdentifier,
      iat: 0,
      exp: Date.now() / 1000 + 60,
    });
    const { response, error } = await plex.GET("/api/v2/pins/{pinID}", {
      params: { path: { pinID: pin!.id }, query: { deviceJWT: forged } },
    });
    expect(response.status).toBe(422);
    expect(responseErrors("GET /api/v2/pins/{pinID}", 422, error)).toEqual([]);
  });

  it("refreshPlexJwt: nonce → device JWT → a new Plex JWT; a reused nonce is refused", async () => {
    const plex = clientFor(server);
    const first = await signInWithJwt(plex);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // a new `iat`, so a new token
    const next = await refreshPlexJwt(plex, first);
    expect(next.token).not.toBe(first.token);
    expect(next.key).toBe(first.key);
    await expect(verifyPlexJwt(plex, next.token, next)).resolves.toMatchObject({ thumbprint: key.kid });
    const [exchange] = route(server, "POST /api/v2/auth/token");
    const { payload } = JSON.parse(
      Buffer.from(JSON.parse(exchange!.body).jwt.split(".")[1], "base64url").toString(),
    ) as never;
    expect(payload).toBeUndefined(); // the body is { jwt }, checked below
    const replay = await plex.POST("/api/v2/auth/token", { body: JSON.parse(exchange!.body) });
    expect(replay.response.status).toBe(422);
    expect(replay.error).toMatchObject({ errors: [{ message: "nonce is unknown, expired or used" }] });
  });

  it("a nonce is short-lived: an exchange after its lifetime is refused, a fresh one succeeds", async () => {
    await server.close();
    server = await standIn({ nonceLifetimeSeconds: 0.2 });
    const plex = clientFor(server);
    const credentials = await signInWithJwt(plex);
    const exchange = async (wait: number) => {
      const { data } = await plex.GET("/api/v2/auth/nonce");
      await new Promise((resolve) => setTimeout(resolve, wait));
      const jwt = await deviceJwt(key, credentials.clientIdentifier, credentials.scopes, { nonce: data!.nonce });
      return plex.POST("/api/v2/auth/token", { body: { jwt } });
    };
    const late = await exchange(300);
    expect([late.response.status, late.error]).toEqual([
      422,
      { errors: [{ code: 1099, message: "nonce is unknown, expired or used", status: 422 }] },
    ]);
    expect((await exchange(0)).data?.auth_token).toEqual(expect.any(String));
  });

  it("refreshes a token that has already expired (498 before, valid after)", async () => {
    await server.close();
    server = await standIn({ jwtLifetimeSeconds: 1 });
    const plex = clientFor(server);
    const credentials = await signInWithJwt(plex);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const expired = await getUser(plex, { token: credentials.token }).catch((e) => e);
    expect(expired).toBeInstanceOf(PlexTvError);
    expect(expired.status).toBe(498);
    expect(await validateToken(plex, credentials.token)).toMatchObject({ status: "unknown" });
    await expect(verifyPlexJwt(plex, credentials.token, credentials)).rejects.toMatchObject({ reason: "expired" });
    const refreshed = await refreshPlexJwt(plex, credentials);
    await expect(getUser(plex, { token: refreshed.token })).resolves.toMatchObject({ username: "standin" });
  });

  it("registerDeviceKey binds a key to a legacy token's user; a key taken by another user is refused", async () => {
    const plex = clientFor(server);
    const legacy = server.issueToken({ username: "legacy" });
    await registerDeviceKey(plex, { token: legacy, key });
    const stale: PlexJwtCredentials = {
      clientIdentifier: identity.clientIdentifier,
      key,
      scopes: ["username"],
      token: legacy,
      expiresAt: new Date(0).toISOString(),
    };
    const credentials = await refreshPlexJwt(plex, stale);
    await expect(getUser(plex, { token: credentials.token })).resolves.toMatchObject({ username: "legacy" });
    const error = await registerDeviceKey(plex, { token: server.issueToken({ username: "intruder" }), key }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(PlexTvError);
    expect(error).toMatchObject({ status: 422, plexMessage: "thumbprint already taken" });
  });

  describe("verifyPlexJwt", () => {
    it("rejects a tampered token, a token signed by a foreign key, and wrong claims", async () => {
      const plex = clientFor(server);
      const credentials = await signInWithJwt(plex);
      const [header, payload, signature] = credentials.token.split(".");
      const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
      const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: "someone-else" })).toString("base64url")}.${signature}`;
      const reasons = async (token: string, creds: Parameters<typeof verifyPlexJwt>[2] = credentials) =>
        verifyPlexJwt(plex, token, creds).then(
          () => "valid",
          (e: PlexJwtError) => (expect(e).toBeInstanceOf(PlexJwtError), e.reason),
        );

      expect(await reasons(credentials.token)).toBe("valid");
      expect(await reasons(tampered)).toBe("signature");
      expect(await reasons(await signJwt(key, { ...claims }))).toBe("signature"); // right claims, foreign key
      expect(await reasons("not.a.jwt")).toBe("malformed");
      expect(await reasons(credentials.token, { ...credentials, clientIdentifier: "another-app" })).toBe("audience");
      expect(await reasons(credentials.token, { ...credentials, key: await generateDeviceKey() })).toBe("thumbprint");
      expect(await reasons(server.issuePlexJwt({ aud: identity.clientIdentifier, thumbprint: key.kid }, -60))).toBe(
        "expired",
      );
    });

    it("follows key rotation: fetches Plex's keys again once for an unknown kid", async () => {
      const plex = clientFor(server);
      const credentials = await signInWithJwt(plex);
      await verifyPlexJwt(plex, credentials.token, credentials);
      await verifyPlexJwt(plex, credentials.token, credentials);
      expect(route(server, "GET /api/v2/auth/keys")).toHaveLength(1);
      server.rotateKeys();
      const rotated = server.issuePlexJwt({ aud: identity.clientIdentifier, thumbprint: key.kid });
      await expect(verifyPlexJwt(plex, rotated, credentials)).resolves.toMatchObject({ iss: "plex.tv" });
      await expect(verifyPlexJwt(plex, credentials.token, credentials)).resolves.toBeDefined(); // old key still listed
      expect(route(server, "GET /api/v2/auth/keys")).toHaveLength(2);
      // Once Plex drops a key, a client that fetches the keys afresh refuses tokens signed with it.
      server.rotateKeys(true);
      const fresh = clientFor(server);
      await expect(verifyPlexJwt(fresh, credentials.token, credentials)).rejects.toMatchObject({ reason: "signature" });
    });

    it("tokens with junk kids refetch Plex's keys once at a time, at most once a minute", async () => {
      const plex = clientFor(server);
      const credentials = await signInWithJwt(plex);
      await verifyPlexJwt(plex, credentials.token, credentials);
      const [, payload, signature] = credentials.token.split(".");
      const junk = (i: number) =>
        `${encodeJson({ alg: "EdDSA", typ: "JWT", kid: `junk-${i}` })}.${payload}.${signature}`;
      const verify = (i: number) => verifyPlexJwt(plex, junk(i), credentials).catch((e: PlexJwtError) => e.reason);
      const concurrent = await Promise.all(Array.from({ length: 30 }, (_, i) => verify(i)));
      for (let i = 30; i < 60; i++) concurrent.push(await verify(i));
      expect(new Set(concurrent)).toEqual(new Set(["signature"]));
      expect(route(server, "GET /api/v2/auth/keys")).toHaveLength(2); // the first fetch, and one refetch
    });

    it("the shared key fetch obeys no one caller's signal: an impatient caller leaves, the others get the keys", async () => {
      const plex = clientFor(server);
      const credentials = await signInWithJwt(plex);
      server.fault("GET /api/v2/auth/keys", { kind: "delay", ms: 300 });
      const impatient = verifyPlexJwt(plex, credentials.token, credentials, { signal: AbortSignal.timeout(50) });
      const patient = verifyPlexJwt(plex, credentials.token, credentials);
      await expect(impatient).rejects.toMatchObject({ name: "TimeoutError" });
      await expect(patient).resolves.toMatchObject({ iss: "plex.tv" });
      expect(route(server, "GET /api/v2/auth/keys")).toHaveLength(1);
    });
  });

  describe("jwtTokenProvider", () => {
    const expiringIn = (credentials: PlexJwtCredentials, ms: number) => ({
      ...credentials,
      expiresAt: new Date(Date.now() + ms).toISOString(),
    });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

    it("within the refresh window: answers at once with the valid token and refreshes once, in the background", async () => {
      const plex = clientFor(server);
      const credentials = await signInWithJwt(plex);
      const refreshed: PlexJwtCredentials[] = [];
      const token = jwtTokenProvider(plex, expiringIn(credentials, 3_600_000), {
        onRefresh: (next) => void refreshed.push(next),
      });
      const api = createPlexTvClient({ ...identity, baseUrl: server.url, token });
      server.clearRequests();
      const users = await Promise.all(Array.from({ length: 10 }, () => api.GET("/api/v2/user")));
      expect(users.every((u) => u.response.status === 200)).toBe(true);
      await settle();
      expect(route(server, "POST /api/v2/auth/token")).toHaveLength(1);
      expect(refreshed).toHaveLength(1);
      await api.GET("/api/v2/user");
      const sent = route(server, "GET /api/v2/user").map((r) => r.headers["x-plex-token"]);
      expect(sent.slice(-1)).toEqual([refreshed[0]!.token]);
      expect(route(server, "POST /api/v2/auth/token")).toHaveLength(1); // fresh now: no second refresh
    });

    it("called the old way, jwtTokenProvider(credentials, options), it is a TypeError at once", async () => {
      const credentials = await signInWithJwt(clientFor(server));
      const call = jwtTokenProvider as unknown as (...args: unknown[]) => unknown;
      expect(() => call(credentials, { onRefresh() {} })).toThrow(
        "jwtTokenProvider: `plex` must be the client the credentials belong to",
      );
      expect(() => call({ identity: {} }, { key: credentials.key })).toThrow(TypeError);
    });

    it("expired: every caller waits for the one refresh and gets the new token", async () => {
      const plex = clientFor(server);
      const credentials = await signInWithJwt(plex);
      const token = jwtTokenProvider(plex, expiringIn(credentials, -1000));
      const tokens = await Promise.all(Array.from({ length: 10 }, () => token()));
      expect(new Set(tokens).size).toBe(1);
      expect(tokens[0]).not.toBe(credentials.token);
      expect(route(server, "POST /api/v2/auth/token")).toHaveLength(1);
    });

    it("after a failed refresh it backs off instead of retrying on every call, and tells onError", async () => {
      const plex = clientFor(server);
      const credentials = await signInWithJwt(plex);
      const errors: unknown[] = [];
      server.fault("GET /api/v2/auth/nonce", { kind: "status", status: 503 });
      const token = jwtTokenProvider(plex, expiringIn(credentials, 60_000), { onError: (e) => errors.push(e) });
      await expect(token()).resolves.toBe(credentials.token);
      expect(await eventually(() => errors.length === 1)).toBe(true); // the background refresh failed
      // Within the backoff (1 s after a first failure), calls get the valid token and start no refresh.
      for (let i = 0; i < 5; i++) await expect(token()).resolves.toBe(credentials.token);
      await settle();
      expect(route(server, "GET /api/v2/auth/nonce")).toHaveLength(1);
      expect(errors).toEqual([expect.objectContaining({ status: 503 })]);
    });

    it("honours Retry-After before trying again", async () => {
      const plex = clientFor(server);
      const credentials = await signInWithJwt(plex);
      server.fault("GET /api/v2/auth/nonce", { kind: "rateLimit", retryAfter: 2 });
      const errors: unknown[] = [];
      const token = jwtTokenProvider(plex, expiringIn(credentials, 60_000), { onError: (e) => errors.push(e) });
      await token();
      expect(await eventually(() => errors.length === 1)).toBe(true);
      const failedAt = Date.now();
      await token(); // within Retry-After (2 s): no new try, though the first backoff would be 1 s
      expect(route(server, "GET /api/v2/auth/nonce")).toHaveLength(1);
      await new Promise((resolve) => setTimeout(resolve, 1200));
      await token(); // past 1 s, still within 2 s
      expect(route(server, "GET /api/v2/auth/nonce")).toHaveLength(1);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, failedAt + 2100 - Date.now())));
      await token();
      expect(await eventually(() => route(server, "GET /api/v2/auth/nonce").length === 2)).toBe(true);
    });

    it("an expired token whose refresh fails: the failure, then at once again during the backoff", async () => {
      const plex = clientFor(server);
      const credentials = await signInWithJwt(plex);
      server.fault("GET /api/v2/auth/nonce", { kind: "status", status: 503 });
      const token = jwtTokenProvider(plex, expiringIn(credentials, -1000));
      await expect(token()).rejects.toMatchObject({ status: 503 });
      await expect(token()).rejects.toMatchObject({ status: 503 });
      expect(route(server, "GET /api/v2/auth/nonce")).toHaveLength(1);
    });

    it("caps the refresh window at half the token's lifetime: a fresh short-lived token is not refreshed", async () => {
      const short = await standIn({ jwtLifetimeSeconds: 600 });
      try {
        const plex = clientFor(short);
        const credentials = await signInWithJwt(plex, short);
        await jwtTokenProvider(plex, credentials)(); // expires within a day, but 10 minutes is its whole life
        await settle();
        expect(route(short, "POST /api/v2/auth/token")).toHaveLength(0);
      } finally {
        await short.close();
      }
    });

    it("keeps the fresh token when onRefresh throws, and tells onError", async () => {
      const plex = clientFor(server);
      const credentials = await signInWithJwt(plex);
      const errors: unknown[] = [];
      const token = jwtTokenProvider(plex, expiringIn(credentials, -1000), {
        onRefresh: () => {
          throw new Error("disk full");
        },
        onError: (e) => errors.push(e),
      });
      const fresh = await token();
      expect(fresh).not.toBe(credentials.token);
      expect(await token()).toBe(fresh);
      expect(route(server, "POST /api/v2/auth/token")).toHaveLength(1);
      expect(errors).toEqual([new Error("disk full")]);
    });

    it("refuses a client the credentials do not belong to (no silent refresh against another plex.tv)", async () => {
      const credentials = await signInWithJwt(clientFor(server));
      const other = createPlexTvClient({ clientIdentifier: "someone-else", product: "x" });
      expect(() => jwtTokenProvider(other, credentials)).toThrow(TypeError);
    });
  });

  it("serves JWT answers that validate against the spec", async () => {
    const plex = clientFor(server);
    const nonce = await plex.GET("/api/v2/auth/nonce");
    expect(responseErrors("GET /api/v2/auth/nonce", 200, nonce.data)).toEqual([]);
    const keys = await plex.GET("/api/v2/auth/keys");
    expect(responseErrors("GET /api/v2/auth/keys", 200, keys.data)).toEqual([]);
    const bad = await plex.POST("/api/v2/auth/token", { body: { jwt: "x.y.z" } });
    expect(responseErrors("POST /api/v2/auth/token", bad.response.status, bad.error)).toEqual([]);
  });
});
