// Real third-party Plex clients from npm, unchanged, against the stand-in: what our users' own test suites will
// do. If the stand-in answered in a way plex.tv does not, these clients would fail here.

import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { PlexAPI } from "@lukehagar/plexjs";
import { HTTPClient } from "@lukehagar/plexjs/lib/http";
import { getUser } from "../../src";
import { startFakeMediaServer } from "../../src/testing";
import { clientFor, useStandIn } from "../support/stand-in";
import { fromRoot } from "../support/paths";

const run = promisify(execFile);

/**
 * plexjs sends X-Plex-Client-Identifier only on the PIN operations; plex.tv wants it on every request (400/1000
 * otherwise), so a plexjs app adds it with plexjs's own request hook, as here.
 */
function withClientIdentifier(clientID: string): HTTPClient {
  const httpClient = new HTTPClient();
  httpClient.addHook("beforeRequest", (request) => {
    const next = new Request(request);
    if (!next.headers.has("X-Plex-Client-Identifier")) next.headers.set("X-Plex-Client-Identifier", clientID);
    return next;
  });
  return httpClient;
}

describe("@ctrl/plex 3.12.1 (identity only in the query string, https://plex.tv mapped to the stand-in)", () => {
  const env = useStandIn({ autoApproveAfterPolls: 1 });

  it("signs in with its web login, reads the account and lists the resources", async () => {
    const script = fromRoot("__tests__/e2e/interop/ctrl-plex-web-login.mjs");
    const { stdout } = await run(process.execPath, [script], {
      env: { ...process.env, STANDIN_URL: env.server.url },
      timeout: 15_000,
    });
    const result = JSON.parse(stdout.trim().split("\n").pop()!);
    expect(result).toMatchObject({
      username: "standin",
      subscriptionStatus: "inactive",
      homeSize: 1,
      hasToken: true,
      resources: [{ name: "Stand-in Server", owned: true, connections: 2 }],
    });
    expect(result.uri).toContain(`code=${result.code}`);
    // It sent its identity only as query parameters, and the stand-in took it from there.
    const [create, check, user] = env.server.requests;
    expect(create).toMatchObject({ route: "POST /api/v2/pins", status: 201 });
    expect(create!.headers["x-plex-client-identifier"]).toBeUndefined();
    expect(new URL(create!.url, env.server.url).searchParams.get("X-Plex-Client-Identifier")).toMatch(/^0x/);
    expect(check).toMatchObject({ route: "GET /api/v2/pins/{pinID}", status: 200 });
    expect(user).toMatchObject({ route: "GET /api/v2/user", status: 200 });
  });
});

describe("@lukehagar/plexjs 0.39.0 (its own zod response validation)", () => {
  const env = useStandIn();
  const clientID = "plexjs-interop-5e0c1c1e";
  const httpClient = withClientIdentifier(clientID);

  it("getPin, getTokenByPinId, getTokenDetails and getServerResources pass plexjs's validation", async () => {
    const serverURL = `${env.server.url}/api/v2`;
    const sdk = new PlexAPI({ serverURL });
    const created = await sdk.plex.getPin({ clientID, clientName: "plexjs interop", strong: true }, { serverURL });
    const pin = created.authPinContainer!;
    expect(pin.code).toHaveLength(25);
    expect(pin.location.postalCode).toBe("SW1A 1AA");

    const pending = await sdk.plex.getTokenByPinId({ pinID: pin.id, clientID }, { serverURL });
    expect(pending.authPinContainer?.authToken).toBeNull();
    const token = env.server.approve(pin.id);
    const approved = await sdk.plex.getTokenByPinId({ pinID: pin.id, clientID }, { serverURL });
    expect(approved.authPinContainer?.authToken).toBe(token);

    const signedIn = new PlexAPI({ serverURL, accessToken: token, httpClient });
    const details = await signedIn.authentication.getTokenDetails({ serverURL });
    const account = details.userPlexAccount!;
    expect(account).toMatchObject({ username: "standin", authToken: token, homeSize: 1, scrobbleTypes: "" });
    // The same account as our own client reads it.
    const ours = await getUser(clientFor(env.server, { token }));
    expect(account.uuid).toBe(ours.uuid);

    const resources = await signedIn.plex.getServerResources(clientID, 1, 1, 1, { serverURL });
    expect(resources.plexDevices).toHaveLength(1);
    expect(resources.plexDevices![0]).toMatchObject({ name: "Stand-in Server", ownerId: null, sourceTitle: null });
    // The log redacts tokens in URLs: no token parameter there at all, and nothing else that holds it.
    for (const request of env.server.requests) expect(request.url).not.toMatch(new RegExp(`${token}|token=`, "i"));
  });

  it("getTokenDetails passes for a free and a Plex Pass account; plexjs refuses a managed user's, as recorded", async () => {
    const serverURL = `${env.server.url}/api/v2`;
    const details = (token: string) =>
      new PlexAPI({ serverURL, accessToken: token, httpClient }).authentication.getTokenDetails({ serverURL });
    const pass = await details(env.server.issueToken({ account: "plex-pass", username: "pat" }));
    expect(pass.userPlexAccount).toMatchObject({ username: "pat", subscription: { active: true } });
    expect((await details(env.server.issueToken({ account: "free" }))).userPlexAccount?.homeSize).toBe(1);
    // A finding about plexjs 0.39.0: its schema wants a string mailingListStatus and a number rememberExpiresAt,
    // and a managed user's account has both null (plex-api.rs's capture of 2022, jensenkd/plex-api#65).
    const error = await details(env.server.issueToken({ account: "managed" })).catch((e: unknown) => e);
    const issues = (error as { cause?: { issues?: { path: (string | number)[] }[] } }).cause?.issues ?? [];
    expect(issues.map(({ path }) => path.join("."))).toEqual([
      "UserPlexAccount.mailingListStatus",
      "UserPlexAccount.rememberExpiresAt",
    ]);
  });

  it("a shared server (owner's id and name, no token of the owner's) passes too", async () => {
    env.server.setResources([
      { name: "Friend's server", owned: false, ownerId: 87654321, sourceTitle: "grace", accessToken: "shared-token" },
    ]);
    const token = env.server.issueToken();
    const serverURL = `${env.server.url}/api/v2`;
    const sdk = new PlexAPI({ accessToken: token, httpClient });
    const resources = await sdk.plex.getServerResources(clientID, 1, 1, 1, { serverURL });
    expect(resources.plexDevices![0]).toMatchObject({ owned: false, ownerId: 87654321, sourceTitle: "grace" });
  });
});

