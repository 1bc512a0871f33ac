// The media server client over HTTP against the media-server stand-in (and a plain server for answers it never
// gives): typed operations, the transport's rules, connectToServer's race and its identity check, and claims.

import { InvalidTokenError, PlexTvNetworkError, PlexTvTimeoutError, UnexpectedResponseError } from "../../../src";
import {
  claimServer,
  ClaimTokenRejectedError,
  connectToServer,
  createPlexServerClient,
  getServerIdentity,
  getSourceConnectionInformation,
  getTransientToken,
  ServerAlreadyClaimedError,
  ServerIdentityMismatchError,
  ServerUnreachableError,
} from "../../../src/media-server";
import { refusedUri, startFakeMediaServer } from "../../../src/testing";
import { answer, startPlainServer } from "../../support/plain-server";
import { activeTimers, eventually } from "../../support/timers";
import { connection } from "../../support/connections";
import { everything } from "../../support/leaks";
import { closedAfterEach } from "../../support/closed-after-each";

const app = { clientIdentifier: "media-test-client", product: "Media Test" };
const TOKEN = "server-token-SECRET-1";

const media = closedAfterEach((options: Parameters<typeof startFakeMediaServer>[0] = {}) =>
  startFakeMediaServer({ accessToken: TOKEN, ...options }),
);
const plain = closedAfterEach(startPlainServer);

describe("createPlexServerClient", () => {
  it.each([
    ["http://203.0.113.7:32400", "a public address over plain http"],
    ["http://10.0.0.2.attacker.example:32400", "a name that looks private"],
    ["https://192-168-1-20.abc.plex.direct:32400?x=1", "a query"],
    ["https://user:pw@192-168-1-20.abc.plex.direct:32400", "credentials"],
    ["ftp://192.168.1.20", "another scheme"],
    ["not a url", "no URL"],
  ])("refuses %s (%s)", (uri) => {
    expect(() => createPlexServerClient(uri, { ...app, token: TOKEN })).toThrow(
      /^createPlexServerClient: `baseUrl` must be a bare https URL \(http only for a local address\)$/,
    );
  });

  it.each(["http://192.168.1.20:32400", "http://10.0.0.2:32400", "http://[fd00::2]:32400", "https://8.8.8.8:32400"])(
    "takes %s",
    (uri) => {
      expect(createPlexServerClient(connection(uri), { ...app }).baseUrl).toBe(uri);
    },
  );

  it("checks the identity and the deadline, naming itself", () => {
    expect(() => createPlexServerClient("http://127.0.0.1:1", { clientIdentifier: "x" } as never)).toThrow(
      "createPlexServerClient: `product` must be a non-empty string",
    );
    expect(() => createPlexServerClient("http://127.0.0.1:1", { ...app, timeoutMs: 0 })).toThrow(
      "createPlexServerClient: `timeoutMs` must be positive",
    );
  });
});

