// The connection race's rule, through findReachableConnection and connectToServer, against real servers on
// 127.0.0.1: the best-ranked connection that answers wins, a lower-ranked success waits at most `preferWithinMs` for
// better-ranked ones still trying, and a dead address never costs its timeout. Timings are only bounded far from
// what they are compared with (a wait that ends at once against one of a minute), so a loaded machine cannot flip them.

import { PlexTvNetworkError, type PlexConnection } from "../../../src";
import {
  connectToServer,
  findReachableConnection,
  ServerIdentityMismatchError,
  ServerUnreachableError,
  type ConnectionAttempt,
} from "../../../src/media-server";
import { refusedUri, startFakeMediaServer, type FakeMediaServerOptions } from "../../../src/testing";
import { connection } from "../../support/connections";
import { activeSockets, activeTimers, eventually } from "../../support/timers";
import { startBlackhole, startHangingServer, type SilentServer } from "./silent-servers";

const app = { clientIdentifier: "race-test-client", product: "Race Test" };
const TOKEN = "race-server-token";
const MINUTE = 60_000;

const fakes: Awaited<ReturnType<typeof startFakeMediaServer>>[] = [];
const silents: SilentServer[] = [];
afterEach(async () => {
  await Promise.all([...fakes.splice(0), ...silents.splice(0)].map((server) => server.close()));
});
const media = async (options: FakeMediaServerOptions = {}) => {
  const server = await startFakeMediaServer({ accessToken: TOKEN, machineIdentifier: "the-server", ...options });
  fakes.push(server);
  return server.uri;
};
const blackhole = async () => {
  const server = await startBlackhole();
  silents.push(server);
  return server;
};

// As plex.tv lists them: 127.0.0.1 is a local address to connection(); the flags say what each one stands for.
const lan = (uri: string) => connection(uri);
const remote = (uri: string) => connection(uri, { local: false });
const relay = (uri: string) => connection(uri, { local: false, relay: true });
const home = (connections: PlexConnection[]) => ({
  name: "Home",
  clientIdentifier: "the-server",
  accessToken: TOKEN,
  connections,
});

const outcomes = (attempts: readonly ConnectionAttempt[]) =>
  attempts.map(({ connection, outcome }) => [connection.uri, outcome]);

/** No socket on the client's side, no timer but the stand-ins' own delayed answers: the count settles within 2 s. */
async function expectNothingLeft(timersBefore: number) {
  const serverEnds = () =>
    fakes.reduce((sum, s) => sum + s.openSockets(), 0) + silents.reduce((sum, s) => sum + s.openSockets(), 0);
  expect(await eventually(() => activeSockets() === serverEnds(), 2000)).toBe(true);
  const standInTimers = () => fakes.reduce((sum, s) => sum + s.pendingAnswers(), 0);
  expect(await eventually(() => activeTimers() - standInTimers() <= timersBefore, 2000)).toBe(true);
}

const since = (start: number) => performance.now() - start;

