import { createPlexTvClient, getServers, rankConnections, type PlexConnection } from "../src";
import { findReachableConnection, mayCarryToken, ServerUnreachableError } from "../src/media-server";
import { refusedUri, startFakeMediaServer, type FakeMediaServer } from "../src/testing";
import { responseErrors, spec } from "./support/spec";
import { clientFor, useStandIn } from "./support/stand-in";
import { activeSockets, activeTimers, eventually } from "./support/timers";
import { answer, startPlainServer } from "./support/plain-server";

const connection = (uri: string, extra: Partial<PlexConnection> = {}): PlexConnection => {
  const { hostname, port } = new URL(uri);
  const protocol = uri.startsWith("https") ? "https" : "http";
  return { uri, protocol, address: hostname, port: Number(port), local: false, relay: false, IPv6: false, ...extra };
};

describe("rankConnections", () => {
  it("puts local before remote before relay, https before http, otherwise keeping order", () => {
    const ranked = rankConnections([
      connection("http://relay", { relay: true }),
      connection("https://remote", { local: false }),
      connection("http://local", { local: true }),
      connection("http://remote", { local: false }),
      connection("https://local", { local: true }),
      connection("https://relay", { relay: true, local: false }),
      connection("https://remote-2"),
    ]);
    expect(ranked.map((c) => c.uri)).toEqual([
      "https://local",
      "http://local",
      "https://remote",
      "https://remote-2",
      "http://remote",
      "https://relay",
      "http://relay",
    ]);
  });
});

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

