// What the client does with answers real networks give and the stand-in never does on its own: malformed JSON in
// either framing, text/json, a 2xx without a user, and redirects (proxies, captive portals, hostile connections).

import {
  createPin,
  getUser,
  PlexTvNetworkError,
  UnexpectedResponseError,
  validateToken,
  waitForAuthToken,
} from "../../../src";
import { findReachableConnection, ServerUnreachableError } from "../../../src/media-server";
import { answer, startPlainServer, type PlainServer } from "../../support/plain-server";
import { identity } from "../../support/stand-in";
import { createPlexTvClient } from "../../../src";
import { activeTimers } from "../../support/timers";
import { everything } from "../../support/leaks";
import { closedAfterEach } from "../../support/closed-after-each";

const secret = "leaky-secret-token-7f3a";
const pinJson = {
  id: 1934786655,
  code: "3ml6p9cn5hlnalbsr4yg0hz3y",
  product: "0",
  qr: "https://plex.tv/api/v2/pins/qr/3ml6p9cn5hlnalbsr4yg0hz3y",
  clientIdentifier: identity.clientIdentifier,
  location: { code: "GB" },
  expiresIn: 1800,
  createdAt: "2026-11-23T10:00:00Z",
  expiresAt: "2026-11-23T10:30:00Z",
  authToken: null,
};

const serve = closedAfterEach(startPlainServer);

const clientOf = (server: PlainServer, token?: string) =>
  createPlexTvClient({ ...identity, baseUrl: server.url, ...(token ? { token } : {}) });

describe("a 2xx with malformed JSON", () => {
  const malformed = `{"authToken":"${secret}","id": 1, "code": `;

  it.each([
    [
      "chunked",
      (response: import("node:http").ServerResponse) => {
        response.writeHead(200, { "Content-Type": "application/json", "Transfer-Encoding": "chunked" });
        response.write(malformed.slice(0, 10));
        response.end(malformed.slice(10));
      },
    ],
    ["with Content-Length", (response: import("node:http").ServerResponse) => answer(response, 200, malformed)],
  ])("%s: an UnexpectedResponseError quoting nothing of the body", async (_, send) => {
    const server = await serve((_request, response) => send(response));
    const before = activeTimers();
    const error = await createPin(clientOf(server)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error).not.toBeInstanceOf(PlexTvNetworkError);
    expect((error as Error).message).toMatch(/malformed JSON/);
    expect((error as Error).cause).toBeUndefined();
    expect(everything(error)).not.toContain(secret);
    expect(everything(error)).not.toContain("authToken");
    expect(activeTimers()).toBeLessThanOrEqual(before);
  });

  it("is not retried as a network error: polling stops at the first one", async () => {
    const server = await serve((_request, response) => answer(response, 200, malformed));
    const polling = waitForAuthToken(clientOf(server), { id: 1, expiresIn: 60 }, { intervalMs: 10 });
    await expect(polling).rejects.toThrow(UnexpectedResponseError);
    expect(server.requests).toHaveLength(1);
  });

  it("the raw client (plex.GET) throws the same typed error, not a SyntaxError", async () => {
    const server = await serve((_request, response) => answer(response, 200, malformed));
    const error = await clientOf(server, "t")
      .GET("/api/v2/user")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(everything(error)).not.toContain(secret);
  });
});

describe("content types", () => {
  it("accepts text/json as JSON", async () => {
    const server = await serve((_request, response) => answer(response, 201, pinJson, "text/json; charset=utf-8"));
    await expect(createPin(clientOf(server))).resolves.toMatchObject({ id: pinJson.id, code: pinJson.code });
  });

  it("refuses a 2xx page that is not JSON, without reading it into memory", async () => {
    // An endless page (bounded at 64 MB): a client that read it whole would take all of it.
    const cap = 64 * 1024 * 1024;
    const piece = "<p>" + "x".repeat(65_533);
    let written = 0;
    const server = await serve((_request, response) => {
      response.writeHead(200, { "Content-Type": "text/html" });
      const pump = () => {
        while (written < cap && !response.destroyed) {
          written += piece.length;
          if (!response.write(piece)) return void response.once("drain", pump);
        }
        response.end();
      };
      pump();
    });
    await expect(createPin(clientOf(server))).rejects.toThrow(UnexpectedResponseError);
    expect(written).toBeLessThan(cap / 4);
  });
});

describe("validateToken on a 2xx that holds no user", () => {
  it.each([
    ["an empty object", (response: import("node:http").ServerResponse) => answer(response, 200, {})],
    ["an empty body", (response: import("node:http").ServerResponse) => (response.writeHead(200), response.end())],
    ["null", (response: import("node:http").ServerResponse) => answer(response, 200, "null")],
  ])("%s: unknown, not valid", async (_, send) => {
    const server = await serve((_request, response) => send(response));
    const result = await validateToken(clientOf(server), "some-token");
    expect(result.status).toBe("unknown");
    expect((result as { cause: unknown }).cause).toBeInstanceOf(UnexpectedResponseError);
  });
});

describe("redirects never carry the token anywhere", () => {
  const token = "redirect-secret-token";

  it("to another origin: a typed error, and the other origin hears nothing", async () => {
    const elsewhere = await serve((_request, response) => answer(response, 200, { id: 1, uuid: "u" }));
    const server = await serve((_request, response) => {
      response.writeHead(302, { Location: `${elsewhere.url}/api/v2/user` });
      response.end();
    });
    const error = await getUser(clientOf(server, token)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error).toMatchObject({ status: 302 });
    expect(everything(error)).not.toContain(token);
    expect(elsewhere.requests).toHaveLength(0);
    expect(server.requests).toHaveLength(1);
  });

  it("to the same origin: not followed either (plex.tv does not redirect API calls)", async () => {
    const server = await serve((request, response) => {
      if (request.url === "/api/v2/user") {
        response.writeHead(307, { Location: "/moved/user" });
        return response.end();
      }
      answer(response, 200, { id: 1, uuid: "u" });
    });
    await expect(getUser(clientOf(server, token))).rejects.toMatchObject({
      name: "UnexpectedResponseError",
      status: 307,
    });
    expect(server.requests.map((r) => r.url)).toEqual(["/api/v2/user"]);
  });

  it("on a server connection: the connection fails, and the server's token stays put", async () => {
    const elsewhere = await serve((_request, response) => answer(response, 200, { MediaContainer: {} }));
    const server = await serve((_request, response) => {
      response.writeHead(302, { Location: `${elsewhere.url}/identity` });
      response.end();
    });
    const connection = { uri: server.url, protocol: "http", address: "127.0.0.1", port: 1 } as const;
    const reachable = findReachableConnection(
      { name: "Den", accessToken: token, connections: [{ ...connection, local: true, relay: false, IPv6: false }] },
      { timeoutMs: 2000 },
    );
    await expect(reachable).rejects.toThrow(ServerUnreachableError);
    expect(elsewhere.requests).toHaveLength(0);
  });
});
