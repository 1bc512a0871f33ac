// Plex Home, password sign-in, "may this user use my server?", friends, companions and claim tokens, over HTTP
// against the stand-in.

import {
  createPlexTvClient,
  getClaimToken,
  getCompanions,
  getFriends,
  getHomeUsers,
  getServerAccessToken,
  getServers,
  getUser,
  HomePinError,
  InvalidCredentialsError,
  InvalidTokenError,
  PlexTvNetworkError,
  RateLimitedError,
  signInWithPassword,
  SignInThrottledError,
  switchHomeUser,
  TwoFactorRequiredError,
  validateToken,
} from "../../../src";
import { claimServer, createPlexServerClient } from "../../../src/media-server";
import { startFakeMediaServer } from "../../../src/testing";
import { answer, startPlainServer } from "../../support/plain-server";
import { clientFor, identity, useStandIn } from "../../support/stand-in";
import { everything } from "../../support/leaks";

describe("Plex Home", () => {
  const standIn = useStandIn({ home: true });

  it("getHomeUsers lists the admin, a protected and an unprotected managed user", async () => {
    const token = standIn.server.issueToken();
    const users = await getHomeUsers(clientFor(standIn.server), { token });
    expect(users.map(({ title, admin, protected: locked, username }) => ({ title, admin, locked, username }))).toEqual([
      { title: "Stand-in User", admin: true, locked: false, username: "standin" },
      { title: "Kids", admin: false, locked: true, username: null },
      { title: "Living Room", admin: false, locked: false, username: null },
    ]);
    expect(users.map((user) => user.restrictionProfile)).toEqual([null, "little_kid", null]);
  });

  it("the admin switches to a protected user without a PIN; the new token is that user's", async () => {
    const plex = clientFor(standIn.server);
    const token = standIn.server.issueToken();
    const [, kids] = await getHomeUsers(plex, { token });
    const switched = await switchHomeUser(plex, { token, user: kids! });
    expect(switched.user.title).toBe("Kids");
    expect((await getUser(plex, { token: switched.authToken })).uuid).toBe(kids!.uuid);
    expect(standIn.server.requests.at(-2)!.url).toBe(`/api/v2/home/users/${kids!.uuid}/switch`);
  });

  it("a managed user needs the target's PIN: wrong three times is a HomePinError each time, and the token stays valid", async () => {
    const plex = clientFor(standIn.server);
    const adminToken = standIn.server.issueToken();
    const [admin, kids, livingRoom] = await getHomeUsers(plex, { token: adminToken });
    const { authToken: roomToken } = await switchHomeUser(plex, { token: adminToken, user: livingRoom!.uuid });
    for (const pin of ["0000", "1111", undefined]) {
      const error = await switchHomeUser(plex, { token: roomToken, user: kids!, pin }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HomePinError);
      expect(error).not.toBeInstanceOf(InvalidTokenError);
      expect(error).toMatchObject({ status: 403, code: 1041 });
      expect(everything(error)).not.toMatch(/0000|1111/);
    }
    expect((await validateToken(plex, roomToken)).status).toBe("valid");
    const switched = await switchHomeUser(plex, { token: roomToken, user: kids!, pin: "1234" });
    expect(switched.user.uuid).toBe(kids!.uuid);
    expect(admin!.admin).toBe(true);
  });

  it("code 1041 with a 401 (as some report) is still a HomePinError, never an InvalidTokenError", async () => {
    const plex = clientFor(standIn.server);
    const token = standIn.server.issueToken();
    const [, kids] = await getHomeUsers(plex, { token });
    standIn.server.fault("POST /api/v2/home/users/{uuid}/switch", {
      kind: "status",
      status: 401,
      body: JSON.stringify({ errors: [{ code: 1041, message: "A valid PIN is required to perform this action" }] }),
    });
    await expect(switchHomeUser(plex, { token, user: kids!, pin: "9999" })).rejects.toBeInstanceOf(HomePinError);
  });

  it("an unknown uuid is a 404 PlexTvError; a bad PIN shape is a TypeError before any request", async () => {
    const plex = clientFor(standIn.server);
    const token = standIn.server.issueToken();
    await expect(switchHomeUser(plex, { token, user: "no-such-uuid" })).rejects.toMatchObject({ status: 404 });
    const before = standIn.server.requests.length;
    await expect(switchHomeUser(plex, { token, user: "x", pin: "12a4" })).rejects.toThrow(TypeError);
    expect(standIn.server.requests).toHaveLength(before);
  });

  it("a dot segment as the user is a TypeError before any request (URL parsing would send the token elsewhere)", async () => {
    const plex = clientFor(standIn.server);
    const token = standIn.server.issueToken();
    const before = standIn.server.requests.length;
    for (const user of [".", "..", { uuid: ".." }]) {
      await expect(switchHomeUser(plex, { token, user, pin: "1234" })).rejects.toThrow(TypeError);
    }
    expect(standIn.server.requests).toHaveLength(before);
  });

  it("a revoked token: InvalidTokenError from getHomeUsers and switchHomeUser", async () => {
    const plex = clientFor(standIn.server);
    const token = standIn.server.issueToken();
    const [, kids] = await getHomeUsers(plex, { token });
    standIn.server.revokeToken(token);
    await expect(getHomeUsers(plex, { token })).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(switchHomeUser(plex, { token, user: kids! })).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it("a managed user sees only the servers shared with them, each with a per-server token of their own", async () => {
    const plex = clientFor(standIn.server);
    const adminToken = standIn.server.issueToken();
    const [owned] = await getServers(plex, { token: adminToken });
    const [, , livingRoom] = await getHomeUsers(plex, { token: adminToken });
    const { authToken } = await switchHomeUser(plex, { token: adminToken, user: livingRoom! });
    expect(await getServers(plex, { token: authToken })).toEqual([]);
    expect(await getServerAccessToken(plex, { token: authToken, serverId: owned!.clientIdentifier })).toBeNull();
    standIn.server.shareServer(owned!.clientIdentifier, livingRoom!);
    const [shared] = await getServers(plex, { token: authToken });
    expect(shared!.owned).toBe(false);
    expect(shared!.accessToken).not.toBe(owned!.accessToken);
    const serverId = owned!.clientIdentifier;
    expect(await getServerAccessToken(plex, { token: authToken, serverId })).toBe(shared!.accessToken);
    expect(await getServerAccessToken(plex, { token: adminToken, serverId })).toBe(owned!.accessToken);
  });
});

describe("an account without Plex Home", () => {
  const standIn = useStandIn();

  it("getHomeUsers is a list of just itself", async () => {
    const token = standIn.server.issueToken();
    const users = await getHomeUsers(clientFor(standIn.server), { token });
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ title: "Stand-in User", admin: true });
  });

  it("…also when plex.tv answers 404 there; a 503 stays an error", async () => {
    const plex = clientFor(standIn.server);
    const token = standIn.server.issueToken();
    standIn.server.fault("GET /api/v2/home/users", { kind: "status", status: 404 });
    expect(await getHomeUsers(plex, { token })).toHaveLength(1);
    standIn.server.fault("GET /api/v2/home/users", { kind: "status", status: 503 });
    await expect(getHomeUsers(plex, { token })).rejects.toMatchObject({ status: 503 });
    // A rate limit and an expired Plex JWT are not "no Home" either.
    standIn.server.fault("GET /api/v2/home/users", { kind: "rateLimit", retryAfter: 5 });
    await expect(getHomeUsers(plex, { token })).rejects.toBeInstanceOf(RateLimitedError);
    const expired = standIn.server.issuePlexJwt({ aud: "x", thumbprint: "y" }, -60);
    const error = await getHomeUsers(plex, { token: expired }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 498 });
    expect(error).not.toBeInstanceOf(InvalidTokenError);
  });

  it("getServerAccessToken: null for a server the user has no access to", async () => {
    const token = standIn.server.issueToken();
    expect(await getServerAccessToken(clientFor(standIn.server), { token, serverId: "someone-elses" })).toBeNull();
  });
});

