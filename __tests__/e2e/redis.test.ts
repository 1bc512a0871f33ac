// Several instances of a server app share one sign-in cache in a real Redis (Debian's redis-server), each in a
// process of its own over the built package: one plex.tv call per token across all of them; with Redis killed, the
// checks go on (plex.tv is asked) and nothing reaches the app; with Redis back, the calls are shared again; a Redis
// that hangs costs a bounded wait; garbage in Redis is never believed.

import { spawn, type ChildProcess } from "node:child_process";
import { createInterface, type Interface } from "node:readline";
import { createClient } from "redis";
import { createPlexTvClient, createTokenValidator } from "../../src";
import { redisStore } from "../../src/redis";
import type { FakePlexTv } from "../../src/testing";
import { describeIf } from "../support/optional";
import { fromRoot } from "../support/paths";
import { haveRedis, startRedis, type RedisServer } from "../support/redis";
import { identity, standIn } from "../support/stand-in";

interface Round {
  statuses: Record<string, number>;
  thrown: string[];
  ready: boolean;
}

/** An app instance in its own process, driven a round at a time. */
function instance(plexTv: string, redis: string, options: object = {}) {
  const child: ChildProcess = spawn(
    process.execPath,
    [fromRoot("__tests__/support/validator-process.mjs"), JSON.stringify({ plexTv, redis, options })],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const lines: Interface = createInterface({ input: child.stdout! });
  const answers: ((round: Round) => void)[] = [];
  lines.on("line", (line) => answers.shift()?.(JSON.parse(line)));
  return {
    round(tokens: string[], concurrency: number): Promise<Round> {
      return new Promise((resolve) => {
        answers.push(resolve);
        child.stdin!.write(`${JSON.stringify({ tokens, concurrency })}\n`);
      });
    },
    quit: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.stdin!.end("quit\n");
      }),
  };
}

