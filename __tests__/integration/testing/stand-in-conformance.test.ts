import {
  checkPin,
  createPin,
  getClaimToken,
  getCompanions,
  getFriends,
  getHomeUsers,
  signInWithPassword,
  switchHomeUser,
  getGeoData,
  getServers,
  getUser,
  linkPin,
  ping,
  signOut,
} from "../../../src";
import { generateDeviceKey, loginWithJwt, refreshPlexJwt, registerDeviceKey, verifyPlexJwt } from "../../../src/jwt";
import { responseErrors, spec } from "../../support/spec";
import { clientFor, identity, useStandIn } from "../../support/stand-in";

const ignore = () => undefined;

describe("everything the stand-in serves matches the spec", () => {
  const env = useStandIn({ home: true, friends: [{ title: "Dana" }] });

  it("a tour of every operation, with its successes and its errors", async () => {
    const { server } = env;
    const token = server.issueToken();
    const plex = clientFor(server);

    // PINs: strong, short, pending, approved, unknown, another client's, no client identifier.
    const strong = await createPin(plex);
    const short = await createPin(plex, { strong: false });
    await checkPin(plex, strong.id);
    server.approve(strong.id);
    await checkPin(plex, strong.id);
    await checkPin(plex, 42).catch(ignore);
    await checkPin(clientFor(server, { clientIdentifier: "someone-else" }), strong.id).catch(ignore);
    await fetch(`${server.url}/api/v2/pins`, { method: "POST", headers: { Accept: "application/json" } });

    // Linking, the account, servers.
    await linkPin(plex, { code: short.code, token });
    await linkPin(plex, { code: "ZZZZ", token }).catch(ignore);
    await linkPin(plex, { code: short.code, token: "bad" }).catch(ignore);
    await getUser(plex, { token });
    for (const account of ["plex-pass", "managed", "guest"] as const) {
      await getUser(plex, { token: server.issueToken({ account }) });
    }
    await getUser(plex, { token: "bad" }).catch(ignore);
    await ping(plex, { token });
    await getGeoData(plex, { token });
    await getServers(plex, { token });
    await getServers(plex, { token: "bad" }).catch(ignore);

    // Home, password sign-in, friends, companions, claim tokens.
    const [, kids, livingRoom] = await getHomeUsers(plex, { token });
    const { authToken: roomToken } = await switchHomeUser(plex, { token, user: livingRoom! });
    await switchHomeUser(plex, { token, user: kids!, pin: "1234" });
    await switchHomeUser(plex, { token: roomToken, user: kids!, pin: "0000" }).catch(ignore);
    server.shareServer("standin0server0000000000000000000000001", livingRoom!);
    await getServers(plex, { token: roomToken });
    await switchHomeUser(plex, { token, user: "no-such-user" }).catch(ignore);
    await getHomeUsers(plex, { token: "bad" }).catch(ignore);
    server.addPasswordAccount({ username: "pat", password: "pw", verificationCode: "123456" });
    await signInWithPassword(plex, { login: "pat", password: "pw", verificationCode: "123456" });
    await signInWithPassword(plex, { login: "pat", password: "pw" }).catch(ignore);
    await signInWithPassword(plex, { login: "pat", password: "pw", verificationCode: "654321" }).catch(ignore);
    await signInWithPassword(plex, { login: "pat", password: "nope" }).catch(ignore);
    await getFriends(plex, { token });
    await getCompanions(plex, { token });
    await getClaimToken(plex, { token });
    await getClaimToken(plex, { token: "bad" }).catch(ignore);

    // JWT device authentication, with a bad key, an expired Plex JWT and a refused exchange.
    const key = await generateDeviceKey();
    const credentials = await loginWithJwt(plex, {
      key,
      intervalMs: 20,
      onVerification: ({ pin }) => void server.approve(pin.id),
    });
    await verifyPlexJwt(plex, credentials.token, credentials);
    await refreshPlexJwt(plex, credentials);
    await plex.POST("/api/v2/pins", { body: { jwk: { kty: "OKP", crv: "Ed25519", x: "too-short" } } });
    await plex.POST("/api/v2/auth/token", { body: { jwt: "x.y.z" } });
    await registerDeviceKey(plex, { token, key: await generateDeviceKey() });
    await registerDeviceKey(plex, { token: server.issueToken({ username: "other" }), key }).catch(ignore);
    const expired = server.issuePlexJwt({ aud: identity.clientIdentifier, thumbprint: key.kid }, -60);
    await getUser(plex, { token: expired }).catch(ignore);
    await signOut(plex, { token });

    const served = server.requests.filter((r) => r.route !== "unknown" && !r.fault);
    const errors = served.flatMap((r) => responseErrors(r.route, r.status!, r.answer));
    expect(errors).toEqual([]);

    // The tour covered every operation in the spec, and the statuses that matter.
    const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item as object).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(new Set(served.map((r) => r.route))).toEqual(new Set(operations));
    const statuses = new Set(served.map((r) => `${r.route} ${r.status}`));
    for (const expected of [
      "POST /api/v2/pins 201",
      "POST /api/v2/pins 400",
      "POST /api/v2/pins 422",
      "GET /api/v2/pins/{pinID} 404",
      "PUT /api/v2/pins/link 204",
      "PUT /api/v2/pins/link 401",
      "PUT /api/v2/pins/link 404",
      "GET /api/v2/user 401",
      "GET /api/v2/user 498",
      "POST /api/v2/auth/jwk 422",
      "POST /api/v2/auth/token 422",
      "POST /api/v2/home/users/{uuid}/switch 201",
      "POST /api/v2/home/users/{uuid}/switch 403",
      "POST /api/v2/home/users/{uuid}/switch 404",
      "POST /api/v2/users/signin 201",
      "POST /api/v2/users/signin 401",
      "GET /api/claim/token.json 401",
    ]) {
      expect(statuses).toContain(expected);
    }
  });
});
