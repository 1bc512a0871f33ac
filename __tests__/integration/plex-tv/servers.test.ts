import { createPlexTvClient, getServers } from "../../../src";
import { responseErrors, spec } from "../../support/spec";
import { clientFor, useStandIn } from "../../support/stand-in";
import { answer, startPlainServer } from "../../support/plain-server";

describe("getServers", () => {
  const env = useStandIn();

  it("parses real-looking answers with missing fields and a null accessToken, keeping only servers", async () => {
    const example = spec.components.examples.Resources.value;
    env.server.setResources([
      ...example,
      { name: "Phone", clientIdentifier: "p1", provides: "client,player", connections: [] },
      { name: "Bare", clientIdentifier: "b1", provides: "server" },
    ]);
    const token = env.server.issueToken();
    const servers = await getServers(clientFor(env.server), { token });
    expect(servers.map((s) => s.name)).toEqual(["Living Room", "Friend's server", "Bare"]);
    expect(servers[0]!.accessToken).toBe("ExampleServerToken-NotReal");
    expect(servers[1]!.accessToken).toBeNull();
    expect(servers[2]!.connections).toEqual([]);
    expect(servers[0]!.connections.map((c) => c.uri)).toEqual([
      "https://192-168-1-20.0b7d5c1b.plex.direct:32400",
      "https://203-0-113-7.0b7d5c1b.plex.direct:32400",
      "https://198-51-100-3.0b7d5c1b.plex.direct:8443",
    ]);
    const request = env.server.requests[0]!;
    expect(request.url).toBe("/api/v2/resources?includeHttps=1&includeRelay=1&includeIPv6=1");
    expect(request.headers["x-plex-token"]).toBe(token);
  });

  it("serves resources that validate against the spec", async () => {
    const token = env.server.issueToken();
    const response = await fetch(`${env.server.url}/api/v2/resources`, {
      headers: { Accept: "application/json", "X-Plex-Client-Identifier": "c", "X-Plex-Token": token },
    });
    expect(responseErrors("GET /api/v2/resources", 200, await response.json())).toEqual([]);
  });
});

describe("getServers on hostile answers", () => {
  it("treats a device whose connections is not an array as having none", async () => {
    const devices = [
      { name: "Null", provides: "server", connections: null },
      { name: "Object", provides: "server", connections: { uri: "http://x" } },
      { name: "Text", provides: "server", connections: "http://x" },
      { name: "Missing", provides: "server" },
    ];
    const plain = await startPlainServer((_request, response) => answer(response, 200, devices));
    try {
      const plex = createPlexTvClient({ clientIdentifier: "c", product: "p", baseUrl: plain.url, token: "t" });
      const servers = await getServers(plex);
      expect(servers.map((server) => [server.name, server.connections])).toEqual([
        ["Null", []],
        ["Object", []],
        ["Text", []],
        ["Missing", []],
      ]);
    } finally {
      await plain.close();
    }
  });

  it("a device whose provides is no string provides nothing; an answer that is no list is an UnexpectedResponseError", async () => {
    let body: unknown = [
      { name: "Flag", provides: true },
      { name: "Number", provides: 1 },
      { name: "Real", provides: "client,server" },
    ];
    const plain = await startPlainServer((_request, response) => answer(response, 200, body));
    try {
      const plex = createPlexTvClient({ clientIdentifier: "c", product: "p", baseUrl: plain.url, token: "t" });
      expect((await getServers(plex)).map((server) => server.name)).toEqual(["Real"]);
      for (body of [{}, null, { MediaContainer: { Device: [] } }, '"[]"']) {
        await expect(getServers(plex)).rejects.toMatchObject({ name: "UnexpectedResponseError" });
      }
    } finally {
      await plain.close();
    }
  });
});
