// The stand-in is hosted by our users' test processes: no request may crash it, and what it keeps is bounded.

import { fork, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { identity, standIn } from "../support/stand-in";
import { fromRoot } from "../support/paths";

/** Sends raw bytes and returns what came back (or "" when the server just closed the connection). */
function raw(url: string, bytes: string, { hangUp = false } = {}): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(bytes);
      if (hangUp) socket.destroy();
    });
    let answer = "";
    socket.on("data", (data) => (answer += data));
    socket.on("close", () => resolve(answer));
    socket.on("error", (error) => (hangUp ? resolve("") : reject(error)));
    if (!hangUp) setTimeout(() => socket.end(), 300);
  });
}

describe("hostile requests never crash the process hosting the stand-in", () => {
  let child: ChildProcess;
  let url: string;
  beforeAll(async () => {
    child = fork(fromRoot("__tests__/support/stand-in-process.cjs"), [JSON.stringify({ maxBodyBytes: 4096 })]);
    url = await new Promise<string>((resolve) => child.once("message", (m) => resolve((m as { url: string }).url)));
  });
  afterAll(() => child.disconnect());

  const stillServing = async () => {
    expect(child.exitCode).toBeNull();
    const response = await fetch(`${url}/api/v2/pins`, {
      method: "POST",
      headers: { Accept: "application/json", "X-Plex-Client-Identifier": identity.clientIdentifier },
    });
    expect(response.status).toBe(201);
  };

  it("a malformed percent-escape in the path: 404", async () => {
    const answer = await raw(url, "GET /api/v2/pins/%E0%A4%A HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1.1 404/);
    await stillServing();
  });

  it("an absolute-form request URL with a port out of range: 400", async () => {
    const answer = await raw(url, "GET http://127.0.0.1:99999/api/v2/user HTTP/1.1\r\nHost: x\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1.1 400/);
    await stillServing();
  });

  it("a client that hangs up in the middle of its body", async () => {
    const head =
      "POST /api/v2/pins HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n";
    await raw(url, `${head}{"jwk":`, { hangUp: true });
    await stillServing();
  });

  it("a body over the cap: 413", async () => {
    const response = await fetch(`${url}/api/v2/pins`, {
      method: "POST",
      headers: { "X-Plex-Client-Identifier": "x", "Content-Type": "application/json" },
      body: JSON.stringify({ padding: "x".repeat(10_000) }),
    });
    expect(response.status).toBe(413);
    await stillServing();
  });
});

describe("the request log", () => {
  it("keeps at most requestLogLimit entries, newest last, and can be cleared", async () => {
    const server = await standIn({ requestLogLimit: 3 });
    try {
      for (let i = 1; i <= 5; i++)
        await fetch(`${server.url}/api/v2/pins/${i}`, { headers: { Accept: "application/json" } });
      expect(server.requests.map((r) => r.url)).toEqual(["/api/v2/pins/3", "/api/v2/pins/4", "/api/v2/pins/5"]);
      server.clearRequests();
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
