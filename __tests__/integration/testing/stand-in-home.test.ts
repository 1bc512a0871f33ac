// The stand-in's Plex Home and password sign-in, over HTTP, as ../shared/plex-tv-api.md records plex.tv's rules:
// the switch's short answer and its PIN checks, servers shared per managed user, the Guest, sign-in with 2FA.

import { responseErrors } from "../../support/spec";
import { identity, useStandIn } from "../../support/stand-in";
import { startFakePlexTv, type FakePlexTv } from "../../../src/testing";

const headers = { Accept: "application/json", "X-Plex-Client-Identifier": identity.clientIdentifier };

async function call(server: FakePlexTv, method: string, path: string, token?: string, body?: string) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...headers,
      ...(token ? { "X-Plex-Token": token } : {}),
      ...(body === undefined ? {} : { "Content-Type": "application/x-www-form-urlencoded" }),
    },
    body,
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

describe("the stand-in's Plex Home", () => {
  const env = useStandIn({ home: { adminPin: "4321" } });
  const members = async (token: string) => (await call(env.server, "GET", "/api/v2/home/users", token)).body;
  const switchTo = (uuid: string, token: string, pin?: string) =>
    call(env.server, "POST", `/api/v2/home/users/${uuid}/switch${pin === undefined ? "" : `?pin=${pin}`}`, token);

  it("answers a switch with the short account, not /api/v2/user's shape", async () => {
    const admin = env.server.issueToken();
    const [, kids] = (await members(admin)).users;
    const switched = await switchTo(kids.uuid, admin);
    expect(switched.status).toBe(201);
    expect(responseErrors("POST /api/v2/home/users/{uuid}/switch", 201, switched.body)).toEqual([]);
    // The fields of a 2020 capture (without the certificateVersion plex.tv stopped sending), pin as Kids has one.
    expect(Object.keys(switched.body).sort()).toEqual(
      [
        "id", "uuid", "username", "title", "email", "emailOnlyAuth", "hasPassword", "protected", "thumb", "authToken",
        "providers", "pin", "restricted", "anonymous", "home", "guest", "homeSize", "homeAdmin", "maxHomeSize",
        "rememberExpiresAt",
      ].sort(), // prettier-ignore
    );
    expect(switched.body).toMatchObject({ title: "Kids", username: "", email: "", rememberExpiresAt: null });
    expect(switched.body.authToken).not.toBe(admin);
  });

  it("checks a PIN whenever one is sent, even the admin's: a wrong one is 403/1041 without `status`", async () => {
    const admin = env.server.issueToken();
    const [self, kids, livingRoom] = (await members(admin)).users;
    const refused = {
      status: 403,
      body: { errors: [{ code: 1041, message: "A valid PIN is required to perform this action" }] },
    };
    expect(await switchTo(kids.uuid, admin, "0000")).toEqual(refused);
    expect((await switchTo(kids.uuid, admin, "1234")).status).toBe(201);
    // Without a PIN the admin switches to anyone; a PIN sent to a user who has none matches nothing.
    expect((await switchTo(kids.uuid, admin)).status).toBe(201);
    expect(await switchTo(livingRoom.uuid, admin, "1234")).toEqual(refused);
    expect((await switchTo(livingRoom.uuid, admin)).status).toBe(201);
    // Others need the target's PIN: the admin's own too.
    const room = (await switchTo(livingRoom.uuid, admin)).body.authToken;
    expect(await switchTo(self.uuid, room)).toEqual(refused);
    expect((await switchTo(self.uuid, room, "4321")).status).toBe(201);
    expect(await switchTo("no-such-user", admin)).toMatchObject({ status: 404 });
  });

  it("managed users see only the servers shared with them, each with a token of their own", async () => {
    const admin = env.server.issueToken();
    const [, kids, livingRoom] = (await members(admin)).users;
    const [server] = (await call(env.server, "GET", "/api/v2/resources", admin)).body;
    const kidsToken = (await switchTo(kids.uuid, admin)).body.authToken;
    const roomToken = (await switchTo(livingRoom.uuid, admin)).body.authToken;
    expect((await call(env.server, "GET", "/api/v2/resources", kidsToken)).body).toEqual([]);

    env.server.shareServer(server.clientIdentifier, kids);
    const [shared] = (await call(env.server, "GET", "/api/v2/resources", kidsToken)).body;
    expect(shared).toMatchObject({ name: server.name, owned: false, home: true, sourceTitle: "standin" });
    expect(shared.ownerId).toEqual(expect.any(Number));
    expect(shared.accessToken).not.toBe(server.accessToken);
    expect(responseErrors("GET /api/v2/resources", 200, [shared])).toEqual([]);
    // Shared with Kids only.
    expect((await call(env.server, "GET", "/api/v2/resources", roomToken)).body).toEqual([]);
  });

  it("shareServer refuses a user or a server it does not know", () => {
    expect(() => env.server.shareServer("standin0server0000000000000000000000001", "nobody")).toThrow(
      'shareServer: no user "nobody" in the stand-in\'s Home',
    );
    const [, kids] = env.server.setUpHome();
    expect(() => env.server.shareServer("no-such-server", kids!.user)).toThrow(
      'shareServer: no server "no-such-server" in the stand-in\'s resources',
    );
  });

  it("lists the Guest once it is enabled, and members with accounts of their own", async () => {
    const admin = env.server.issueToken();
    const before = await members(admin);
    expect(before).toMatchObject({
      guestEnabled: false,
      guestUserID: expect.any(Number),
      guestUserUUID: expect.any(String),
    });
    expect(before.users.map((u: { title: string }) => u.title)).toEqual(["Stand-in User", "Kids", "Living Room"]);

    const guest = env.server.addHomeUser({ title: "Guest", account: "guest" });
    const own = env.server.addHomeUser({ title: "Pat", account: "plex-pass" });
    const after = await members(admin);
    expect(after).toMatchObject({ guestEnabled: true, guestUserID: guest.user.id, guestUserUUID: guest.user.uuid });
    expect(after.users.slice(3)).toEqual([
      expect.objectContaining({ title: "Guest", guest: true, username: null, hasPassword: false, admin: false }),
      expect.objectContaining({ title: "Pat", guest: false, username: "pat", hasPassword: true, restricted: false }),
    ]);
    for (const user of after.users) expect(user).not.toHaveProperty("friendlyName");
    expect(responseErrors("GET /api/v2/home/users", 200, after)).toEqual([]);
    expect(own.user.roles).toEqual(["plexpass"]);
  });
});