describe("the server's operations", () => {
  it("getServerIdentity sends Accept JSON and the identity, never the token (the spec marks /identity tokenless)", async () => {
    const server = await media({ machineIdentifier: "machine-1" });
    const client = createPlexServerClient(server.uri, { ...app, token: TOKEN });
    const identity = await getServerIdentity(client);
    expect(identity).toEqual({ size: 0, claimed: true, machineIdentifier: "machine-1", version: expect.any(String) });
    const [request] = server.requests;
    expect(request!.headers.accept).toBe("application/json");
    expect(request!.headers["x-plex-client-identifier"]).toBe(app.clientIdentifier);
    expect(request!.headers["x-plex-token"]).toBeUndefined();
  });

  it("getTransientToken: a token with the caller's rights, in the header only; it works until the server restarts", async () => {
    const server = await media({ sources: { other: [{ clientIdentifier: "other", name: "Other" }] } });
    const transient = await getTransientToken(createPlexServerClient(server.uri, { ...app, token: TOKEN }));
    expect(transient).toMatch(/^transient-/);
    expect(server.requests[0]!.url).toBe("/security/token?type=delegation&scope=all");
    expect(server.requests[0]!.headers["x-plex-token"]).toBe(TOKEN);

    const withTransient = createPlexServerClient(server.uri, { ...app, token: transient });
    expect(await getSourceConnectionInformation(withTransient, { source: "other" })).toHaveLength(1);
    server.restart();
    const error = await getSourceConnectionInformation(withTransient, { source: "other" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidTokenError);
    expect(everything(error)).not.toContain(transient);
    // The log redacts tokens in URLs: no token parameter there at all, and nothing else that holds one.
    const holdsToken = (url: string) => url.includes(TOKEN) || url.includes(transient) || /token=/i.test(url);
    expect(server.requests.filter((request) => holdsToken(request.url))).toEqual([]);
  });

  it("a revoked token: the server's HTML 401 is an InvalidTokenError, without the token", async () => {
    const server = await media();
    server.revoke(TOKEN);
    const client = createPlexServerClient(server.uri, { ...app, token: TOKEN });
    const error = await getSourceConnectionInformation(client, { source: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidTokenError);
    expect((error as InvalidTokenError).status).toBe(401);
    expect((error as Error).message).toBe("GET /security/resources failed: 401 Unauthorized");
    expect(everything(error)).not.toContain(TOKEN);
    // /security/token refuses a bad token with a 403 page instead (the spec's newest source).
    const refused = await getTransientToken(client).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 403 });
    expect(everything(refused)).not.toContain(TOKEN);
  });

  it("getSourceConnectionInformation: the devices of a source, [] for an unknown one, refresh as 0/1", async () => {
    const device = {
      name: "Living Room",
      clientIdentifier: "living-room",
      accessToken: "living-room-token",
      Connection: [
        {
          protocol: "https",
          address: "192.168.1.20",
          port: 32400,
          uri: "https://192-168-1-20.lr.plex.direct:32400",
          local: true,
        },
      ],
    };
    const server = await media({ sources: { "living-room": [device] } });
    const client = createPlexServerClient(server.uri, { ...app, token: TOKEN });
    expect(await getSourceConnectionInformation(client, { source: "living-room", refresh: true })).toEqual([device]);
    expect(await getSourceConnectionInformation(client, { source: "nobody" })).toEqual([]);
    expect(server.requests.map((request) => request.url)).toEqual([
      "/security/resources?source=living-room&refresh=1",
      "/security/resources?source=nobody",
    ]);
    await expect(getSourceConnectionInformation(client, { source: "" })).rejects.toThrow(TypeError);
  });

  it("an HTML page where JSON belongs (a captive portal, a proxy) is an UnexpectedResponseError naming the server", async () => {
    const portal = await plain((_request, response) =>
      answer(response, 200, "<html>Sign in to the Wi-Fi</html>", "text/html"),
    );
    const client = createPlexServerClient(portal.url, { ...app, token: TOKEN, name: "Living Room" });
    const error = await getServerIdentity(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as Error).message).toBe("GET /identity: Living Room answered something other than JSON");
  });

  it("a redirect is not followed: the token never reaches the other end", async () => {
    const elsewhere = await plain((_request, response) => answer(response, 200, { MediaContainer: { token: "x" } }));
    const redirecting = await plain((_request, response) => {
      response.writeHead(302, { Location: `${elsewhere.url}/security/token?type=delegation&scope=all` });
      response.end();
    });
    const client = createPlexServerClient(redirecting.url, { ...app, token: TOKEN });
    await expect(getTransientToken(client)).rejects.toThrow(
      `GET /security/token: the server at ${redirecting.url} answered a redirect (302), not followed`,
    );
    expect(elsewhere.requests).toHaveLength(0);
  });

  it("the deadline covers the body: a server that stalls mid-answer is a PlexTvTimeoutError", async () => {
    const stalling = await plain((_request, response) => {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.write('{"MediaContainer":');
    });
    const client = createPlexServerClient(stalling.url, { ...app, token: TOKEN, timeoutMs: 150, name: "Attic" });
    const error = await getServerIdentity(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlexTvTimeoutError);
    expect((error as Error).message).toBe("GET /identity: no answer from Attic within 150 ms");
  });

  it("a 2xx without the MediaContainer the spec promises is an UnexpectedResponseError", async () => {
    const odd = await plain((_request, response) => answer(response, 200, { MediaContainer: { size: 0 } }));
    const client = createPlexServerClient(odd.url, { ...app, token: TOKEN });
    await expect(getServerIdentity(client)).rejects.toThrow(UnexpectedResponseError);
    await expect(getTransientToken(client)).rejects.toThrow(
      `GET /security/token: the server at ${odd.url} answered without a token`,
    );
  });
});

