// The cached check of createTokenValidator against a floor measured in the same run: a Map lookup by a synchronous
// SHA-256 of the token, handing back the user object. And its memory under 100,000 distinct tokens (heap after GC,
// run with --expose-gc). plex.tv here is an in-process fetch that answers at once: this measures the validator.
import { createHash } from "node:crypto";
import { createPlexTvClient, createTokenValidator } from "../dist/index.mjs";
import { median } from "./flows.mjs";

const user = {
  id: 1,
  uuid: "u",
  username: "standin",
  title: "Stand-in User",
  email: "standin@example.com",
  subscription: { active: false, features: [] },
};
const fetch = async () =>
  new Response(JSON.stringify({ ...user, authToken: "t" }), { headers: { "Content-Type": "application/json" } });
const plex = createPlexTvClient({ clientIdentifier: "bench-cached", product: "bench", fetch });

/** ns per check, median of `rounds` rounds of `count` checks each. */
async function perCheck(check, tokens, rounds = 15, count = 200_000) {
  const samples = [];
  for (let round = 0; round < rounds; round++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < count; i++) await check(tokens[i % tokens.length]);
    samples.push(Number(process.hrtime.bigint() - started) / count);
  }
  return median(samples);
}

export async function benchCachedCheck() {
  const tokens = Array.from({ length: 1000 }, (_, i) => `token-${i}-${"x".repeat(20)}`);
  const floorMap = new Map(tokens.map((token) => [createHash("sha256").update(token).digest("hex"), user]));
  const floor = (token) => floorMap.get(createHash("sha256").update(token).digest("hex"));
  const validator = createTokenValidator(plex);
  for (const token of tokens) await validator.validate(token);
  const ours = (token) => validator.validate(token);
  // Alternated, so neither gets the warmer half of the run.
  const floorNs = [];
  const oursNs = [];
  for (let i = 0; i < 3; i++) {
    floorNs.push(await perCheck(floor, tokens, 5));
    oursNs.push(await perCheck(ours, tokens, 5));
  }
  return { floorNs: median(floorNs), oursNs: median(oursNs) };
}

export async function benchValidatorMemory(distinct = 100_000) {
  const heap = () => (globalThis.gc?.(), process.memoryUsage().heapUsed);
  const validator = createTokenValidator(plex);
  const before = heap();
  const marks = [];
  for (let i = 0; i < distinct; i++) {
    await validator.validate(`distinct-token-${i}`);
    if ((i + 1) % (distinct / 4) === 0) marks.push(heap() - before);
  }
  return { distinct, gc: typeof globalThis.gc === "function", growthBytes: marks };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { floorNs, oursNs } = await benchCachedCheck();
  console.log(
    `cached check: floor ${floorNs.toFixed(0)} ns, ours ${oursNs.toFixed(0)} ns (${(oursNs / floorNs).toFixed(2)}×)`,
  );
  const memory = await benchValidatorMemory();
  console.log(
    `heap growth after GC at 25/50/75/100% of ${memory.distinct} tokens:`,
    memory.growthBytes.map((b) => `${(b / 1e6).toFixed(1)} MB`).join(" "),
    memory.gc ? "" : "(no --expose-gc: not after GC)",
  );
}