describeIf(haveRedis, "Redis tests need Debian's redis-server (apt-get install redis-server), or REDIS_SERVER_PATH")(
  "one sign-in cache across instances, in a real Redis",
  () => {
    let redis: RedisServer;
    let server: FakePlexTv;
    const userChecks = () => server.requests.filter((r) => r.route === "GET /api/v2/user").length;

    beforeEach(async () => {
      redis = await startRedis();
      server = await standIn({ requestLogLimit: 100_000 });
    });
    afterEach(async () => {
      await server.close();
      await redis.stop();
    });

    it("4 processes × 500 concurrent checks of 200 tokens: 200 plex.tv calls in all", async () => {
      // plex.tv answers slowly, so the instances ask at the same time.
      server.fault("GET /api/v2/user", { kind: "delay", ms: 60 }, 1000);
      const tokens = Array.from({ length: 200 }, () => server.issueToken());
      const apps = [1, 2, 3, 4].map(() => instance(server.url, redis.url));
      try {
        const rounds = await Promise.all(apps.map((app) => app.round(tokens, 500)));
        expect(rounds.map((round) => round.statuses)).toEqual(Array(4).fill({ valid: 500 }));
        expect(rounds.flatMap((round) => round.thrown)).toEqual([]);
        expect(userChecks()).toBe(200);
      } finally {
        await Promise.all(apps.map((app) => app.quit()));
      }
    });

    it("Redis killed: the checks go on, plex.tv is asked, nothing is thrown; Redis back: shared again", async () => {
      const first = Array.from({ length: 50 }, () => server.issueToken());
      const apps = [1, 2, 3].map(() => instance(server.url, redis.url, { memoryTtlMs: 0, cacheTimeoutMs: 200 }));
      const all = (tokens: string[]) => Promise.all(apps.map((app) => app.round(tokens, 100)));
      try {
        let rounds = await all(first);
        expect(userChecks()).toBe(50);

        await redis.kill();
        const during = Array.from({ length: 50 }, () => server.issueToken());
        rounds = await all(during);
        expect(rounds.map((round) => round.statuses)).toEqual(Array(3).fill({ valid: 100 }));
        expect(rounds.flatMap((round) => round.thrown)).toEqual([]);
        // Each instance asked for itself: no shared cache, no shared lock.
        expect(userChecks()).toBe(50 + 3 * 50);

        await redis.restart();
        for (let i = 0; i < 100 && (await all([first[0]!])).some((round) => !round.ready); i++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const calls = userChecks();
        const after = Array.from({ length: 50 }, () => server.issueToken());
        rounds = await all(after);
        expect(rounds.map((round) => round.statuses)).toEqual(Array(3).fill({ valid: 100 }));
        expect(userChecks() - calls).toBe(50);
      } finally {
        await Promise.all(apps.map((app) => app.quit()));
      }
    });

    describe("in this process", () => {
      const connect = async () => {
        const client = createClient({ url: redis.url, socket: { reconnectStrategy: () => 50 } });
        client.on("error", () => {});
        await client.connect();
        return client;
      };
      const validatorOver = (client: Awaited<ReturnType<typeof connect>>, cacheTimeoutMs = 250) =>
        createTokenValidator(createPlexTvClient({ ...identity, baseUrl: server.url }), {
          cache: redisStore(client),
          memoryTtlMs: 0,
          invalidTtlMs: 0,
          cacheTimeoutMs,
        });

      it("a Redis that hangs (SIGSTOP): each check waits at most cacheTimeoutMs, then plex.tv answers", async () => {
        const client = await connect();
        try {
          const validator = validatorOver(client, 100);
          const token = server.issueToken();
          redis.pause();
          const started = Date.now();
          expect((await validator.validate(token)).status).toBe("valid");
          expect(Date.now() - started).toBeLessThan(2000);
          expect(userChecks()).toBe(1);
        } finally {
          redis.resume();
          await client.quit();
        }
      });

      it("a Redis that hangs gathers at most maxInFlight commands: the rest fail at once, the waiting ones finish", async () => {
        const client = await connect();
        try {
          const store = redisStore(client, { maxInFlight: 50 });
          await store.set("gathered", "yes", 60_000);
          redis.pause();
          const calls = Array.from({ length: 200 }, () =>
            Promise.resolve(store.get("gathered")).then(
              (value) => ({ value }),
              (error: Error) => ({ error: error.message }),
            ),
          );
          // Answered while Redis is still stopped: they never waited.
          expect(await Promise.all(calls.slice(50))).toEqual(
            Array(150).fill({ error: "redisStore: 50 commands are waiting for Redis already" }),
          );
          redis.resume();
          expect(await Promise.all(calls.slice(0, 50))).toEqual(Array(50).fill({ value: "yes" }));
          expect(await store.get("gathered")).toBe("yes");
        } finally {
          redis.resume();
          await client.quit();
        }
      });

      it("garbage, a value that is no user, an entry planted under another key: never believed", async () => {
        const client = await connect();
        try {
          const validator = validatorOver(client);
          const admin = server.issueToken();
          expect((await validator.validate(admin)).status).toBe("valid");
          const keys = await client.keys("plex-tv-auth:plex-token:*");
          const adminKey = keys.find((key) => !key.endsWith(":lock"))!;
          const entry = (await client.get(adminKey))!;
          expect(entry).not.toContain(admin);
          for (const planted of ["garbage{", "null", '{"key":"x","user":{"id":1}}', entry]) {
            // Under the key of a junk token: the SHA-256 of it, as anyone can compute.
            const junk = `junk-${Math.random()}`;
            const digest = Buffer.from(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(junk)));
            await client.set(`plex-tv-auth:plex-token:${digest.toString("hex")}`, planted);
            expect(await validator.validate(junk)).toEqual({ status: "invalid" });
          }
          // Redis answering a type it should not (a list where a string was kept) is a miss too.
          await client.del(adminKey);
          await client.rPush(adminKey, ["a", "b"]);
          expect((await validator.validate(admin)).status).toBe("valid");
        } finally {
          await client.quit();
        }
      });
    });
  },
);