describe("connectToServer", () => {
  it("races the connections and keeps the one that is the server: not a refused one, not another server", async () => {
    const impostor = await media({ machineIdentifier: "someone-else" });
    const slowTwin = await media({ machineIdentifier: "the-server", delayMs: 150 });
    const server = {
      name: "Living Room",
      clientIdentifier: "the-server",
      accessToken: TOKEN,
      connections: [connection(await refusedUri()), connection(impostor.uri), connection(slowTwin.uri)],
    };
    const timersBefore = activeTimers();
    const session = await connectToServer(server, app);
    expect(session.connection.uri).toBe(slowTwin.uri);
    expect(session.identity.machineIdentifier).toBe("the-server");
    expect(session.client.baseUrl).toBe(slowTwin.uri);
    expect(await getTransientToken(session.client)).toMatch(/^transient-/);
    expect(slowTwin.requests.at(-1)!.headers["x-plex-token"]).toBe(TOKEN);
    // undici's own timers come and go (under CI's load one may still be armed at the first look): the count must
    // settle within a second, long before a leaked request deadline (30 s) or race timer (5 s) would go.
    expect(await eventually(() => activeTimers() <= timersBefore)).toBe(true);
  });

  it("only other servers answer: ServerIdentityMismatchError (a ServerUnreachableError) naming both identifiers", async () => {
    const impostor = await media({ machineIdentifier: "someone-else" });
    const server = {
      name: "Living Room",
      clientIdentifier: "the-server",
      accessToken: TOKEN,
      connections: [connection(impostor.uri)],
    };
    const error = await connectToServer(server, app).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerIdentityMismatchError);
    expect(error).toBeInstanceOf(ServerUnreachableError);
    expect(error).toMatchObject({ expected: "the-server", actual: "someone-else" });
    expect((error as Error).message).toBe(
      `${impostor.uri} answers as server someone-else, not Living Room (the-server)`,
    );
    expect(everything(error)).not.toContain(TOKEN);
  });

  it("skips plain http to a public address: the token is never sent there", async () => {
    const good = await media({ machineIdentifier: "the-server" });
    const asked: string[] = [];
    const server = {
      name: "Living Room",
      clientIdentifier: "the-server",
      accessToken: TOKEN,
      connections: [
        connection("http://203.0.113.7:32400", { local: false }),
        connection("https://user:pw@192-168-1-9.x.plex.direct:32400"), // no client takes credentials: skipped
        connection(good.uri),
      ],
    };
    const session = await connectToServer(server, {
      ...app,
      fetch: (request) => (asked.push(request.url), fetch(request)),
    });
    expect(session.connection.uri).toBe(good.uri);
    expect(asked).toEqual([`${good.uri}/identity`]);
    await expect(
      connectToServer({ ...server, connections: [connection("http://203.0.113.7:32400", { local: false })] }, app),
    ).rejects.toThrow("Living Room: the server has no usable connections");
  });

  it("HTML answers and refusals everywhere: ServerUnreachableError with each failure as its cause", async () => {
    const portal = await plain((_request, response) => answer(response, 200, "<html>portal</html>", "text/html"));
    const server = {
      name: "Living Room",
      clientIdentifier: "the-server",
      accessToken: TOKEN,
      connections: [connection(portal.url), connection(await refusedUri())],
    };
    const error = (await connectToServer(server, app).catch((e: unknown) => e)) as ServerUnreachableError;
    expect(error).toBeInstanceOf(ServerUnreachableError);
    expect(error).not.toBeInstanceOf(ServerIdentityMismatchError);
    const causes = error.cause as unknown[];
    expect(causes.some((cause) => cause instanceof UnexpectedResponseError)).toBe(true);
    expect(causes.some((cause) => cause instanceof PlexTvNetworkError)).toBe(true);
  });

  it("an abort ends the race with the signal's reason and leaves no timer", async () => {
    const slow = await media({ machineIdentifier: "the-server", delayMs: 2000 });
    const server = {
      name: "Living Room",
      clientIdentifier: "the-server",
      accessToken: TOKEN,
      connections: [connection(slow.uri)],
    };
    const timersBefore = activeTimers();
    const reason = new Error("user left");
    const racing = connectToServer(server, { ...app, signal: AbortSignal.timeout(50) });
    await expect(racing).rejects.toThrow(/aborted|timeout/i);
    const controller = new AbortController();
    const second = connectToServer(server, { ...app, signal: controller.signal });
    controller.abort(reason);
    await expect(second).rejects.toBe(reason);
    // + the stand-in's own delayed answer; undici's own timers may take a moment to go, as above.
    expect(await eventually(() => activeTimers() <= timersBefore + 1)).toBe(true);
  });

  it("a race deadline: ServerUnreachableError after timeoutMs", async () => {
    const slow = await media({ machineIdentifier: "the-server", delayMs: 1000 });
    const server = {
      name: "Living Room",
      clientIdentifier: "the-server",
      accessToken: TOKEN,
      connections: [connection(slow.uri)],
    };
    await expect(connectToServer(server, { ...app, timeoutMs: 100 })).rejects.toThrow(
      "Living Room: no connection answered within 100 ms",
    );
  });
});

