import type { FakePlexTv } from "../../../src/testing";
import {
  createPin,
  PinExpiredError,
  PlexTvError,
  PlexTvNetworkError,
  RateLimitedError,
  UnexpectedResponseError,
  waitForAuthToken,
  type PollEvent,
} from "../../../src";
import { backoffDelay, isTransient } from "../../../src/transport/backoff";
import { clientFor, standIn, useStandIn } from "../../support/stand-in";
import { activeTimers } from "../../support/timers";

const intervalMs = 50;
const checks = (server: FakePlexTv) => server.requests.filter((r) => r.route === "GET /api/v2/pins/{pinID}");

describe("waitForAuthToken", () => {
  const env = useStandIn();

  it("resolves with the token once a strong PIN is approved", async () => {
    const plex = clientFor(env.server);
    const pin = await createPin(plex, { strong: true });
    const timer = setTimeout(() => env.server.approve(pin.id, "token-strong"), 120);
    const result = await waitForAuthToken(plex, pin, { intervalMs });
    clearTimeout(timer);
    expect(result.authToken).toBe("token-strong");
    expect(result.pin.id).toBe(pin.id);
  });

  it("resolves for a 4-character PIN", async () => {
    const plex = clientFor(env.server);
    const pin = await createPin(plex, { strong: false });
    env.server.approve(pin.code, "token-short");
    await expect(waitForAuthToken(plex, pin, { intervalMs })).resolves.toMatchObject({ authToken: "token-short" });
  });

  it("sees an approval on the very next check", async () => {
    const plex = clientFor(env.server);
    const pin = await createPin(plex);
    const events: PollEvent[] = [];
    const result = await waitForAuthToken(plex, pin, {
      intervalMs,
      onPoll: (event) => {
        events.push(event);
        if (event.attempt === 3) env.server.approve(pin.id, "approved-after-3");
      },
    });
    expect(result.authToken).toBe("approved-after-3");
    expect(checks(env.server)).toHaveLength(4);
    expect(events.map((e) => [e.attempt, e.status])).toEqual([
      [1, 200],
      [2, 200],
      [3, 200],
      [4, 200],
    ]);
    expect(events[0]!.remainingMs).toBeGreaterThan(1_700_000);
  });

  it("sends no more than elapsed/interval + 2 requests", async () => {
    const plex = clientFor(env.server);
    const pin = await createPin(plex);
    const started = Date.now();
    const timer = setTimeout(() => env.server.approve(pin.id), 600);
    await waitForAuthToken(plex, pin, { intervalMs });
    clearTimeout(timer);
    const elapsed = Date.now() - started;
    expect(checks(env.server).length).toBeLessThanOrEqual(elapsed / intervalMs + 2);
    expect(checks(env.server).length).toBeGreaterThanOrEqual(5);
  });

  it("retries three 503s, then succeeds", async () => {
    const plex = clientFor(env.server);
    const pin = await createPin(plex);
    env.server.approve(pin.id, "after-503s");
    env.server.fault("GET /api/v2/pins/{pinID}", { kind: "status", status: 503 }, 3);
    const statuses: (number | undefined)[] = [];
    const result = await waitForAuthToken(plex, pin, { intervalMs, onPoll: (e) => statuses.push(e.status) });
    expect(result.authToken).toBe("after-503s");
    expect(statuses).toEqual([503, 503, 503, 200]);
    const times = checks(env.server).map((r) => r.receivedAt);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(intervalMs - 5);
  });

  it("retries a connection reset", async () => {
    const plex = clientFor(env.server);
    const pin = await createPin(plex);
    env.server.approve(pin.id, "after-reset");
    env.server.fault("GET /api/v2/pins/{pinID}", { kind: "reset" });
    const statuses: (number | undefined)[] = [];
    await expect(
      waitForAuthToken(plex, pin, { intervalMs, onPoll: (e) => statuses.push(e.status) }),
    ).resolves.toMatchObject({ authToken: "after-reset" });
    expect(statuses).toEqual([undefined, 200]);
  });

  it.each([
    ["seconds", "1"],
    ["an HTTP date", "date"],
  ])("waits as long as a 429's Retry-After in %s says", async (_, form) => {
    const plex = clientFor(env.server);
    const pin = await createPin(plex);
    env.server.approve(pin.id);
    const retryAfter = form === "date" ? new Date(Date.now() + 2000).toUTCString() : form;
    env.server.fault("GET /api/v2/pins/{pinID}", { kind: "rateLimit", retryAfter });
    const events: PollEvent[] = [];
    await waitForAuthToken(plex, pin, { intervalMs, onPoll: (e) => events.push(e) });
    expect(events[0]!.error).toBeInstanceOf(RateLimitedError);
    const [limited, next] = checks(env.server);
    // An HTTP date has one-second resolution, so it may say a little under two seconds.
    expect(next!.receivedAt - limited!.receivedAt).toBeGreaterThanOrEqual(950);
  });

  it("rejects with PinExpiredError at expiry, sending nothing after it", async () => {
    const short = await standIn({ pinLifetimeSeconds: { strong: 1 } });
    try {
      const sentAt: number[] = [];
      const plex = clientFor(short, { fetch: (request, init) => (sentAt.push(Date.now()), fetch(request, init)) });
      const pin = await createPin(plex);
      const error = await waitForAuthToken(plex, pin, { intervalMs: 200 }).catch((e) => e);
      expect(error).toBeInstanceOf(PinExpiredError);
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(pin.expiresAt));
      expect(sentAt.length).toBeGreaterThanOrEqual(5);
      // Each check is decided before expiry; the send itself follows within a millisecond or two.
      for (const time of sentAt) expect(time).toBeLessThanOrEqual(Date.parse(pin.expiresAt) + 5);
    } finally {
      await short.close();
    }
  });

  it("rejects with PinExpiredError on 404/1020 from a client identifier mismatch", async () => {
    const pin = await createPin(clientFor(env.server));
    const other = clientFor(env.server, { clientIdentifier: "a-different-installation" });
    const error = await waitForAuthToken(other, pin, { intervalMs }).catch((e) => e);
    expect(error).toBeInstanceOf(PinExpiredError);
    expect(error).toMatchObject({ status: 404, code: 1020 });
    expect(checks(env.server)).toHaveLength(1);
  });

  it("carries the last failure as cause when the PIN expires during failures", async () => {
    const short = await standIn({ pinLifetimeSeconds: { strong: 1 } });
    try {
      const plex = clientFor(short);
      const pin = await createPin(plex);
      short.fault("GET /api/v2/pins/{pinID}", { kind: "status", status: 503 }, 1000);
      const error = await waitForAuthToken(plex, pin, { intervalMs }).catch((e) => e);
      expect(error).toBeInstanceOf(PinExpiredError);
      expect(error.cause).toBeInstanceOf(PlexTvError);
      expect(error.cause.status).toBe(503);
      // Backoff: fewer checks than one per interval.
      expect(checks(short).length).toBeLessThan(1000 / intervalMs);
    } finally {
      await short.close();
    }
  });

  it("fails at once on an XML answer and on other 4xx answers", async () => {
    const plex = clientFor(env.server);
    const pin = await createPin(plex);
    env.server.fault("GET /api/v2/pins/{pinID}", { kind: "body", body: "xml" });
    await expect(waitForAuthToken(plex, pin, { intervalMs })).rejects.toThrow(UnexpectedResponseError);
    env.server.fault("GET /api/v2/pins/{pinID}", { kind: "status", status: 403 });
    await expect(waitForAuthToken(plex, pin, { intervalMs })).rejects.toMatchObject({ status: 403 });
    expect(checks(env.server)).toHaveLength(2);
  });

  it("rejects at once with the signal's reason on abort, sends nothing more and leaves no timer", async () => {
    const plex = clientFor(env.server);
    const pin = await createPin(plex);
    const timersBefore = activeTimers();
    const controller = new AbortController();
    const reason = new Error("user cancelled");
    const waiting = waitForAuthToken(plex, pin, {
      intervalMs: 10_000,
      signal: controller.signal,
      onPoll: () => setImmediate(() => controller.abort(reason)),
    });
    await expect(waiting).rejects.toBe(reason);
    const sent = checks(env.server).length;
    expect(sent).toBe(1);
    expect(activeTimers()).toBeLessThanOrEqual(timersBefore); // undici's own timers come and go
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(checks(env.server)).toHaveLength(sent);
  });

  it("rejects with the abort reason, not expiry, when the signal was aborted before the call", async () => {
    const reason = new Error("gave up earlier");
    const expired = { id: 1, expiresAt: new Date(Date.now() - 1000).toISOString() };
    await expect(waitForAuthToken(clientFor(env.server), expired, { signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );
    expect(env.server.requests).toHaveLength(0);
  });

  it("aborts a check in flight", async () => {
    const plex = clientFor(env.server);
    const pin = await createPin(plex);
    env.server.fault("GET /api/v2/pins/{pinID}", { kind: "delay", ms: 5000 });
    const signal = AbortSignal.timeout(100);
    const error = await waitForAuthToken(plex, pin, { intervalMs, signal }).catch((e) => e);
    expect(error).toBe(signal.reason);
  });
});

describe("backoffDelay", () => {
  const samples = (failures: number) =>
    Array.from({ length: 500 }, () => backoffDelay(failures, new Error(), 1000, 30_000));

  it("grows exponentially with jitter, never below the interval, capped", () => {
    // After n failures: between half and all of min(cap, interval × 2^n), and never below the interval.
    for (const [failures, low, high] of [
      [1, 1000, 2000],
      [3, 4000, 8000],
      [4, 8000, 16_000],
      [20, 15_000, 30_000],
    ] as const) {
      const delays = samples(failures);
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(low);
      expect(Math.max(...delays)).toBeLessThanOrEqual(high);
      // Jitter: the delays spread over the range instead of all being equal.
      expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan((high - low) / 2);
    }
  });
  it("honours Retry-After, but never faster than the interval", () => {
    expect(backoffDelay(1, new RateLimitedError("x", { retryAfterMs: 5000 }), 1000, 30_000)).toBe(5000);
    expect(backoffDelay(1, new RateLimitedError("x", { retryAfterMs: 0 }), 1000, 30_000)).toBe(1000);
  });
});

describe("isTransient", () => {
  it.each([
    [new PlexTvError("x", { status: 503 }), true],
    [new PlexTvError("x", { status: 500 }), true],
    [new PlexTvError("x", { status: 408 }), true],
    [new RateLimitedError("x", { status: 429 }), true],
    [new PlexTvNetworkError("x"), true],
    [new PlexTvError("x", { status: 403 }), false],
    [new PlexTvError("x", { status: 400 }), false],
    [new PlexTvError("x"), false],
  ])("%s → %s", (error, transient) => {
    expect(isTransient(error)).toBe(transient);
  });
});