describe("a managed default user", () => {
  it("lives in a Home whose admin is another account", async () => {
    const server = await startFakePlexTv({ account: "managed" });
    try {
      const token = server.issueToken();
      const account = (await call(server, "GET", "/api/v2/user", token)).body;
      expect(account).toMatchObject({
        title: "Stand-in User",
        username: "",
        restricted: true,
        home: true,
        homeAdmin: false,
      });
      const home = (await call(server, "GET", "/api/v2/home/users", token)).body;
      expect(home.users.map((u: { title: string; admin: boolean }) => [u.title, u.admin])).toEqual([
        ["Home Admin", true],
        ["Stand-in User", false],
      ]);
    } finally {
      await server.close();
    }
  });
});

describe("the stand-in's password sign-in", () => {
  const env = useStandIn();
  const signIn = (form: Record<string, string>, extra: Record<string, string> = headers) =>
    fetch(`${env.server.url}/api/v2/users/signin`, {
      method: "POST",
      headers: { ...extra, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    }).then(async (response) => ({ status: response.status, body: await response.json() }));
  const code = async (form: Record<string, string>) => (await signIn(form)).body.errors?.[0];

  it("2FA: a missing code is 1029, a wrong one 1028; the code may come appended to the password", async () => {
    env.server.addPasswordAccount({ username: "ann", password: "pw", verificationCode: "246810" });
    expect(await code({ login: "ann", password: "pw" })).toEqual({
      code: 1029,
      message: "Please enter the verification code",
    });
    expect(await code({ login: "ann", password: "pw", verificationCode: "111111" })).toEqual({
      code: 1028,
      message: "Invalid verification code",
      status: 401,
    });
    expect(await code({ login: "ann", password: "pw111111" })).toMatchObject({ code: 1028 });
    expect((await signIn({ login: "ann", password: "pw", verificationCode: "246810" })).status).toBe(201);
    const appended = await signIn({ login: "ann", password: "pw246810" });
    expect(appended.status).toBe(201);
    expect(responseErrors("POST /api/v2/users/signin", 201, appended.body)).toEqual([]);
    expect(appended.body).toMatchObject({ username: "ann", twoFactorEnabled: true });
  });

  it("reads X-Plex-Client-Identifier from the form body too", async () => {
    env.server.addPasswordAccount({ username: "ben", password: "pw" });
    const form = { login: "ben", password: "pw", "X-Plex-Client-Identifier": "from-the-form" };
    expect((await signIn(form, { Accept: "application/json" })).status).toBe(201);
    expect((await signIn({ login: "ben", password: "pw" }, { Accept: "application/json" })).status).toBe(400);
  });

  it("counts failures per IP, not per login: the sixth try from one IP is 1031, whatever login it names", async () => {
    env.server.addPasswordAccount({ username: "cat", password: "right" });
    for (let i = 0; i < 5; i++)
      expect(await code({ login: `nobody-${i}`, password: "x" })).toMatchObject({ code: 1001 });
    expect(await code({ login: "cat", password: "right" })).toEqual({
      code: 1031,
      message:
        "User could not be authenticated. This IP appears to be having trouble signing in to an account (detected repeated failures)",
      status: 401,
    });
    expect(env.server.retained().failedSignIns).toBe(1);
  });
});
