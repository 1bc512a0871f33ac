// login() rides out transient failures while creating the PIN, as it does while polling: network errors, 5xx and
// 429 (with Retry-After), within PIN_CREATE_ATTEMPTS tries and the caller's signal; anything else fails at once.

import { login, PlexTvError, PlexTvNetworkError, RateLimitedError } from "../../../src";
import { PIN_CREATE_ATTEMPTS } from "../../../src/flows/login";
import { clientFor, useStandIn } from "../../support/stand-in";

describe("login, creating the PIN", () => {
  const env = useStandIn();
  const creates = () => env.server.requests.filter((r) => r.route === "POST /api/v2/pins");
  const signIn = (options: { signal?: AbortSignal } = {}) =>
    login(clientFor(env.server, { timeoutMs: 500 }), {
      intervalMs: 10,
      maxBackoffMs: 40,
      onVerification: ({ pin }) => void env.server.approve(pin.id, "patient-token"),
      ...options,
    });

  it.each([
    ["a 502 and a reset", [{ kind: "status", status: 502 }, { kind: "reset" }], ["status", "reset"]],
    ["a 429 and a 503", [{ kind: "rateLimit" }, { kind: "status", status: 503 }], ["rateLimit", "status"]],
  ] as const)("retries %s, then signs in", async (_, faults, seen) => {
    for (const fault of faults) env.server.fault("POST /api/v2/pins", fault);
    await expect(signIn()).resolves.toMatchObject({ authToken: "patient-token" });
    expect(creates().map((r) => r.fault ?? r.status)).toEqual([...seen, 201]);
  });

  it("waits as long as a 429's Retry-After says (capped at maxBackoffMs)", async () => {
    env.server.fault("POST /api/v2/pins", { kind: "rateLimit", retryAfter: 1 });
    const started = Date.now();
    const result = await login(clientFor(env.server), {
      intervalMs: 10,
      maxBackoffMs: 2000,
      onVerification: ({ pin }) => void env.server.approve(pin.id),
    });
    expect(result.authToken).toEqual(expect.any(String));
    const [first, second] = creates();
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it(`gives up after ${PIN_CREATE_ATTEMPTS} tries, with the last failure`, async () => {
    env.server.fault("POST /api/v2/pins", { kind: "status", status: 503 }, PIN_CREATE_ATTEMPTS);
    const error = await signIn().catch((e) => e);
    expect(error).toBeInstanceOf(PlexTvError);
    expect(error.status).toBe(503);
    expect(creates()).toHaveLength(PIN_CREATE_ATTEMPTS);
  });

  it("fails at once on an answer that will not change (400), calling onVerification never", async () => {
    env.server.fault("POST /api/v2/pins", { kind: "status", status: 400 });
    await expect(signIn()).rejects.toMatchObject({ status: 400 });
    expect(creates()).toHaveLength(1);
  });

  it("stops retrying when the caller's signal aborts, in flight or asleep", async () => {
    env.server.fault("POST /api/v2/pins", { kind: "reset" });
    env.server.fault("POST /api/v2/pins", { kind: "delay", ms: 1000 }); // the retry, still in flight at the abort
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("cancelled")), 200);
    await expect(
      login(clientFor(env.server), {
        intervalMs: 30,
        maxBackoffMs: 30,
        signal: controller.signal,
        onVerification() {},
      }),
    ).rejects.toThrow("cancelled");
    expect(creates()).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(creates()).toHaveLength(2);
  });

  it("classes: a reset is a PlexTvNetworkError and a 429 a RateLimitedError (what the retry rides out)", async () => {
    env.server.fault("POST /api/v2/pins", { kind: "reset" }, PIN_CREATE_ATTEMPTS);
    expect(await signIn().catch((e) => e)).toBeInstanceOf(PlexTvNetworkError);
    env.server.fault("POST /api/v2/pins", { kind: "rateLimit" }, PIN_CREATE_ATTEMPTS);
    expect(await signIn().catch((e) => e)).toBeInstanceOf(RateLimitedError);
  });
});
