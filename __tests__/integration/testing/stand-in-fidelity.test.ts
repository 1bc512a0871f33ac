// The stand-in answers as plex.tv does, per ../shared/plex-tv-api.md, "What real clients and recorded answers show".
// Each test is one habit real clients rely on.

import { readFileSync } from "node:fs";
import { generateDeviceKey, loginWithJwt, verifyPlexJwt, type DeviceKey } from "../../../src/jwt";
import { startFakePlexTv } from "../../../src/testing";
import { fromRoot } from "../../support/paths";
import { decodeJwt } from "../../../src/jwt/jws";
import { responseErrors } from "../../support/spec";
import { clientFor, identity, useStandIn } from "../../support/stand-in";

const json = { Accept: "application/json" };
const identified = { ...json, "X-Plex-Client-Identifier": identity.clientIdentifier, "X-Plex-Product": "P" };

describe("the stand-in, as real clients see plex.tv", () => {
  const env = useStandIn();
  const url = (path: string) => `${env.server.url}${path}`;

  describe("identity and token as query parameters", () => {
    it("reads X-Plex-Client-Identifier, X-Plex-Product and X-Plex-Token from the query string", async () => {
      const query = `X-Plex-Client-Identifier=from-query&X-Plex-Product=Query%20App`;
      const created = await fetch(url(`/api/v2/pins?strong=true&${query}`), { method: "POST", headers: json });
      expect(created.status).toBe(201);
      const pin = await created.json();
      expect(pin.clientIdentifier).toBe("from-query");
      // The PIN is that client's: checked with the identifier in the query, it is found.
      expect((await fetch(url(`/api/v2/pins/${pin.id}?${query}`), { headers: json })).status).toBe(200);

      const token = env.server.issueToken();
      const user = await fetch(url(`/api/v2/user?${query}&X-Plex-Token=${token}`), { headers: json });
      expect(user.status).toBe(200);
      expect((await user.json()).authToken).toBe(token);
    });

    it("a header wins over a query parameter", async () => {
      const created = await fetch(url("/api/v2/pins?X-Plex-Client-Identifier=from-query"), {
        method: "POST",
        headers: identified,
      });
      expect((await created.json()).clientIdentifier).toBe(identity.clientIdentifier);
      const token = env.server.issueToken();
      const user = await fetch(url(`/api/v2/user?X-Plex-Token=${token}`), {
        headers: { ...identified, "X-Plex-Token": "not-a-token" },
      });
      expect(user.status).toBe(401);
    });
  });

  describe("`strong`, read loosely", () => {
    it.each(["true", "True", "1"])("strong=%s in the query makes a 25-character PIN", async (value) => {
      const pin = await (
        await fetch(url(`/api/v2/pins?strong=${value}`), { method: "POST", headers: identified })
      ).json();
      expect(pin.code).toHaveLength(25);
    });

    it.each(["false", "False", "0"])("strong=%s makes a 4-character PIN", async (value) => {
      const pin = await (
        await fetch(url(`/api/v2/pins?strong=${value}`), { method: "POST", headers: identified })
      ).json();
      expect(pin.code).toHaveLength(4);
    });

    it("counts `strong` in the JSON body of POST /api/v2/pins, with and without a key", async () => {
      const { publicJwk } = await generateDeviceKey();
      for (const body of [{ jwk: publicJwk, strong: true }, { strong: true }, { jwk: publicJwk, strong: "True" }]) {
        const response = await fetch(url("/api/v2/pins"), {
          method: "POST",
          headers: { ...identified, "Content-Type": "application/json" },
          body: JSON.stringify(body),
        });
        expect([response.status, (await response.json()).code.length]).toEqual([201, 25]);
      }
    });
  });

  describe("XML with plex.tv's element names, booleans as 1/0", () => {
    const xml = async (path: string, headers: Record<string, string>, method = "GET") => {
      const response = await fetch(url(path), { method, headers: { ...headers, Accept: "*/*" } });
      expect(response.headers.get("content-type")).toMatch(/^application\/xml/);
      return response.text();
    };

    it("a pin, with its location", async () => {
      const body = await xml("/api/v2/pins?strong=true", identified, "POST");
      expect(body).toMatch(
        /^<\?xml version="1.0" encoding="UTF-8"\?>\n<pin id="\d+" code="[a-z0-9]{25}" product="0" trusted="0" /,
      );
      expect(body).toMatch(/<location code="GB" continent_code="EU" .*european_union_member="0".*\/><\/pin>$/);
    });

    it("errors", async () => {
      const body = await xml("/api/v2/pins/42", identified);
      expect(body).toContain('<errors><error code="1020" message="Code not found or expired"/></errors>');
      const missing = await xml("/api/v2/pins", {}, "POST");
      expect(missing).toContain(
        '<errors><error code="1000" message="X-Plex-Client-Identifier is missing" status="400"/></errors>',
      );
    });

    it("resources, with connections", async () => {
      const body = await xml("/api/v2/resources", { ...identified, "X-Plex-Token": env.server.issueToken() });
      expect(body).toMatch(/<resources size="1"><resource name="Stand-in Server" .*owned="1" .*presence="1"/);
      expect(body).toMatch(/<connections><connection protocol="https" .*local="0" relay="0" IPv6="0"\/><connection /);
      expect(body).toMatch(/<\/connections><\/resource><\/resources>$/);
      expect(body).not.toMatch(/ownerId=/); // null: no attribute
    });

    it("a user, with subscription features, roles, entitlements, profile and services", async () => {
      const token = env.server.issueToken({ account: "plex-pass", username: "pass", entitlements: ["all"] });
      const body = await xml("/api/v2/user", { ...identified, "X-Plex-Token": token });
      expect(body).toMatch(/^<\?xml[^>]*\?>\n<user id="\d+" uuid="[0-9a-f]+" username="pass" /);
      expect(body).toMatch(
        /<subscription active="1" subscribedAt="[^"]+" status="Active" paymentService="braintree" plan="lifetime"><features><feature id="webhooks"\/>/,
      );
      expect(body).toContain('<roles><role id="plexpass"/></roles>');
      expect(body).toContain('<entitlements><entitlement id="all"/></entitlements>');
      expect(body).toMatch(/<profile autoSelectAudio="1" [^>]*\/>/);
      // A service without a token has no token attribute (null: no attribute).
      expect(body).toMatch(/<service identifier="eyeq-channel-icons" endpoint="[^"]+" status="online"\/>/);
      expect(body).toMatch(/<services><service identifier="epg" [^>]*token="[^"]+" status="online"\/>/);
    });

    it("ping's text is true", async () => {
      const body = await xml("/api/v2/ping", { ...identified, "X-Plex-Token": env.server.issueToken() });
      expect(body).toMatch(/<response>true<\/response>$/);
    });
  });

  describe("whole shapes: the fields recorded answers carry, null where they send null", () => {
    const recorded = (file: string) =>
      JSON.parse(readFileSync(fromRoot("__tests__/fixtures/plex-tv/recorded", file), "utf8")) as Record<
        string,
        unknown
      >;
    // The stand-in's accounts are 2024's: `joinedAt` and `attributionPartner` came, `certificateVersion` went.
    const asSentNow = (keys: string[]) =>
      [...keys.filter((key) => key !== "certificateVersion"), "joinedAt", "attributionPartner"].sort();
    const keys = (value: object) => Object.keys(value).sort();
    const nulls = (value: object) =>
      Object.entries(value)
        .filter(([, field]) => field === null)
        .map(([key]) => key)
        .sort();
    const user = async (token: string) =>
      (await fetch(url("/api/v2/user"), { headers: { ...identified, "X-Plex-Token": token } })).json();

    it("the default user is a free account as recorded: no pin, no roles", async () => {
      const free = recorded("user/plex-api-rs-user_info_free-2022-01.json");
      const token = env.server.issueToken();
      const account = await user(token);
      expect(keys(account)).toEqual(asSentNow(keys(free)));
      expect(nulls(account)).toEqual([...nulls(free), "attributionPartner"].sort());
      expect(account).not.toHaveProperty("pin");
      expect(account).not.toHaveProperty("roles");
      expect(account).toMatchObject({ authToken: token, friendlyName: "", scrobbleTypes: "", homeSize: 1 });
      expect(keys(account.subscription)).toEqual(keys(free.subscription as object));
      expect(keys(account.profile)).toEqual(
        [...keys(free.profile as object), "watchedIndicator", "mediaReviewsVisibility"].sort(),
      );
      for (const service of account.services) {
        expect(keys(service)).toEqual(["endpoint", "identifier", "secret", "status", "token"]);
      }
      expect(responseErrors("GET /api/v2/user", 200, account)).toEqual([]);
    });

    it("a Plex Pass account with a Home PIN, as recorded: roles, an active subscription, a subscriptions[] entry, pin", async () => {
      const pass = recorded("user/plex-api-rs-user_info_plexpass-2022-01.json");
      const server = await startFakePlexTv({ account: "plex-pass", home: { adminPin: "4321" } });
      try {
        const account = await (
          await fetch(`${server.url}/api/v2/user`, { headers: { ...identified, "X-Plex-Token": server.issueToken() } })
        ).json();
        expect(keys(account)).toEqual(asSentNow(keys(pass)));
        expect(account).toMatchObject({
          roles: ["plexpass"],
          protected: true,
          pin: expect.stringMatching(/^[0-9a-f]{40}$/),
          subscription: { active: true, status: "Active", plan: "lifetime" },
          subscriptionDescription: "Lifetime Plex Pass",
          home: true,
          homeAdmin: true,
        });
        expect(account.pin).not.toContain("4321");
        expect(keys(account.subscriptions[0])).toEqual(keys((pass.subscriptions as object[])[0]!));
        expect(responseErrors("GET /api/v2/user", 200, account)).toEqual([]);
      } finally {
        await server.close();
      }
    });

    it("a managed user's own account, as recorded: no login, restricted, no subscriptions, rememberExpiresAt null", async () => {
      const managed = recorded("user/plex-api-rs-user_info_plexpass_guest-managed-2022-01.json");
      const nullsOfManaged = nulls(recorded("user/plex-api-rs-user_info_free_guest-managed-2022-01.json"));
      const pinned = await user(env.server.issueToken({ account: "managed", title: "Kid" }));
      expect(keys(pinned)).toEqual(asSentNow(keys(managed).filter((key) => key !== "pin")));
      expect(nulls(pinned)).toEqual([...nullsOfManaged, "attributionPartner"].sort());
      expect(pinned).toMatchObject({
        username: "",
        email: "",
        friendlyName: "Kid",
        restricted: true,
        home: true,
        guest: false,
        hasPassword: false,
        mailingListStatus: null,
        rememberExpiresAt: null,
        customRestrictions: { all: null, movies: null, music: null, photos: null, television: null },
      });
      expect(responseErrors("GET /api/v2/user", 200, pinned)).toEqual([]);
    });

    it("the Home's Guest account (no recording: modelled as a managed user that is the guest)", async () => {
      const guest = await user(env.server.issueToken({ account: "guest" }));
      expect(guest).toMatchObject({ title: "Guest", username: "", guest: true, restricted: true, home: true });
      expect(guest).not.toHaveProperty("subscriptions");
      expect(responseErrors("GET /api/v2/user", 200, guest)).toEqual([]);
    });

    const deviceFields = [
      "name", "product", "productVersion", "platform", "platformVersion", "device", "clientIdentifier", "createdAt",
      "lastSeenAt", "provides", "ownerId", "sourceTitle", "publicAddress", "accessToken", "owned", "home", "synced",
      "relay", "presence", "httpsRequired", "publicAddressMatches", "dnsRebindingProtection", "natLoopbackSupported",
      "connections",
    ]; // prettier-ignore

    it("GET /api/v2/resources completes every device, even one a test gave only a name", async () => {
      env.server.setResources([{ name: "Bare" }, { name: "Shared", owned: false, ownerId: 7, sourceTitle: "grace" }]);
      const token = env.server.issueToken();
      const devices = await (
        await fetch(url("/api/v2/resources"), { headers: { ...identified, "X-Plex-Token": token } })
      ).json();
      for (const device of devices) expect(Object.keys(device).sort()).toEqual([...deviceFields].sort());
      expect(devices[0]).toMatchObject({ name: "Bare", ownerId: null, sourceTitle: null, accessToken: null });
      expect(devices[1]).toMatchObject({ name: "Shared", owned: false, ownerId: 7, sourceTitle: "grace" });
      expect(responseErrors("GET /api/v2/resources", 200, devices)).toEqual([]);
    });

    it("GET /api/v2/ping answers 200 with a body", async () => {
      const token = env.server.issueToken();
      const response = await fetch(url("/api/v2/ping"), { headers: { ...identified, "X-Plex-Token": token } });
      expect([response.status, await response.json()]).toEqual([200, true]);
    });

    it("the default servers lead nowhere: every connection is a reserved .invalid name", async () => {
      const token = env.server.issueToken();
      const devices = await (
        await fetch(url("/api/v2/resources"), { headers: { ...identified, "X-Plex-Token": token } })
      ).json();
      for (const { uri } of devices.flatMap((d: { connections: { uri: string }[] }) => d.connections)) {
        expect(new URL(uri).hostname).toMatch(/\.invalid$/);
      }
    });
  });

  describe("JWT devices keyed by the client's own kid", () => {
    // python-plexapi's kid is a hex SHA-256, not an RFC 7638 thumbprint.
    const withHexKid = (key: DeviceKey, kid: string): DeviceKey => ({
      ...key,
      kid,
      publicJwk: { ...key.publicJwk, kid },
    });

    it("a Plex JWT carries that kid as its thumbprint, and a `user` claim", async () => {
      const plex = clientFor(env.server);
      const key = withHexKid(await generateDeviceKey(), "9f".repeat(32));
      const credentials = await loginWithJwt(plex, {
        key,
        intervalMs: 20,
        onVerification: ({ pin }) => void env.server.approve(pin.id),
      });
      const { payload } = decodeJwt(credentials.token);
      expect(payload.thumbprint).toBe("9f".repeat(32));
      expect(payload.user).toMatchObject({ username: "standin", uuid: expect.any(String), id: expect.any(Number) });
      await expect(verifyPlexJwt(plex, credentials.token, credentials)).resolves.toBeDefined();
    });
  });
});
