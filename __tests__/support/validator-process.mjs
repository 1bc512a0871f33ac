// One instance of a server app in a process of its own: a token validator over the built package, sharing a real
// Redis through plex-tv-auth/redis. argv[2] is JSON: { plexTv, redis, options }. Each line on stdin is a round,
// JSON { tokens, concurrency }: it checks the tokens that many times at once (round-robin) and prints one JSON line,
// { statuses, thrown, ready } (what the checks answered, anything thrown at the app, whether Redis is connected).
import { createInterface } from "node:readline";
import { createClient } from "redis";
import { createPlexTvClient, createTokenValidator } from "../../dist/index.mjs";
import { redisStore } from "../../dist/redis.mjs";

const { plexTv, redis, options = {} } = JSON.parse(process.argv[2]);
const client = createClient({ url: redis, socket: { reconnectStrategy: () => 50, connectTimeout: 1000 } });
await client.connect().catch(() => {});
const plex = createPlexTvClient({ clientIdentifier: "redis-test-app", product: "redis test", baseUrl: plexTv });
const validator = createTokenValidator(plex, { cache: redisStore(client), ...options });

for await (const line of createInterface({ input: process.stdin })) {
  if (line === "quit") break;
  const { tokens, concurrency } = JSON.parse(line);
  const statuses = {};
  const thrown = [];
  await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => {
      try {
        const { status } = await validator.validate(tokens[i % tokens.length]);
        statuses[status] = (statuses[status] ?? 0) + 1;
      } catch (error) {
        thrown.push(String(error?.message ?? error));
      }
    }),
  );
  console.log(JSON.stringify({ statuses, thrown, ready: client.isReady }));
}
await client.quit().catch(() => {});
process.exit(0);