describe("the race: the best connection that answers, never waiting out a dead one", () => {
  it("LAN late: the LAN answering after the relay wins; the relay is reported as lost, and nothing is left", async () => {
    const relayUri = await media();
    const lanUri = await media({ delayMs: 80 });
    const timersBefore = activeTimers();
    // The relay listed first: the race ranks the connections itself.
    const found = await findReachableConnection(home([relay(relayUri), lan(lanUri)]), { preferWithinMs: 5000 });
    expect(found.uri).toBe(lanUri);
    expect(outcomes(found.attempts)).toEqual([
      [lanUri, "won"],
      [relayUri, "lost"],
    ]);
    const [won, lost] = found.attempts;
    expect(lost!.elapsedMs).toBeLessThan(won!.elapsedMs);
    expect(won!.elapsedMs).toBeGreaterThanOrEqual(75);
    // A copy of the connection as listed: `attempts` does not travel with a spread or JSON.
    expect({ ...found }).toEqual(lan(lanUri));
    expect(JSON.parse(JSON.stringify(found))).toEqual(lan(lanUri));
    await expectNothingLeft(timersBefore);
  });

  it("LAN dead (a blackhole): the relay wins when the default grace of 1000 ms is over, not at the timeout", async () => {
    const hole = await blackhole();
    const relayUri = await media();
    const timersBefore = activeTimers();
    const start = performance.now();
    const found = await findReachableConnection(home([lan(hole.uri), relay(relayUri)]), { timeoutMs: MINUTE });
    const took = since(start);
    expect(found.uri).toBe(relayUri);
    expect(outcomes(found.attempts)).toEqual([
      [hole.uri, "aborted"],
      [relayUri, "won"],
    ]);
    expect(took).toBeGreaterThanOrEqual(990); // timers may fire a millisecond early
    expect(took).toBeLessThan(MINUTE / 4);
    expect(found.attempts[0]!.elapsedMs).toBeGreaterThanOrEqual(990);
    // The blackhole was asked, and its socket was closed when the race ended.
    expect(hole.requests()).toBe(1);
    expect(await eventually(() => hole.openRequests() === 0)).toBe(true);
    await expectNothingLeft(timersBefore);
  });

  it("preferWithinMs: 0: the first to answer wins, whatever its rank", async () => {
    const relayUri = await media();
    const lanUri = await media({ delayMs: 1500 });
    const found = await findReachableConnection(home([lan(lanUri), relay(relayUri)]), { preferWithinMs: 0 });
    expect(found.uri).toBe(relayUri);
    expect(outcomes(found.attempts)).toEqual([
      [lanUri, "aborted"],
      [relayUri, "won"],
    ]);
  });

  it("the best-ranked success within the window wins: remote over relay while the LAN stays silent", async () => {
    const hole = await blackhole();
    const relayUri = await media();
    const remoteUri = await media({ delayMs: 100 });
    const timersBefore = activeTimers();
    const found = await findReachableConnection(home([relay(relayUri), remote(remoteUri), lan(hole.uri)]), {
      preferWithinMs: 2000,
      timeoutMs: MINUTE,
    });
    expect(found.uri).toBe(remoteUri);
    expect(outcomes(found.attempts)).toEqual([
      [hole.uri, "aborted"],
      [remoteUri, "won"],
      [relayUri, "lost"],
    ]);
    // The window starts at the first success and is never extended: the remote won at the relay's answer + 2 s.
    expect(found.attempts[0]!.elapsedMs).toBeLessThan(found.attempts[2]!.elapsedMs + 2000 + 1000);
    await expectNothingLeft(timersBefore);
  });

  it("a better-ranked failure ends the wait at once: a refused LAN does not hold the relay for its grace", async () => {
    const relayUri = await media();
    const refused = await refusedUri();
    const start = performance.now();
    const found = await findReachableConnection(home([lan(refused), relay(relayUri)]), {
      preferWithinMs: MINUTE,
      timeoutMs: MINUTE,
    });
    expect(since(start)).toBeLessThan(MINUTE / 4);
    expect(found.uri).toBe(relayUri);
    const [failed] = found.attempts;
    expect(failed).toMatchObject({ outcome: "failed", connection: { uri: refused } });
    expect(failed!.error).toBeInstanceOf(PlexTvNetworkError);
  });

  it("ranks as getServers does: https before http; equal ranks go to whichever answers first", async () => {
    const slowHttp = await media({ delayMs: 300 });
    const fastHttp = await media();
    const start = performance.now();
    // Two local http connections rank alike: the later one in the list answers first and wins, with no wait.
    const equal = await findReachableConnection(home([lan(slowHttp), lan(fastHttp)]), { preferWithinMs: MINUTE });
    expect(equal.uri).toBe(fastHttp);
    expect(since(start)).toBeLessThan(MINUTE / 4);
    // A connection plex.tv lists as https ranks above http (getServers' rule reads `protocol` too), so the fast http
    // one waits for it.
    const secure = connection(slowHttp, { protocol: "https" });
    const ranked = await findReachableConnection(home([lan(fastHttp), secure]), { preferWithinMs: MINUTE });
    expect(ranked.uri).toBe(slowHttp);
    expect(outcomes(ranked.attempts)).toEqual([
      [slowHttp, "won"],
      [fastHttp, "lost"],
    ]);
  });

  it("the race's deadline caps the grace: a held success still wins at timeoutMs", async () => {
    const hole = await blackhole();
    const relayUri = await media();
    const found = await findReachableConnection(home([lan(hole.uri), relay(relayUri)]), {
      preferWithinMs: MINUTE,
      timeoutMs: 500,
    });
    expect(found.uri).toBe(relayUri);
    expect(await eventually(() => hole.openRequests() === 0)).toBe(true);
  });

  it("an abort during the grace rejects with the signal's reason; the held answer is told as lost", async () => {
    const hole = await blackhole();
    const relayUri = await media();
    const controller = new AbortController();
    const reason = new Error("the user went back");
    // Aborts once the relay's answer has been read whole, so the race is holding it.
    const fetchThenAbort = async (request: Request) => {
      const answer = await fetch(request);
      if (!request.url.startsWith(relayUri)) return answer;
      const text = await answer.text();
      let pulls = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(stream) {
          if (pulls++ === 0) return stream.enqueue(new TextEncoder().encode(text));
          stream.close();
          setTimeout(() => controller.abort(reason), 50);
        },
      });
      return new Response(body, { status: answer.status, headers: answer.headers });
    };
    const told: ConnectionAttempt[] = [];
    const timersBefore = activeTimers();
    const racing = findReachableConnection(home([lan(hole.uri), relay(relayUri)]), {
      preferWithinMs: MINUTE,
      timeoutMs: MINUTE,
      signal: controller.signal,
      fetch: fetchThenAbort,
      onAttempt: (attempt) => told.push(attempt),
    });
    await expect(racing).rejects.toBe(reason);
    expect(outcomes(told)).toEqual([
      [hole.uri, "aborted"],
      [relayUri, "lost"],
    ]);
    expect(await eventually(() => hole.openRequests() === 0)).toBe(true);
    await expectNothingLeft(timersBefore);
  });

  it("every connection fails: ServerUnreachableError, and each failure is told to onAttempt as it happens", async () => {
    const uris = [await refusedUri(), await refusedUri(), await refusedUri()];
    const told: ConnectionAttempt[] = [];
    const error = await findReachableConnection(home([lan(uris[0]!), remote(uris[1]!), relay(uris[2]!)]), {
      onAttempt: (attempt) => told.push(attempt),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerUnreachableError);
    expect((error as Error).message).toBe("Home: none of its 3 connections answered");
    expect(told).toHaveLength(3);
    for (const attempt of told) {
      expect(attempt.outcome).toBe("failed");
      expect(attempt.error).toBeInstanceOf(PlexTvNetworkError);
      expect(attempt.elapsedMs).toBeGreaterThan(0);
    }
  });

  it("a relay that sends its headers and then hangs mid-body: the LAN wins; alone, it ends at the deadline", async () => {
    const hanging = await startHangingServer();
    silents.push(hanging);
    const lanUri = await media({ delayMs: 100 });
    const timersBefore = activeTimers();
    const found = await findReachableConnection(home([relay(hanging.uri), lan(lanUri)]), { timeoutMs: MINUTE });
    expect(found.uri).toBe(lanUri);
    expect(outcomes(found.attempts)).toEqual([
      [lanUri, "won"],
      [hanging.uri, "aborted"],
    ]);
    expect(await eventually(() => hanging.openRequests() === 0)).toBe(true);
    const alone = await findReachableConnection(home([relay(hanging.uri)]), { timeoutMs: 300 }).catch((e) => e);
    expect(alone).toBeInstanceOf(ServerUnreachableError);
    expect(alone.message).toBe("Home: no connection answered within 300 ms");
    expect(await eventually(() => hanging.openRequests() === 0)).toBe(true);
    await expectNothingLeft(timersBefore);
  });

  it("thousands of connections: 2000 refused LAN addresses and a live relay, kept once the last LAN one fails", async () => {
    const refused = await refusedUri();
    const relayUri = await media();
    const connections = [
      ...Array.from({ length: 2000 }, (_, index) => lan(`${refused}/lan-${index}`)),
      relay(relayUri),
    ];
    let told = 0;
    const timersBefore = activeTimers();
    const start = performance.now();
    const found = await findReachableConnection(home(connections), {
      preferWithinMs: MINUTE,
      timeoutMs: MINUTE,
      onAttempt: () => told++,
    });
    expect(since(start)).toBeLessThan(MINUTE / 4);
    expect(found.uri).toBe(relayUri);
    expect(told).toBe(2001);
    expect(found.attempts.filter((attempt) => attempt.outcome === "failed")).toHaveLength(2000);
    expect(found.attempts.at(-1)).toMatchObject({ outcome: "won", connection: { uri: relayUri } });
    await expectNothingLeft(timersBefore);
  });

  it("an onAttempt that throws ends the race with its error, leaving nothing behind", async () => {
    const refused = await refusedUri();
    const slowUri = await media({ delayMs: 2000 });
    const oops = new Error("the logger broke");
    const timersBefore = activeTimers();
    const racing = findReachableConnection(home([lan(refused), relay(slowUri)]), {
      onAttempt: () => {
        throw oops;
      },
    });
    await expect(racing).rejects.toBe(oops);
    await expectNothingLeft(timersBefore);
  });

  it("clears its grace and deadline timers however the race ends (the timers found by their unusual delays)", async () => {
    const GRACE = 4321;
    const DEADLINE = 54_321;
    const setSpy = jest.spyOn(globalThis, "setTimeout");
    const clearSpy = jest.spyOn(globalThis, "clearTimeout");
    const ours = () =>
      setSpy.mock.results.filter((_, index) => [GRACE, DEADLINE].includes(setSpy.mock.calls[index]![1] as number));
    try {
      const hole = await blackhole();
      const relayUri = await media();
      const lateLanUri = await media({ delayMs: 80 });
      const options = { preferWithinMs: GRACE, timeoutMs: DEADLINE };
      // A better answer during the grace; the deadline during the grace; an abort during the grace; all failed.
      await findReachableConnection(home([relay(relayUri), lan(lateLanUri)]), options);
      await findReachableConnection(home([relay(relayUri), lan(hole.uri)]), { ...options, timeoutMs: 300 });
      const controller = new AbortController();
      const aborted = findReachableConnection(home([relay(relayUri), lan(hole.uri)]), {
        ...options,
        signal: controller.signal,
        onAttempt: () => {},
      });
      setTimeout(() => controller.abort(), 300);
      await expect(aborted).rejects.toThrow();
      await expect(findReachableConnection(home([lan(await refusedUri())]), options)).rejects.toThrow(
        ServerUnreachableError,
      );
      // Three deadlines (the second was 300 ms), and a grace in each of the first three races.
      expect(setSpy.mock.calls.filter(([, delay]) => delay === GRACE)).toHaveLength(3);
      expect(ours().length).toBe(6);
      const cleared = new Set(clearSpy.mock.calls.map(([handle]) => handle));
      for (const timer of ours()) expect(cleared.has(timer.value)).toBe(true);
    } finally {
      setSpy.mockRestore();
      clearSpy.mockRestore();
    }
  });

  it("refuses a preferWithinMs that is not a delay, and an onAttempt that is not a function", () => {
    const server = home([lan("http://127.0.0.1:9")]);
    for (const preferWithinMs of [-1, Number.NaN, Infinity, 2 ** 31, "100" as unknown as number]) {
      expect(() => findReachableConnection(server, { preferWithinMs })).toThrow(
        new TypeError("findReachableConnection: `preferWithinMs` must be 0 or more, at most 2^31-1 ms"),
      );
    }
    expect(() => connectToServer(server, { ...app, preferWithinMs: -5 })).toThrow(/connectToServer: `preferWithinMs`/);
    expect(() => findReachableConnection(server, { onAttempt: "log" as unknown as () => void })).toThrow(
      "findReachableConnection: `onAttempt` must be a function",
    );
  });
});