describe("findReachableConnection", () => {
  const servers: FakeMediaServer[] = [];
  const start = async (...args: Parameters<typeof startFakeMediaServer>) => {
    const server = await startFakeMediaServer(...args);
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it("picks the fastest live connection and leaves no socket or timer open", async () => {
    const timersBefore = activeTimers();
    const slow = await start({ delayMs: 1500, accessToken: "pms-token" });
    const fast = await start({ delayMs: 30, accessToken: "pms-token" });
    const slower = await start({ delayMs: 3000, accessToken: "pms-token" });
    const refused = await refusedUri();
    const server = {
      name: "Living Room",
      accessToken: "pms-token",
      connections: [connection(slow.uri), connection(refused), connection(fast.uri), connection(slower.uri)],
    };
    const winner = await findReachableConnection(server, { timeoutMs: 5000 });
    expect(winner.uri).toBe(fast.uri);
    expect(fast.requests[0]!.headers["x-plex-token"]).toBe("pms-token");
    expect(fast.requests[0]!.url).toBe("/identity");
    // The losers were aborted: no socket on the client's side keeps the process alive (every one left is a
    // stand-in's end, still waiting to answer), and no timer is left.
    const serverEnds = () => servers.reduce((sum, s) => sum + s.openSockets(), 0);
    expect(await eventually(() => activeSockets() === serverEnds())).toBe(true);
    // The stand-ins' delayed answers hold timers in this process too (until undici closes the aborted sockets,
    // which it may do at once or only later); none may be left on the client's side.
    // Undici's own timers come and go (under load, one may still be armed at the first look): the count must settle
    // within a second, long before the race's own 5 s timer would have fired had it leaked.
    const standInTimers = () => servers.reduce((sum, s) => sum + s.pendingAnswers(), 0);
    expect(await eventually(() => activeTimers() - standInTimers() <= timersBefore)).toBe(true);
  });

  it("clears its own deadline timer when the race is won (the timer found by its unusual delay)", async () => {
    const fast = await start({ accessToken: "pms-token" });
    const setSpy = jest.spyOn(globalThis, "setTimeout");
    const clearSpy = jest.spyOn(globalThis, "clearTimeout");
    try {
      const server = { name: "S", accessToken: "pms-token", connections: [connection(fast.uri)] };
      await findReachableConnection(server, { timeoutMs: 4321 });
      const ours = setSpy.mock.results.filter((_, index) => setSpy.mock.calls[index]![1] === 4321);
      expect(ours).toHaveLength(1);
      expect(clearSpy.mock.calls.map(([handle]) => handle)).toContain(ours[0]!.value);
    } finally {
      setSpy.mockRestore();
      clearSpy.mockRestore();
    }
  });

  it("skips a connection that answers 401 (a proxy in front of another server, say)", async () => {
    const wrongToken = await startPlainServer((_request, response) =>
      answer(response, 401, "<html><body>401 Unauthorized</body></html>", "text/html"),
    );
    const right = await start({ delayMs: 50, accessToken: "pms-token" });
    const server = {
      name: "S",
      accessToken: "pms-token",
      connections: [connection(wrongToken.url), connection(right.uri)],
    };
    try {
      expect((await findReachableConnection(server)).uri).toBe(right.uri);
    } finally {
      await wrongToken.close();
    }
  });

  it("rejects with ServerUnreachableError when none answers", async () => {
    const server = {
      name: "Gone",
      accessToken: null,
      connections: [connection(await refusedUri()), connection(await refusedUri())],
    };
    const error = await findReachableConnection(server).catch((e) => e);
    expect(error).toBeInstanceOf(ServerUnreachableError);
    expect(error.cause).toHaveLength(2);
    await expect(findReachableConnection({ name: "Empty", connections: [] })).rejects.toThrow(ServerUnreachableError);
  });

  it("rejects with ServerUnreachableError at its timeout, and aborts what is in flight", async () => {
    const slow = await start({ delayMs: 3000 });
    const error = await findReachableConnection(
      { name: "Slow", connections: [connection(slow.uri)] },
      { timeoutMs: 100 },
    ).catch((e) => e);
    expect(error).toBeInstanceOf(ServerUnreachableError);
    expect(error.message).toMatch(/within 100 ms/);
    expect(await eventually(() => activeSockets() === slow.openSockets())).toBe(true);
  });

  it("rejects with the signal's reason on abort", async () => {
    const slow = await start({ delayMs: 3000 });
    const signal = AbortSignal.timeout(50);
    const error = await findReachableConnection(
      { name: "Slow", connections: [connection(slow.uri)] },
      { signal },
    ).catch((e) => e);
    expect(error).toBe(signal.reason);
    expect(error.name).toBe("TimeoutError");
  });

  it("skips connections without a usable uri, leaving no timer or request behind", async () => {
    const fast = await start();
    const broken = [{ protocol: "http" }, { uri: 42 }, { uri: "ftp://x" }, null] as unknown as PlexConnection[];
    const found = await findReachableConnection({ name: "Mixed", connections: [...broken, connection(fast.uri)] });
    expect(found.uri).toBe(fast.uri);
    const before = activeTimers();
    const none = findReachableConnection({ name: "Broken", connections: broken });
    await expect(none).rejects.toThrow(/no usable connections/);
    expect(activeTimers()).toBeLessThanOrEqual(before);
  });
});

describe("mayCarryToken: where a server's token may travel", () => {
  it.each([
    ["https://203-0-113-7.abc.plex.direct:32400", true],
    ["http://127.0.0.1:32400", true],
    ["http://localhost:32400", true],
    ["http://[::1]:32400", true],
    ["http://192.168.1.20:32400", true],
    ["http://10.0.0.2:32400", true],
    ["http://172.16.5.4:32400", true],
    ["http://172.31.255.1:32400", true],
    ["http://169.254.10.10:32400", true],
    ["http://[fd12:3456::1]:32400", true],
    ["http://[fe80::1]:32400", true],
    ["http://203.0.113.7:32400", false],
    ["http://172.32.0.1:32400", false],
    ["http://10.0.0.2.attacker.example:32400", false],
    ["http://192-168-1-20.abc.plex.direct:32400", false],
    ["http://[2001:db8::1]:32400", false],
  ])("%s: %s", (uri, expected) => {
    expect(mayCarryToken(uri)).toBe(expected);
  });

  it("a plain-http connection to a public address is probed without the token", async () => {
    const seen: (string | null)[] = [];
    const fetch = async (request: Request) => {
      seen.push(request.headers.get("X-Plex-Token"));
      throw new TypeError(`not reachable here: ${request.url}`);
    };
    await findReachableConnection(
      { name: "Remote", accessToken: "server-secret", connections: [connection("http://203.0.113.7:32400")] },
      { fetch, timeoutMs: 500 },
    ).catch(() => undefined);
    expect(seen).toEqual([null]);
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
});