describe("@lukehagar/plexjs 0.39.0 on the account's side and a server's", () => {
  const env = useStandIn({
    friends: [
      { title: "Dana", sharedServers: [{ id: 1, name: "Living Room", machineIdentifier: "m1", accepted: true }] },
    ],
    companions: [
      {
        identifier: "tv.plex.sonos",
        baseURL: "https://sonos.plex.tv",
        title: "Sonos",
        linkURL: "https://sonos.plex.tv/link",
        provides: "client,player",
        token: "companion-token",
      },
    ],
  });
  const clientID = "plexjs-interop-accounts";
  const httpClient = withClientIdentifier(clientID);

  it("postUsersSignInData, getUserFriends and getCompanionsData pass plexjs's validation", async () => {
    env.server.addPasswordAccount({ username: "frank", password: "plexjs-SECRET" });
    const serverURL = `${env.server.url}/api/v2`;
    const sdk = new PlexAPI({ serverURL, httpClient });
    const signedIn = await sdk.authentication.postUsersSignInData(
      { clientID, requestBody: { login: "frank", password: "plexjs-SECRET", rememberMe: false } },
      { serverURL },
    );
    const token = signedIn.userPlexAccount!.authToken;
    expect(signedIn.userPlexAccount).toMatchObject({ username: "frank" });
    // The same account through our own client.
    expect((await getUser(clientFor(env.server, { token }))).username).toBe("frank");
    expect(JSON.stringify(env.server.requests)).not.toContain("plexjs-SECRET");

    const withToken = new PlexAPI({ serverURL, accessToken: token, httpClient });
    const friends = await withToken.plex.getUserFriends({ serverURL });
    expect(friends.friends![0]).toMatchObject({ title: "Dana", status: "accepted" });
    const companions = await withToken.plex.getCompanionsData({ serverURL });
    expect(companions.responseBodies![0]).toMatchObject({ identifier: "tv.plex.sonos" });
  });

  it("getTransientToken and getSourceConnectionInformation are answered by the media-server stand-in", async () => {
    const media = await startFakeMediaServer({
      accessToken: "pms-token",
      sources: { m1: [{ clientIdentifier: "m1", name: "Living Room" }] },
    });
    try {
      const sdk = new PlexAPI({ serverURL: media.uri, accessToken: "pms-token" });
      const transient = await sdk.authentication.getTransientToken("delegation" as never, "all" as never);
      expect(transient.statusCode).toBe(200);
      const sources = await sdk.authentication.getSourceConnectionInformation("m1");
      expect(sources.statusCode).toBe(200);
      const asked = media.requests.map(({ url }) => new URL(url, media.uri));
      expect(asked.map(({ pathname, searchParams }) => [pathname, Object.fromEntries(searchParams)])).toEqual([
        ["/security/token", { type: "delegation", scope: "all" }],
        ["/security/resources", { source: "m1" }],
      ]);
      expect(media.requests.every((request) => request.headers["x-plex-token"] === "pms-token")).toBe(true);
    } finally {
      await media.close();
    }
  });
});
