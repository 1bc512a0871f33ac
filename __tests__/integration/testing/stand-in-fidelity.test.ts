// The stand-in answers as plex.tv does, per ../shared/plex-tv-api.md, "What real clients and recorded answers show".
// Each test is one habit real clients rely on.

import { generateDeviceKey, loginWithJwt, verifyPlexJwt, type DeviceKey } from "../../../src/jwt";
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
      const token = env.server.issueToken({
        username: "pass",
        roles: ["plexpass"],
        entitlements: ["all"],
        subscription: { active: true, status: "Active", plan: "lifetime", features: ["webhooks", "sync"] },
      });
      const body = await xml("/api/v2/user", { ...identified, "X-Plex-Token": token });
      expect(body).toMatch(/^<\?xml[^>]*\?>\n<user id="\d+" uuid="[0-9a-f]+" username="pass" /);
      expect(body).toContain(
        '<subscription active="1" status="Active" plan="lifetime"><features><feature id="webhooks"/><feature id="sync"/></features></subscription>',
      );
      expect(body).toContain('<roles><role id="plexpass"/></roles>');
      expect(body).toContain('<entitlements><entitlement id="all"/></entitlements>');
      expect(body).toMatch(/<profile autoSelectAudio="1" [^>]*\/>/);
      expect(body).toMatch(/<services><service identifier="metadata-dev" [^>]*status="online"\/><\/services>/);
    });

    it("ping's text is true", async () => {
      const body = await xml("/api/v2/ping", { ...identified, "X-Plex-Token": env.server.issueToken() });
      expect(body).toMatch(/<response>true<\/response>$/);
    });
  });

  describe("whole shapes: null where empty, never omitted", () => {
    const userFields = [
      "id", "uuid", "username", "title", "email", "thumb", "authToken", "friendlyName", "locale", "confirmed",
      "emailOnlyAuth", "hasPassword", "protected", "mailingListStatus", "mailingListActive", "scrobbleTypes",
      "country", "pin", "subscription", "subscriptionDescription", "restricted", "anonymous", "home", "guest",
      "homeSize", "homeAdmin", "maxHomeSize", "rememberExpiresAt", "profile", "entitlements", "roles",
      "subscriptions", "pastSubscriptions", "trials", "services", "adsConsent", "adsConsentSetAt",
      "adsConsentReminderAt", "experimentalFeatures", "twoFactorEnabled", "backupCodesCreated", "joinedAt",
    ]; // prettier-ignore
    const deviceFields = [
      "name", "product", "productVersion", "platform", "platformVersion", "device", "clientIdentifier", "createdAt",
      "lastSeenAt", "provides", "ownerId", "sourceTitle", "publicAddress", "accessToken", "owned", "home", "synced",
      "relay", "presence", "httpsRequired", "publicAddressMatches", "dnsRebindingProtection", "natLoopbackSupported",
      "connections",
    ]; // prettier-ignore

    it("GET /api/v2/user carries every field plex.tv always sends", async () => {
      const token = env.server.issueToken();
      const user = await (
        await fetch(url("/api/v2/user"), { headers: { ...identified, "X-Plex-Token": token } })
      ).json();
      for (const field of userFields) expect(user).toHaveProperty(field);
      expect(user).toMatchObject({
        locale: null,
        anonymous: null,
        authToken: token,
        scrobbleTypes: expect.any(String),
      });
      expect(Object.keys(user.subscription).sort()).toEqual(
        ["active", "features", "paymentService", "plan", "status", "subscribedAt"].sort(),
      );
      expect(responseErrors("GET /api/v2/user", 200, user)).toEqual([]);
    });

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