describe("connectToServer's race", () => {
  it("an impostor answering fastest from the best-ranked address never wins; the server's remote does, at once", async () => {
    const impostorUri = await media({ machineIdentifier: "someone-else" });
    const remoteUri = await media({ delayMs: 50 });
    const relayUri = await media();
    const timersBefore = activeTimers();
    const start = performance.now();
    const session = await connectToServer(home([relay(relayUri), remote(remoteUri), lan(impostorUri)]), {
      ...app,
      preferWithinMs: MINUTE,
    });
    expect(since(start)).toBeLessThan(MINUTE / 4);
    expect(session.connection.uri).toBe(remoteUri);
    expect(session.client.baseUrl).toBe(remoteUri);
    expect(outcomes(session.attempts)).toEqual([
      [impostorUri, "failed"],
      [remoteUri, "won"],
      [relayUri, "lost"],
    ]);
    expect(session.attempts[0]!.error).toBeInstanceOf(ServerIdentityMismatchError);
    await expectNothingLeft(timersBefore);
  });

  it("LAN late: keeps the LAN over the relay that answered first, and tells onAttempt each outcome", async () => {
    const relayUri = await media();
    const lanUri = await media({ delayMs: 80 });
    const told: ConnectionAttempt[] = [];
    const session = await connectToServer(home([relay(relayUri), lan(lanUri)]), {
      ...app,
      preferWithinMs: 5000,
      onAttempt: (attempt) => told.push(attempt),
    });
    expect(session.connection.uri).toBe(lanUri);
    expect(told).toEqual(session.attempts);
    expect(outcomes(told)).toEqual([
      [lanUri, "won"],
      [relayUri, "lost"],
    ]);
  });

  it("an impostor answers and the server's own address is a blackhole: unreachable at the deadline", async () => {
    const hole = await blackhole();
    const impostorUri = await media({ machineIdentifier: "someone-else" });
    const error = await connectToServer(home([lan(hole.uri), relay(impostorUri)]), { ...app, timeoutMs: 300 }).catch(
      (e: unknown) => e,
    );
    // The blackhole is still trying at the deadline: the race ends unreachable, not with the impostor's mismatch.
    expect(error).toBeInstanceOf(ServerUnreachableError);
    expect((error as Error).message).toBe("Home: no connection answered within 300 ms");
    expect(await eventually(() => hole.openRequests() === 0)).toBe(true);
  });
});
