// The stand-ins are hosted by our users' test processes: no request may crash them, and what they keep is bounded.
// Each runs built (dist/testing.cjs) in a process of its own, and faces the same hostile requests over raw sockets.

import { fork, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { identity } from "../support/stand-in";
import { fromRoot } from "../support/paths";

type Kind = "plex-tv" | "media-server";

interface Measured {
  heapUsed: number;
  retained: Record<string, number>;
}

interface Child {
  process: ChildProcess;
  url: string;
  token: string | undefined;
  /** The child's heap after garbage collection, and the stand-in's retained() counts. */
  measure(): Promise<Measured>;
}

async function spawn(kind: Kind, options: object, { gc = false } = {}): Promise<Child> {
  const child = fork(fromRoot("__tests__/support/stand-in-process.cjs"), [JSON.stringify({ kind, options })], {
    execArgv: gc ? ["--expose-gc"] : [],
  });
  const { url, token } = await new Promise<{ url: string; token?: string }>((resolve) =>
    child.once("message", (message) => resolve(message as { url: string; token?: string })),
  );
  const measure = () =>
    new Promise<Measured>((resolve) => {
      child.once("message", (message) => resolve(message as Measured));
      child.send("measure");
    });
  return { process: child, url, token, measure };
}

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

/** Runs `task` `count` times, `concurrency` at a time. */
async function repeat(count: number, concurrency: number, task: (i: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

const MiB = 1024 * 1024;

describe.each([
  ["the plex.tv stand-in", "plex-tv" as const],
  ["the media-server stand-in", "media-server" as const],
])("hostile requests never crash the process hosting %s", (_name, kind) => {
  let child: Child;
  beforeAll(async () => {
    child = await spawn(kind, kind === "plex-tv" ? { maxBodyBytes: 4096 } : { accessToken: "pms-token" });
  });
  afterAll(() => child.process.disconnect());

  const stillServing = async () => {
    expect(child.process.exitCode).toBeNull();
    const response =
      kind === "plex-tv"
        ? await fetch(`${child.url}/api/v2/pins`, {
            method: "POST",
            headers: { Accept: "application/json", "X-Plex-Client-Identifier": identity.clientIdentifier },
          })
        : await fetch(`${child.url}/identity`, { headers: { Accept: "application/json" } });
    expect(response.status).toBe(kind === "plex-tv" ? 201 : 200);
    await response.body?.cancel();
  };

  it.each(["//", "///", "/\\", "http://[/x", "http://%zz/", "//[::", "http://127.0.0.1:99999/api/v2/user"])(
    "a request target new URL() refuses (%s): 400",
    async (target) => {
      const answer = await raw(child.url, `GET ${target} HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n\r\n`);
      expect(answer).toMatch(/^HTTP\/1.1 400/);
      await stillServing();
    },
  );

  it("a malformed percent-escape in the path: 404", async () => {
    const answer = await raw(
      child.url,
      "GET /api/v2/pins/%E0%A4%A HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n\r\n",
    );
    expect(answer).toMatch(/^HTTP\/1.1 404/);
    await stillServing();
  });

  it("a client that hangs up in the middle of its body", async () => {
    const head =
      "POST /api/v2/pins HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n";
    await raw(child.url, `${head}{"jwk":`, { hangUp: true });
    await stillServing();
  });

  it("a body over the cap: 413", async () => {
    const response = await fetch(`${child.url}/api/v2/pins`, {
      method: "POST",
      headers: { "X-Plex-Client-Identifier": "x", "Content-Type": "application/json" },
      body: JSON.stringify({ padding: "x".repeat(kind === "plex-tv" ? 10_000 : 2 * MiB) }),
    });
    expect(response.status).toBe(413);
    await response.body?.cancel();
    await stillServing();
  });
});

describe("what the stand-ins keep is bounded, whatever clients send", () => {
  it("plex.tv: thousands of failed sign-ins with 256 KiB names, PINs and nonces leave a few MiB", async () => {
    const child = await spawn(
      "plex-tv",
      { pinLifetimeSeconds: { strong: 1, short: 1 }, nonceLifetimeSeconds: 1 },
      { gc: true },
    );
    try {
      const headers = { Accept: "application/json", "X-Plex-Client-Identifier": "hostile" };
      // The request log full of small entries first: what is measured after is what the hostile ones add.
      await repeat(1000, 8, () => fetch(`${child.url}/api/v2/auth/keys`, { headers }).then((r) => r.text()));
      const before = await child.measure();

      const name = "n".repeat(256 * 1024);
      await repeat(400, 8, (i) =>
        fetch(`${child.url}/api/v2/users/signin`, {
          method: "POST",
          headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
          body: `login=${name}${i}&password=wrong`,
        }).then((r) => r.text()),
      );
      // Measured before other requests push the sign-ins out of the request log.
      const signedIn = await child.measure();
      expect(signedIn.heapUsed - before.heapUsed).toBeLessThan(16 * MiB);
      expect(signedIn.retained).toMatchObject({ failedSignIns: 1 });

      await repeat(3000, 8, () => fetch(`${child.url}/api/v2/pins`, { method: "POST", headers }).then((r) => r.text()));
      await repeat(3000, 8, () => fetch(`${child.url}/api/v2/auth/nonce`, { headers }).then((r) => r.text()));
      // Past their lifetime, the next PIN and nonce made sweep the expired ones away.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await fetch(`${child.url}/api/v2/pins`, { method: "POST", headers }).then((r) => r.text());
      await fetch(`${child.url}/api/v2/auth/nonce`, { headers }).then((r) => r.text());
      const after = await child.measure();

      expect(child.process.exitCode).toBeNull();
      // Kept forever, the names alone would be 100 MiB, and the log's bodies as much again.
      expect(after.heapUsed - before.heapUsed).toBeLessThan(16 * MiB);
      expect(after.retained).toMatchObject({ pins: 1, nonces: 1, failedSignIns: 1 });
      expect(after.retained.requests).toBeLessThanOrEqual(1000);
      expect(after.retained.requestLogBytes).toBeLessThanOrEqual(4 * MiB + 16 * 1024);
    } finally {
      child.process.disconnect();
    }
  }, 60_000);

  it("media server: thousands of requests with 14 KiB URLs leave a bounded log", async () => {
    const child = await spawn("media-server", { accessToken: "pms-token" }, { gc: true });
    try {
      await repeat(1000, 8, () => fetch(`${child.url}/identity`).then((r) => r.text()));
      const before = await child.measure();
      const padding = "p".repeat(14 * 1024);
      await repeat(3000, 8, (i) => fetch(`${child.url}/identity?${i}=${padding}`).then((r) => r.text()));
      const after = await child.measure();

      expect(child.process.exitCode).toBeNull();
      // Kept forever, the URLs alone would be 41 MiB.
      expect(after.heapUsed - before.heapUsed).toBeLessThan(16 * MiB);
      expect(after.retained.requests).toBeLessThan(1000);
      expect(after.retained.requestLogBytes).toBeLessThanOrEqual(4 * MiB + 16 * 1024);
    } finally {
      child.process.disconnect();
    }
  }, 60_000);
});
