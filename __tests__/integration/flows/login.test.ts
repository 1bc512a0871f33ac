import { inspect } from "node:util";
import { createPlexTvClient, login, PinExpiredError, PlexTvError, type Verification } from "../../../src";
import { clientFor, identity, standIn, useStandIn } from "../../support/stand-in";

describe("login", () => {
  const env = useStandIn();

  it("signs in with a strong PIN: one onVerification with the auth app URL, then the token", async () => {
    const plex = clientFor(env.server);
    const seen: Verification[] = [];
    const result = await login(plex, {
      intervalMs: 20,
      onVerification: (verification) => {
        seen.push(verification);
        setTimeout(() => env.server.approve(verification.pin.id, "strong-login-token"), 50);
      },
    });
    expect(result.authToken).toBe("strong-login-token");
    expect(seen).toHaveLength(1);
    const [v] = seen;
    expect(v!.url).toMatch(/^https:\/\/app\.plex\.tv\/auth#\?clientID=/);
    expect(v!.url).toContain(`code=${v!.code}`);
    expect(v!.code).toHaveLength(25);
    expect(v!.qr).toBe(`https://plex.tv/api/v2/pins/qr/${v!.code}`);
    expect(v!.linkUrl).toBe(`https://plex.tv/link/?pin=${v!.code}`);
    expect(Date.parse(v!.expiresAt)).toBeGreaterThan(Date.now());
  });

  it("with authAppBaseUrl, the URL is the stand-in's auth page, and what its Approve button sends signs in", async () => {
    const plex = clientFor(env.server);
    const result = await login(plex, {
      intervalMs: 20,
      authAppBaseUrl: env.server.authAppUrl,
      onVerification: async ({ url }) => {
        expect(url.startsWith(`${env.server.authAppUrl}#?clientID=`)).toBe(true);
        expect((await fetch(url)).status).toBe(200);
        const code = new URLSearchParams(new URL(url).hash.slice(2)).get("code")!;
        const approve = await fetch(new URL("/__standin/approve", url), {
          method: "POST",
          body: new URLSearchParams({ code }),
        });
        expect(approve.ok).toBe(true);
      },
    });
    expect(result.authToken).toMatch(/^standin-/);
  });

  it("signs in with a 4-character code and the link URL", async () => {
    const plex = clientFor(env.server);
    const result = await login(plex, {
      strong: false,
      intervalMs: 20,
      onVerification: ({ url, code }) => {
        expect(url).toBe(`https://plex.tv/link/?pin=${code}`);
        env.server.approve(code, "short-login-token");
      },
    });
    expect(result.authToken).toBe("short-login-token");
  });

  it("with renew, replaces an expired PIN and calls onVerification again", async () => {
    const short = await standIn({ pinLifetimeSeconds: { strong: 0.3 } });
    try {
      const plex = clientFor(short);
      const codes: string[] = [];
      const result = await login(plex, {
        renew: true,
        intervalMs: 50,
        onVerification: ({ code }) => {
          codes.push(code);
          if (codes.length === 3) short.approve(code, "third-time-lucky");
        },
      });
      expect(result.authToken).toBe("third-time-lucky");
      expect(new Set(codes).size).toBe(3);
    } finally {
      await short.close();
    }
  });

  it("with renew, stops after maxPins", async () => {
    const short = await standIn({ pinLifetimeSeconds: { strong: 0.2 } });
    try {
      let calls = 0;
      const attempt = login(clientFor(short), {
        renew: true,
        maxPins: 2,
        intervalMs: 50,
        onVerification: () => void calls++,
      });
      await expect(attempt).rejects.toThrow(PinExpiredError);
      expect(calls).toBe(2);
    } finally {
      await short.close();
    }
  });

  it("without renew, fails with PinExpiredError on the first expiry", async () => {
    const short = await standIn({ pinLifetimeSeconds: { strong: 0.2 } });
    try {
      let calls = 0;
      await expect(login(clientFor(short), { intervalMs: 50, onVerification: () => void calls++ })).rejects.toThrow(
        PinExpiredError,
      );
      expect(calls).toBe(1);
    } finally {
      await short.close();
    }
  });

  it("100 sign-ins at once against one stand-in each get exactly their own token", async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => {
        const plex = clientFor(env.server, { clientIdentifier: `installation-${i}` });
        return login(plex, {
          intervalMs: 25,
          onVerification: ({ pin }) => {
            setTimeout(() => env.server.approve(pin.id, `token-of-${i}`), 10 + ((i * 7) % 50));
          },
        });
      }),
    );
    expect(results.map((r) => r.authToken)).toEqual(Array.from({ length: 100 }, (_, i) => `token-of-${i}`));
    expect(results.map((r) => r.pin.clientIdentifier)).toEqual(
      Array.from({ length: 100 }, (_, i) => `installation-${i}`),
    );
  });

  it("rejects with the abort reason when cancelled while waiting", async () => {
    const controller = new AbortController();
    const attempt = login(clientFor(env.server), {
      intervalMs: 20,
      signal: controller.signal,
      onVerification: () => void setTimeout(() => controller.abort(new Error("closed the dialog")), 30),
    });
    await expect(attempt).rejects.toThrow("closed the dialog");
  });

  it("requires onVerification", async () => {
    await expect(login(clientFor(env.server), {} as never)).rejects.toThrow(/onVerification/);
  });
});

describe("a token never leaks", () => {
  const env = useStandIn();
  const token = "super-secret-token-value-123";

  it("not into URLs the client requests", async () => {
    const plex = createPlexTvClient({ ...identity, baseUrl: env.server.url, token });
    await plex.GET("/api/v2/user").catch(() => {});
    await plex.GET("/api/v2/resources", { params: { query: { includeHttps: 1 } } });
    expect(env.server.requests.length).toBe(2);
    // The log redacts tokens in URLs: no token parameter there at all, and nothing else that holds it.
    for (const request of env.server.requests) expect(request.url).not.toMatch(new RegExp(`${token}|token=`, "i"));
  });

  it("not into errors: message, toString, inspect, JSON, cause", async () => {
    const plex = createPlexTvClient({ ...identity, baseUrl: env.server.url, token, timeoutMs: 100 });
    env.server.fault("*", { kind: "reset" });
    env.server.fault("GET /api/v2/user", { kind: "status", status: 500 });
    const errors: unknown[] = [];
    for (const route of ["/api/v2/user", "/api/v2/user", "/api/v2/user"] as const) {
      const result = await plex.GET(route).catch((e) => e);
      errors.push(result instanceof Error ? result : result.error);
    }
    env.server.fault("*", { kind: "delay", ms: 1000 });
    errors.push(await plex.GET("/api/v2/user").catch((e) => e));
    expect(errors.some((e) => e instanceof PlexTvError)).toBe(true);
    for (const error of errors) {
      const views = [String(error), inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error)];
      if (error instanceof Error) views.push(error.message, String(error.stack), inspect(error.cause, { depth: 10 }));
      for (const view of views) expect(view).not.toContain(token);
    }
  });
});
