// createTokenValidator under a server app's load: many requests over a few thousand tokens, skewed as real traffic
// is (a few users make most requests). Counts the calls plex.tv receives and the checks per second, against calling
// validateToken on every request, in the same run against the in-process stand-in.
import { createPlexTvClient, createTokenValidator, validateToken } from "../dist/index.mjs";
import { startFakePlexTv } from "../dist/testing.mjs";

const TOKENS = 3000;
const REQUESTS = 50_000;
const CONCURRENCY = 64;

const server = await startFakePlexTv({ requestLogLimit: 10 });
let calls = 0;
const plex = createPlexTvClient({
  clientIdentifier: "bench-validator",
  product: "bench",
  baseUrl: server.url,
  fetch: (request, init) => (calls++, fetch(request, init)),
});
const tokens = Array.from({ length: TOKENS }, () => server.issueToken());
// A skewed pick: token i with probability falling as i grows (r^3 puts most requests on the first few hundred).
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const picks = Array.from({ length: REQUESTS }, () => tokens[Math.floor(TOKENS * random() ** 3)]);

async function run(check, count) {
  calls = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const result = await check(picks[next++]);
        if (result.status !== "valid") throw new Error(`unexpected ${result.status}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { requests: count, plexTvCalls: calls, checksPerSecond: Math.round(count / seconds) };
}

const uncached = await run((token) => validateToken(plex, token), 5_000);
const validator = createTokenValidator(plex, { ttlMs: 60_000, maxEntries: 10_000 });
const cached = await run((token) => validator.validate(token), REQUESTS);
const distinct = new Set(picks).size;
await server.close();

console.log(`Node ${process.versions.node}, ${TOKENS} tokens (${distinct} used), concurrency ${CONCURRENCY}`);
console.table({
  "validateToken on every request": uncached,
  "createTokenValidator (ttl 60 s)": cached,
});
console.log(
  `cached: ${(cached.plexTvCalls / cached.requests).toFixed(3)} plex.tv calls per request (one per distinct token), ` +
    `${(cached.checksPerSecond / uncached.checksPerSecond).toFixed(1)}× the checks per second`,
);
