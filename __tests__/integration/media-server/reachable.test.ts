// findReachableConnection against media-server stand-ins on 127.0.0.1, and where a server's token may travel.

import type { PlexConnection } from "../../../src";
import { findReachableConnection, ServerUnreachableError } from "../../../src/media-server";
import { refusedUri, startFakeMediaServer } from "../../../src/testing";
import { connection } from "../../support/connections";
import { answer, startPlainServer } from "../../support/plain-server";
import { activeSockets, activeTimers, eventually } from "../../support/timers";
import { closedAfterEach } from "../../support/closed-after-each";

describe("findReachableConnection", () => {
  const start = closedAfterEach(startFakeMediaServer);
  const servers = start.started;

  it("picks the fastest live connection and leaves no socket or timer open", async () => {
    const timersBefore = activeTimers();
    // Sockets an earlier test file left in this worker, closing late, are not this race's.
    const socketsBefore = activeSockets();
    // The losers answer long after the checks below have had their time (a loaded machine closes sockets late).
    const slow = await start({ delayMs: 5000, accessToken: "pms-token" });
    const fast = await start({ delayMs: 30, accessToken: "pms-token" });
    const slower = await start({ delayMs: 8000, accessToken: "pms-token" });
    const refused = await refusedUri();
    const server = {
      name: "Living Room",
      accessToken: "pms-token",
      connections: [connection(slow.uri), connection(refused), connection(fast.uri), connection(slower.uri)],
    };
    const winner = await findReachableConnection(server, { timeoutMs: 10_000 });
    expect(winner.uri).toBe(fast.uri);
    expect(fast.requests[0]!.headers["x-plex-token"]).toBe("pms-token");
    expect(fast.requests[0]!.url).toBe("/identity");
    // The losers were aborted: no socket on the client's side keeps the process alive (every one left is a
    // stand-in's end, still waiting to answer), and no timer is left.
    const serverEnds = () => servers.reduce((sum, s) => sum + s.openSockets(), 0);
    expect(await eventually(() => activeSockets() - serverEnds() <= socketsBefore, 3000)).toBe(true);
    // The stand-ins' delayed answers hold timers in this process too (until undici closes the aborted sockets,
    // which it may do at once or only later); none may be left on the client's side.
    // Undici's own timers come and go (under load, one may still be armed at the first look): the count must settle
    // within seconds, long before the race's own 10 s timer would have fired had it leaked.
    const standInTimers = () => servers.reduce((sum, s) => sum + s.pendingAnswers(), 0);
    expect(await eventually(() => activeTimers() - standInTimers() <= timersBefore, 3000)).toBe(true);
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
    const socketsBefore = activeSockets();
    const slow = await start({ delayMs: 8000 });
    const error = await findReachableConnection(
      { name: "Slow", connections: [connection(slow.uri)] },
      { timeoutMs: 100 },
    ).catch((e) => e);
    expect(error).toBeInstanceOf(ServerUnreachableError);
    expect(error.message).toMatch(/within 100 ms/);
    expect(await eventually(() => activeSockets() - slow.openSockets() <= socketsBefore, 3000)).toBe(true);
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
