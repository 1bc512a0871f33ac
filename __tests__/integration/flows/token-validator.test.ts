// createTokenValidator against the stand-in: calls made to plex.tv are counted from its request log.

import { createTokenValidator, memoryExpiringStore, type ExpiringStore } from "../../../src";
import { clientFor, useStandIn } from "../../support/stand-in";
import { visibleStore } from "../../support/visible-store";

describe("createTokenValidator", () => {
  const standIn = useStandIn({ requestLogLimit: 100_000 });
  const userChecks = () => standIn.server.requests.filter((r) => r.route === "GET /api/v2/user").length;

  it("50 concurrent checks of one token make one plex.tv call; the next ones within ttlMs make none", async () => {
    const token = standIn.server.issueToken();
    const validator = createTokenValidator(clientFor(standIn.server), { ttlMs: 60_000 });
    const results = await Promise.all(Array.from({ length: 50 }, () => validator.validate(token)));
    expect(results.every((result) => result.status === "valid")).toBe(true);
    expect(userChecks()).toBe(1);
    const again = await validator.validate(token);
    expect(again.status === "valid" && again.user.authToken).toBe(token);
    expect(userChecks()).toBe(1);
  });

  it("a valid answer expires after ttlMs; invalid evicts at once; unknown is never kept", async () => {
    const token = standIn.server.issueToken();
    const cache = visibleStore();
    // memoryTtlMs 0: no copy in this process, so every check reads the shared cache.
    const validator = createTokenValidator(clientFor(standIn.server), { ttlMs: 100, cache, memoryTtlMs: 0 });
    expect((await validator.validate(token)).status).toBe("valid");
    expect(cache.map.size).toBe(1);
    // The shared cache holds neither the token nor the user's authToken.
    expect(JSON.stringify([...cache.map])).not.toContain(token);

    standIn.server.fault("GET /api/v2/user", { kind: "status", status: 503 });
    cache.map.clear();
    expect((await validator.validate(token)).status).toBe("unknown");
    expect(cache.map.size).toBe(0);
    expect((await validator.validate(token)).status).toBe("valid");
    expect(cache.map.size).toBe(1);

    standIn.server.revokeToken(token);
    expect((await validator.validate(token)).status).toBe("valid"); // trusted for ttlMs
    await new Promise((resolve) => setTimeout(resolve, 120));
    const memory = createTokenValidator(clientFor(standIn.server), { ttlMs: 100 });
    expect((await memory.validate(token)).status).toBe("invalid");
    // In a cache whose entry has not expired yet, an "invalid" answer still evicts it.
    cache.map.set([...cache.map.keys()][0]!, "{corrupt");
    expect((await validator.validate(token)).status).toBe("invalid");
    expect(cache.map.size).toBe(0);
  });

  it("a shared cache that fails (Redis down) does not fail the check: plex.tv is asked", async () => {
    const token = standIn.server.issueToken();
    const broken: ExpiringStore = {
      get: async () => Promise.reject(new Error("ECONNREFUSED")),
      set: () => {
        throw new Error("ECONNREFUSED");
      },
      delete: async () => Promise.reject(new Error("ECONNREFUSED")),
    };
    const validator = createTokenValidator(clientFor(standIn.server), { cache: broken, memoryTtlMs: 0 });
    expect((await validator.validate(token)).status).toBe("valid");
    expect((await validator.validate(token)).status).toBe("valid");
    expect(userChecks()).toBe(2);
  });

  it("memory stays bounded: the least recently used token goes first", async () => {
    const [a, b, c] = [1, 2, 3].map(() => standIn.server.issueToken());
    const validator = createTokenValidator(clientFor(standIn.server), { maxEntries: 2 });
    await validator.validate(a!);
    await validator.validate(b!);
    await validator.validate(a!); // a is now the most recently used
    await validator.validate(c!); // evicts b
    const before = userChecks();
    await validator.validate(a!);
    await validator.validate(c!);
    expect(userChecks()).toBe(before);
    await validator.validate(b!);
    expect(userChecks()).toBe(before + 1);
    expect(() => memoryExpiringStore(0)).toThrow(TypeError);
  });

  it("forget drops a token; a caller's abort rejects only that caller", async () => {
    const token = standIn.server.issueToken();
    standIn.server.fault("GET /api/v2/user", { kind: "delay", ms: 200 });
    const validator = createTokenValidator(clientFor(standIn.server));
    const controller = new AbortController();
    const reason = new Error("client went away");
    const leaving = validator.validate(token, { signal: controller.signal });
    const staying = validator.validate(token);
    controller.abort(reason);
    await expect(leaving).rejects.toBe(reason);
    expect((await staying).status).toBe("valid");
    await validator.forget(token);
    await validator.validate(token);
    expect(userChecks()).toBe(2);
    await expect(validator.validate("")).rejects.toThrow(TypeError);
  });
});
