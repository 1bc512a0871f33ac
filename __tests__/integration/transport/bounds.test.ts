// The transport's bounds against hostile servers and bad input: bodies read at most maxBodyBytes long (an endless
// stream costs a bounded buffer), tokens no header can carry never sent nor quoted, and an abort while the app's
// token function runs sends nothing.

import type { ServerResponse } from "node:http";
import {
  createPlexTvClient,
  getUser,
  InvalidTokenError,
  UnexpectedResponseError,
  validateToken,
  type FetchLike,
} from "../../../src";
import { createPlexServerClient, getServerIdentity } from "../../../src/media-server";
import { everything } from "../../support/leaks";
import { answer, startPlainServer } from "../../support/plain-server";
import { identity } from "../../support/stand-in";
import { closedAfterEach } from "../../support/closed-after-each";

const serve = closedAfterEach(startPlainServer);

/** Streams `{"id":1,"junk":"xxxx…` without end (until the client goes), 64 KiB a write, honouring backpressure. */
function endlessJson(response: ServerResponse) {
  response.writeHead(200, { "Content-Type": "application/json" });
  const chunk = Buffer.alloc(64 * 1024, "x");
  response.write('{"id":1,"junk":"');
  const pump = () => {
    while (!response.destroyed && response.write(chunk));
    if (!response.destroyed) response.once("drain", pump);
  };
  response.on("close", () => response.removeAllListeners("drain"));
  pump();
}

/** globalThis.fetch, counting the body bytes the transport pulled. */
function countingFetch(): { fetch: FetchLike; pulled: () => number } {
  let pulled = 0;
  const fetch: FetchLike = async (request, init) => {
    const response = await globalThis.fetch(request, init);
    if (!response.body) return response;
    const reader = response.body.getReader();
    const counted = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          pulled += value.byteLength;
          controller.enqueue(value);
        },
        cancel: (reason) => reader.cancel(reason),
      },
      { highWaterMark: 0 }, // pulled only when the transport reads, never ahead
    );
    return new Response(counted, { status: response.status, headers: response.headers });
  };
  return { fetch, pulled: () => pulled };
}

describe("bodies are read at most maxBodyBytes long", () => {
  it("an endless JSON answer: an UnexpectedResponseError once the bound is passed, having read no more", async () => {
    const server = await serve((_request, response) => endlessJson(response));
    const { fetch, pulled } = countingFetch();
    const plex = createPlexTvClient({ ...identity, baseUrl: server.url, token: "t", fetch, maxBodyBytes: 256 * 1024 });
    const error = await getUser(plex).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as Error).message).toBe("GET /api/v2/user: plex.tv answered more than 262144 bytes");
    // At most one read past the bound (undici hands over up to 64 KiB at a time).
    expect(pulled()).toBeGreaterThan(256 * 1024);
    expect(pulled()).toBeLessThanOrEqual(256 * 1024 + 64 * 1024);
  });

  it("a Content-Length over the bound: refused before a byte of the body is read", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(10 * 1024 ** 3) });
      response.write('{"id":1,');
    });
    const { fetch, pulled } = countingFetch();
    const plex = createPlexTvClient({ ...identity, baseUrl: server.url, token: "t", fetch });
    await expect(getUser(plex)).rejects.toThrow("GET /api/v2/user: plex.tv answered more than 4194304 bytes");
    expect(pulled()).toBe(0);
  });

  it("the default bound, 4 MiB: a 5 MiB answer is refused, a 3 MiB one read", async () => {
    const size = (mib: number) => JSON.stringify({ id: 1, uuid: "u", junk: "x".repeat(mib * 1024 * 1024) });
    const big = size(5);
    const fine = size(3);
    let body = big;
    const server = await serve((_request, response) => answer(response, 200, body));
    const plex = createPlexTvClient({ ...identity, baseUrl: server.url, token: "t" });
    await expect(getUser(plex)).rejects.toThrow(UnexpectedResponseError);
    body = fine;
    await expect(getUser(plex)).resolves.toMatchObject({ id: 1 });
  });

  it("an endless /identity from a media server: the same bound, the same typed error", async () => {
    const server = await serve((_request, response) => endlessJson(response));
    const { fetch, pulled } = countingFetch();
    const client = createPlexServerClient(server.url, { ...identity, fetch, maxBodyBytes: 128 * 1024 });
    await expect(getServerIdentity(client)).rejects.toThrow(
      `GET /identity: the server at ${server.url} answered more than 131072 bytes`,
    );
    expect(pulled()).toBeLessThanOrEqual(128 * 1024 + 64 * 1024);
  });

  it.each([0, -1, 1.5, NaN, Infinity])("refuses maxBodyBytes %p, naming it", (maxBodyBytes) => {
    expect(() => createPlexTvClient({ ...identity, maxBodyBytes })).toThrow(/`maxBodyBytes`/);
    expect(() => createPlexServerClient("http://127.0.0.1:1", { ...identity, maxBodyBytes })).toThrow(
      /createPlexServerClient: `maxBodyBytes`/,
    );
  });
});

