// The media-server stand-in as clients see it: PMS XML unless Accept is exactly JSON, HTML error pages, and JSON
// answers that match spec/plex-media-server.yaml.

import { startFakeMediaServer, type FakeMediaServer } from "../../../src/testing";
import { fromRoot } from "../../support/paths";
import { closedAfterEach } from "../../support/closed-after-each";

const TOKEN = "server-token-SECRET-1";

const media = closedAfterEach((options: Parameters<typeof startFakeMediaServer>[0] = {}) =>
  startFakeMediaServer({ accessToken: TOKEN, ...options }),
);

describe("the media-server stand-in", () => {
  it("answers XML with PMS's capitalised names unless Accept is exactly JSON, and an HTML 401 without a token", async () => {
    const server = await media({
      sources: { s: [{ clientIdentifier: "s", Connection: [{ uri: "https://a", local: true }] }] },
    });
    const identity = await fetch(`${server.uri}/identity`, { headers: { Accept: "application/json, text/plain" } });
    expect(await identity.text()).toMatch(
      /<MediaContainer size="0" claimed="1" machineIdentifier="standin-pms" version="[^"]+"\/>/,
    );
    const sources = await fetch(`${server.uri}/security/resources?source=s`, { headers: { "X-Plex-Token": TOKEN } });
    expect(await sources.text()).toContain(
      '<MediaContainer size="1"><Device clientIdentifier="s"><Connection uri="https://a" local="1"/></Device></MediaContainer>',
    );
    const unauthorized = await fetch(`${server.uri}/security/resources?source=s`);
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get("content-type")).toBe("text/html");
    await unauthorized.body?.cancel();
    // /security/token refuses a missing or bad token with a 403 page (the newest public spec), not a 401.
    for (const token of [undefined, "not-the-token"]) {
      const forbidden = await fetch(`${server.uri}/security/token?type=delegation&scope=all`, {
        headers: token ? { "X-Plex-Token": token } : {},
      });
      expect([forbidden.status, forbidden.headers.get("content-type")]).toEqual([403, "text/html"]);
      expect(await forbidden.text()).toMatch(/^<html>/);
    }
    const wrongScope = await fetch(`${server.uri}/security/token?type=delegation&scope=some`, {
      headers: { "X-Plex-Token": TOKEN },
    });
    expect(wrongScope.status).toBe(400);
    await wrongScope.body?.cancel();
  });
});

describe("the media-server stand-in's claims", () => {
  const claim = (server: FakeMediaServer, token: string, accept = "application/json") =>
    fetch(`${server.uri}/myplex/claim?token=${token}`, { method: "POST", headers: { Accept: accept } });

  it("answers a claim with the server's account in MyPlex, as GET /myplex/account does; XML as <MyPlex/>", async () => {
    const server = await media({
      claimed: false,
      claim: (code) => (code === "claim-ok" ? { username: "owner" } : null),
    });
    const refused = await claim(server, "claim-unknown");
    expect([refused.status, refused.headers.get("content-type")]).toEqual([400, "text/html"]);
    await refused.body?.cancel();
    const claimed = await claim(server, "claim-ok");
    expect(claimed.status).toBe(200);
    expect(await claimed.json()).toEqual({
      MyPlex: {
        authToken: expect.stringMatching(/^standin-/),
        username: "owner",
        mappingState: "mapped",
        signInState: "ok",
      },
    });
    expect(server.isClaimed()).toBe(true);
    // The claim token is redacted in the log.
    expect(server.requests.map((request) => request.url)).toEqual([
      "/myplex/claim?token=[redacted]",
      "/myplex/claim?token=[redacted]",
    ]);

    const xmlServer = await media({
      claimed: false,
      claim: () => ({ username: "owner", authToken: "server-account-token" }),
    });
    expect(await (await claim(xmlServer, "claim-any", "*/*")).text()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<MyPlex authToken="server-account-token" username="owner" mappingState="mapped" signInState="ok"/>',
    );
  });

  it("a claimed server answers a claim with a 401 page", async () => {
    const server = await media({ claimed: true, claim: () => ({ username: "someone" }) });
    const answer = await claim(server, "claim-any");
    expect([answer.status, answer.headers.get("content-type")]).toEqual([401, "text/html"]);
    await answer.body?.cancel();
  });
});

describe("the media-server stand-in's JSON answers match spec/plex-media-server.yaml", () => {
  // The spec's own response schemas, resolved inside the spec (its `#/components/...` references).
  const Ajv2020 = require("ajv/dist/2020").default;
  const { parse } = require("yaml");
  const { readFileSync } = require("node:fs");
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(parse(readFileSync(fromRoot("spec/plex-media-server.yaml"), "utf8")), "pms");
  const pointer = (path: string) =>
    `pms#/paths/${path.replace(/\//g, "~1")}/get/responses/200/content/application~1json/schema`;

  it("POST /myplex/claim", async () => {
    const server = await media({ claimed: false, claim: () => ({ username: "owner" }) });
    const response = await fetch(`${server.uri}/myplex/claim?token=claim-x`, {
      method: "POST",
      headers: { Accept: "application/json" },
    });
    const validate = ajv.getSchema("pms#/paths/~1myplex~1claim/post/responses/200/content/application~1json/schema");
    expect(validate(await response.json()) ? [] : validate.errors).toEqual([]);
  });

  it.each([
    ["/identity", "/identity"],
    ["/security/token", "/security/token?type=delegation&scope=all"],
    ["/security/resources", "/security/resources?source=s"],
  ])("%s", async (path, url) => {
    const server = await media({
      sources: {
        s: [
          {
            name: "S",
            clientIdentifier: "s",
            accessToken: "t",
            Connection: [{ uri: "https://a", local: true, port: 32400 }],
          },
        ],
      },
    });
    const response = await fetch(`${server.uri}${url}`, {
      headers: { Accept: "application/json", "X-Plex-Token": TOKEN },
    });
    const body = await response.json();
    const validate = ajv.getSchema(pointer(path));
    expect(validate(body) ? [] : validate.errors).toEqual([]);
    expect(validate({ MediaContainer: { size: "zero" } })).toBe(false);
  });
});