describe("claimServer", () => {
  const account = { id: 7, username: "new-owner" };
  const claimCodes = (valid: string) => (code: string) => (code === valid ? account : null);

  it("claims an unclaimed server with a valid claim token, which travels only in the query it needs", async () => {
    const server = await media({ claimed: false, claim: claimCodes("claim-good") });
    const client = createPlexServerClient(server.uri, { ...app, token: TOKEN });
    expect(await claimServer(client, "claim-good")).toEqual({
      MyPlex: { authToken: expect.any(String), username: "new-owner", mappingState: "mapped", signInState: "ok" },
    });
    expect(server.isClaimed()).toBe(true);
    const post = server.requests.find((request) => request.method === "POST")!;
    // The log redacts the claim token: the server taking it (claimed above) shows its value arrived.
    expect(post.url).toBe("/myplex/claim?token=[redacted]");
    expect(post.headers["x-plex-token"]).toBeUndefined();
  });

  it("a claimed server: ServerAlreadyClaimedError, and the claim token is not sent", async () => {
    const server = await media({ claimed: true, claim: claimCodes("claim-good") });
    const client = createPlexServerClient(server.uri, { ...app });
    await expect(claimServer(client, "claim-good")).rejects.toBeInstanceOf(ServerAlreadyClaimedError);
    expect(server.requests.map((request) => request.method)).toEqual(["GET"]);
  });

  it("an expired or unknown claim token: ClaimTokenRejectedError, without the code in its message", async () => {
    const server = await media({ claimed: false, claim: claimCodes("claim-good") });
    const client = createPlexServerClient(server.uri, { ...app });
    const error = await claimServer(client, "claim-EXPIRED123").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClaimTokenRejectedError);
    expect((error as ClaimTokenRejectedError).status).toBe(400);
    expect(everything(error)).not.toContain("EXPIRED123");
    expect(server.isClaimed()).toBe(false);
  });

  it("two claims at once: one wins, the other learns the server is claimed (not that its token was bad)", async () => {
    const server = await media({ claimed: false, claim: (code) => (code.startsWith("claim-") ? account : null) });
    const client = createPlexServerClient(server.uri, { ...app });
    const results = await Promise.allSettled([claimServer(client, "claim-a"), claimServer(client, "claim-b")]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const [rejected] = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(rejected!.reason).toBeInstanceOf(ServerAlreadyClaimedError);
  });

  it.each([["token-without-prefix"], [""], ["claim-"], [42]])(
    "refuses %p as a claim token before any request",
    async (code) => {
      const server = await media({ claimed: false });
      await expect(claimServer(createPlexServerClient(server.uri, { ...app }), code as string)).rejects.toThrow(
        TypeError,
      );
      expect(server.requests).toHaveLength(0);
    },
  );
});