describe("a token no header can carry", () => {
  const tokens = ["line\nbreak-SECRET", "carriage\rreturn-SECRET", "nul\0byte-SECRET", "café-SECRET", "sp ace-SECRET"];

  it.each(tokens.map((token) => [JSON.stringify(token), token]))(
    "%s: InvalidTokenError naming the header, never the value, and nothing sent",
    async (_, token) => {
      const server = await serve((_request, response) => answer(response, 200, { id: 1, uuid: "u" }));
      for (const plex of [
        createPlexTvClient({ ...identity, baseUrl: server.url, token }),
        createPlexTvClient({ ...identity, baseUrl: server.url, token: async () => token }),
      ]) {
        const error = await getUser(plex).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(InvalidTokenError);
        expect((error as Error).message).toBe(
          "GET /api/v2/user: the token holds characters no X-Plex-Token header can carry",
        );
        expect(everything(error)).not.toContain("SECRET");
      }
      const plex = createPlexTvClient({ ...identity, baseUrl: server.url });
      const error = await getUser(plex, { token }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidTokenError);
      expect(everything(error)).not.toContain("SECRET");
      // validateToken answers "invalid": such a token can never be valid.
      expect(await validateToken(plex, token)).toEqual({ status: "invalid" });
      const media = createPlexServerClient(server.url, { ...identity, token });
      expect(everything(await getServerIdentity(media).catch((caught: unknown) => caught))).not.toContain("SECRET");
      expect(server.requests.filter((r) => r.url !== "/identity")).toHaveLength(0);
    },
  );
});

describe("an answer that repeats the token", () => {
  it("in Plex's message or the status text: the error says [token] instead", async () => {
    const token = "RepeatedToken-SECRET-123";
    const server = await serve((request, response) => {
      const sent = String(request.headers["x-plex-token"]);
      const body = JSON.stringify({ errors: [{ code: 1, message: `bad token ${sent}` }] });
      response.writeHead(503, `Unavailable for ${sent}`, { "Content-Type": "application/json" });
      response.end(body);
    });
    for (const plex of [
      createPlexTvClient({ ...identity, baseUrl: server.url, token }),
      createPlexTvClient({ ...identity, baseUrl: server.url, token: async () => token }),
    ]) {
      const error = await getUser(plex).catch((caught: unknown) => caught);
      expect((error as Error).message).toBe("GET /api/v2/user failed: 503 bad token [token] (code 1)");
      expect(everything(error)).not.toContain("SECRET");
    }
    const media = createPlexServerClient(server.url, { ...identity, token });
    const error = await getServerIdentity(media).catch((caught: unknown) => caught);
    expect(everything(error)).not.toContain("SECRET");
  });
});

describe("an abort while the app's token function runs", () => {
  it("rejects with the abort's reason and sends nothing", async () => {
    const server = await serve((_request, response) => answer(response, 200, { id: 1, uuid: "u" }));
    const controller = new AbortController();
    const reason = new Error("the user left");
    const token = () =>
      new Promise<string>((resolve) => {
        controller.abort(reason);
        setTimeout(() => resolve("late-token"), 20);
      });
    const plex = createPlexTvClient({ ...identity, baseUrl: server.url, token });
    await expect(getUser(plex, { signal: controller.signal })).rejects.toBe(reason);
    expect(server.requests).toHaveLength(0);
  });
});