describe("signInWithPassword", () => {
  const standIn = useStandIn();
  const PASSWORD = "correct horse battery staple";

  it("signs in; the password travels only in the form body, and the stand-in's log never keeps it", async () => {
    standIn.server.addPasswordAccount({ username: "alice", password: PASSWORD });
    const plex = clientFor(standIn.server, { token: "an-unrelated-token" });
    const { authToken, user } = await signInWithPassword(plex, {
      login: "alice",
      password: PASSWORD,
      rememberMe: true,
    });
    expect(user.username).toBe("alice");
    expect((await validateToken(plex, authToken)).status).toBe("valid");
    const request = standIn.server.requests.find((r) => r.route === "POST /api/v2/users/signin")!;
    expect(request.url).toBe("/api/v2/users/signin");
    expect(request.headers["x-plex-token"]).toBeUndefined();
    expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(request.body).toBe("login=alice&password=[redacted]&rememberMe=true");
    expect(JSON.stringify(standIn.server.requests)).not.toContain("horse");
  });

  it("wrong password: InvalidCredentialsError (not InvalidTokenError), without the password", async () => {
    standIn.server.addPasswordAccount({ username: "alice", password: PASSWORD });
    const error = await signInWithPassword(clientFor(standIn.server), {
      login: "alice",
      password: "hunter2-wrong",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect(error).not.toBeInstanceOf(InvalidTokenError);
    expect(error).toMatchObject({ status: 401, code: 1001 });
    expect(everything(error)).not.toContain("hunter2");
  });

  it("2FA: TwoFactorRequiredError without the code and with a wrong one, then signed in with the right one", async () => {
    standIn.server.addPasswordAccount({ username: "bob", password: PASSWORD, verificationCode: "246810" });
    const plex = clientFor(standIn.server);
    await expect(signInWithPassword(plex, { login: "bob", password: PASSWORD })).rejects.toBeInstanceOf(
      TwoFactorRequiredError,
    );
    await expect(
      signInWithPassword(plex, { login: "bob", password: PASSWORD, verificationCode: "111111" }),
    ).rejects.toMatchObject({ name: "TwoFactorRequiredError", code: 1028 });
    const { user } = await signInWithPassword(plex, {
      login: "BOB@example.com",
      password: PASSWORD,
      verificationCode: "246810",
    });
    expect(user.username).toBe("bob");
  });

  it("too many tries: SignInThrottledError (a RateLimitedError); a 429 is a RateLimitedError", async () => {
    standIn.server.addPasswordAccount({ username: "carol", password: PASSWORD });
    const plex = clientFor(standIn.server);
    for (let i = 0; i < 5; i++) {
      await expect(signInWithPassword(plex, { login: "carol", password: `wrong-${i}` })).rejects.toBeInstanceOf(
        InvalidCredentialsError,
      );
    }
    const throttled = await signInWithPassword(plex, { login: "carol", password: PASSWORD }).catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(SignInThrottledError);
    expect(throttled).toBeInstanceOf(RateLimitedError);
    standIn.server.fault("POST /api/v2/users/signin", { kind: "rateLimit", retryAfter: 30 });
    await expect(signInWithPassword(plex, { login: "x", password: "y" })).rejects.toMatchObject({
      name: "RateLimitedError",
      retryAfterMs: 30_000,
    });
  });

  it("a wrong 2FA code, as plex.tv answers it (401/1028), is a TwoFactorRequiredError too", async () => {
    const plain = await startPlainServer((_request, response) =>
      answer(response, 401, { errors: [{ code: 1028, message: "Invalid verification code", status: 401 }] }),
    );
    try {
      const plex = createPlexTvClient({ ...identity, baseUrl: plain.url });
      await expect(
        signInWithPassword(plex, { login: "bob", password: PASSWORD, verificationCode: "111111" }),
      ).rejects.toMatchObject({ name: "TwoFactorRequiredError", code: 1028, status: 401 });
    } finally {
      await plain.close();
    }
  });

  it("bad input is a TypeError before any request; plex.tv down is a PlexTvNetworkError", async () => {
    const plex = clientFor(standIn.server);
    await expect(signInWithPassword(plex, { login: "", password: "p" })).rejects.toThrow(TypeError);
    await expect(signInWithPassword(plex, { login: "a", password: "p", verificationCode: "12" })).rejects.toThrow(
      TypeError,
    );
    expect(standIn.server.requests).toHaveLength(0);
    standIn.server.fault("POST /api/v2/users/signin", { kind: "reset" });
    const error = await signInWithPassword(plex, { login: "a", password: "secret-pw" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlexTvNetworkError);
    expect(everything(error)).not.toContain("secret-pw");
  });
});

describe("friends, companions and claim tokens", () => {
  const standIn = useStandIn({
    friends: [{ title: "Dana", sharedServers: [{ name: "Living Room", machineIdentifier: "m1", accepted: true }] }],
    companions: [
      {
        identifier: "tv.plex.sonos",
        title: "Sonos",
        baseURL: "https://sonos.plex.tv",
        provides: "player",
        linkURL: "",
        token: "c",
      },
    ],
  });

  it("getFriends and getCompanions answer typed lists", async () => {
    const plex = clientFor(standIn.server);
    const token = standIn.server.issueToken();
    const [friend] = await getFriends(plex, { token });
    expect(friend).toMatchObject({ title: "Dana", status: "accepted", sharedServers: [{ machineIdentifier: "m1" }] });
    expect((await getCompanions(plex, { token }))[0]!.identifier).toBe("tv.plex.sonos");
    standIn.server.revokeToken(token);
    await expect(getFriends(plex, { token })).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it("a claim token from plex.tv claims a new server end to end, once", async () => {
    const plex = clientFor(standIn.server);
    const token = standIn.server.issueToken();
    const media = await startFakeMediaServer({ claimed: false, claim: standIn.server.redeemClaimToken });
    try {
      const claimToken = await getClaimToken(plex, { token });
      expect(claimToken).toMatch(/^claim-/);
      const server = createPlexServerClient(media.uri, { clientIdentifier: "c", product: "p" });
      const claimed = await claimServer(server, claimToken);
      expect(claimed).toMatchObject({ MyPlex: { username: "standin", mappingState: "mapped", signInState: "ok" } });
      expect(media.isClaimed()).toBe(true);
      // The server signs in to plex.tv with the token its claim gave it.
      const serverToken = (claimed.MyPlex as { authToken: string }).authToken;
      expect((await validateToken(plex, serverToken)).status).toBe("valid");
      expect(standIn.server.redeemClaimToken(claimToken)).toBeNull(); // spent
    } finally {
      await media.close();
    }
  });
});
