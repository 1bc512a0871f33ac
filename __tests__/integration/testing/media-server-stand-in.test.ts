// The media-server stand-in as clients see it: PMS XML unless Accept is exactly JSON, HTML error pages, and JSON
// answers that match spec/plex-media-server.yaml.

import { startFakeMediaServer, type FakeMediaServer } from "../../../src/testing";
import { fromRoot } from "../../support/paths";

const TOKEN = "server-token-SECRET-1";

const opened: FakeMediaServer[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((server) => server.close()));
});
async function media(options: Parameters<typeof startFakeMediaServer>[0] = {}): Promise<FakeMediaServer> {
  const server = await startFakeMediaServer({ accessToken: TOKEN, ...options });
  opened.push(server);
  return server;
}

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
    const unauthorized = await fetch(`${server.uri}/security/token?type=delegation&scope=all`);
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get("content-type")).toBe("text/html");
    await unauthorized.body?.cancel();
    const wrongScope = await fetch(`${server.uri}/security/token?type=delegation&scope=some`, {
      headers: { "X-Plex-Token": TOKEN },
    });
    expect(wrongScope.status).toBe(400);
    await wrongScope.body?.cancel();
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
