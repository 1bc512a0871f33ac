// One pin flow (create + check) three ways, in one run against one stand-in: raw fetch, a bare openapi-fetch
// client with the same headers (the floor for anything built on openapi-fetch), and this package's helpers.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import createClient from "openapi-fetch";
import { checkPin, createPin, createPlexTvClient } from "../dist/index.mjs";

const identity = { clientIdentifier: "bench-3f1c2d9e-0a7b-4c55-9e21-6b8f0d4a7c31", product: "plex-tv-auth bench" };

/** The stand-in in its own process, so its work does not share the measured client's event loop. */
export async function startStandIn() {
  const child = fork(fileURLToPath(new URL("./stand-in-process.mjs", import.meta.url)), { stdio: "inherit" });
  const { url } = await new Promise((resolve, reject) => {
    child.once("message", resolve);
    child.once("error", reject);
  });
  return { url, stop: () => child.disconnect() };
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export async function benchPinFlow(url, { flows = 2000, warmup = 300 } = {}) {
  const headers = {
    Accept: "application/json",
    "X-Plex-Client-Identifier": identity.clientIdentifier,
    "X-Plex-Product": identity.product,
  };
  const expect = (response, status) => {
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}`);
    return response.json();
  };
  const bare = createClient({ baseUrl: url, headers });
  const plex = createPlexTvClient({ ...identity, baseUrl: url });
  const variants = {
    rawFetch: async () => {
      const pin = await expect(await fetch(`${url}/api/v2/pins?strong=true`, { method: "POST", headers }), 201);
      return expect(await fetch(`${url}/api/v2/pins/${pin.id}`, { headers }), 200);
    },
    openapiFetch: async () => {
      const { data: pin } = await bare.POST("/api/v2/pins", { params: { query: { strong: true } } });
      return (await bare.GET("/api/v2/pins/{pinID}", { params: { path: { pinID: pin.id } } })).data;
    },
    helpers: async () => checkPin(plex, (await createPin(plex)).id),
  };
  const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  // Round-robin, one flow each in turn, so drift in the machine's load falls on all alike.
  for (let i = 0; i < warmup + flows; i++) {
    for (const [name, run] of Object.entries(variants)) {
      const started = performance.now();
      const pin = await run();
      if (!pin || typeof pin.id !== "number") throw new Error(`${name}: no pin`);
      if (i >= warmup) samples[name].push(performance.now() - started);
    }
  }
  const medians = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
  return { medians, ratio: medians.helpers / medians.rawFetch, floor: medians.openapiFetch / medians.rawFetch, flows };
}
