// Two flows, each five ways, in one run against one stand-in (in its own process): raw fetch, a bare openapi-fetch
// client with the same headers (the floor for anything built on openapi-fetch), that client with nothing but a
// deadline covering the body (the floor for any client that cannot hang), this package, and @lukehagar/plexjs
// 0.39.0. Each round runs the ways in a new order, so drift in the machine's load falls on all alike.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import createClient from "openapi-fetch";
import { checkPin, createPin, createPlexTvClient, getUser } from "../dist/index.mjs";

const require = createRequire(import.meta.url);
const { PlexAPI } = require("@lukehagar/plexjs");
const { HTTPClient } = require("@lukehagar/plexjs/lib/http");

export const withDeadline = "bare client + a deadline over the body";
export const identity = {
  clientIdentifier: "bench-3f1c2d9e-0a7b-4c55-9e21-6b8f0d4a7c31",
  product: "plex-tv-auth bench",
};

/** The stand-in in its own process, so its work does not share the measured client's event loop. */
export async function startStandIn(options = {}) {
  const script = fileURLToPath(new URL("./stand-in-process.mjs", import.meta.url));
  const child = fork(script, [JSON.stringify(options)], { stdio: "inherit" });
  const { url, token } = await new Promise((resolve, reject) => {
    child.once("message", resolve);
    child.once("error", reject);
  });
  return { url, token, stop: () => child.disconnect() };
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * A model of this package's transport, rule by rule, to price each (bench/transport-costs.mjs). With no options, the
 * least any client that cannot hang does: an AbortController and a timer per request, the body read inside them and
 * served to openapi-fetch. `listener` passes a caller's abort on; `rules` adds the request's name, `Accept` and the
 * token rule for `token` (awaited, as a token source is); `checks` adds the redirect and body checks.
 */
export function transportModel({ listener = false, rules = false, token, checks = false } = {}) {
  return async (request) => {
    const outer = request.signal;
    if (rules) {
      const where = `${request.method} ${new URL(request.url).pathname}`;
      request.headers.set("Accept", "application/json");
      const tokenless = /^(?:POST \/api\/v2\/pins|GET \/api\/v2\/pins\/)/.test(where);
      if (token !== undefined && !request.headers.has("X-Plex-Token") && !tokenless) {
        request.headers.set("X-Plex-Token", await token);
      }
    }
    const controller = new AbortController();
    const onAbort = () => controller.abort(outer.reason);
    if (listener) outer.addEventListener("abort", onAbort);
    const timer = setTimeout(() => controller.abort(), 30_000);
    try {
      const response = await fetch(request, { signal: controller.signal, redirect: checks ? "manual" : "follow" });
      const { status, ok } = response;
      if (checks && (response.type === "opaqueredirect" || (status > 299 && status < 400))) throw new Error("redirect");
      if (checks && !/^application\/json\b/i.test(response.headers.get("Content-Type"))) throw new Error("not JSON");
      const text = await response.text();
      let data;
      try {
        data = JSON.parse(text);
      } catch (error) {
        if (checks && ok) throw new Error("malformed JSON");
        if (!checks) throw error;
      }
      return Object.assign(response, { text: async () => text, json: async () => data });
    } finally {
      clearTimeout(timer);
      if (listener) outer.removeEventListener("abort", onAbort);
    }
  };
}

/** What every flow's answer must be: an object with an id. */
const answered = (answer) => answer && typeof (answer.id ?? answer.uuid) !== "undefined";

/**
 * Median µs of each way, over `rounds` rounds after `warmup`. Each round runs the ways in a new order: what one way
 * leaves behind (garbage, a busy socket) falls on each of the others alike.
 */
export async function medians(variants, { rounds = 1500, warmup = 300, label = "" } = {}) {
  const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  const order = Object.entries(variants);
  for (let i = 0; i < warmup + rounds; i++) {
    for (let j = order.length - 1; j > 0; j--) {
      const k = Math.floor(Math.random() * (j + 1));
      [order[j], order[k]] = [order[k], order[j]];
    }
    for (const [name, run] of order) {
      const started = performance.now();
      if (!answered(await run())) throw new Error(`${label} / ${name}: no answer`);
      if (i >= warmup) samples[name].push(performance.now() - started);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values) * 1000]));
}

export const headers = {
  Accept: "application/json",
  "X-Plex-Client-Identifier": identity.clientIdentifier,
  "X-Plex-Product": identity.product,
};

/** The PIN flow through any openapi-fetch client of plex.tv's paths: create a PIN, check it. */
export const pinFlow = (client) => async () => {
  const { data: pin } = await client.POST("/api/v2/pins", { params: { query: { strong: true } } });
  return (await client.GET("/api/v2/pins/{pinID}", { params: { path: { pinID: pin.id } } })).data;
};

/**
 * Both flows on an openapi-fetch client with `headers` and `fetch` (default: the platform's). The getUser client
 * carries the token as a static header unless `fetch` sets it (`tokenHeader: false`).
 */
export function openapiFetchFlows(url, token, { fetch, tokenHeader = true } = {}) {
  const client = createClient({ baseUrl: url, headers, fetch });
  const withToken = tokenHeader
    ? createClient({ baseUrl: url, headers: { ...headers, "X-Plex-Token": token }, fetch })
    : client;
  return {
    pin: pinFlow(client),
    user: async () => (await withToken.GET("/api/v2/user")).data,
  };
}

function ways(url, token) {
  const expect = async (response, status) => {
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}`);
    return response.json();
  };
  const bare = openapiFetchFlows(url, token);
  const deadline = openapiFetchFlows(url, token, { fetch: transportModel() });
  const plex = createPlexTvClient({ ...identity, baseUrl: url });
  const plexWithToken = createPlexTvClient({ ...identity, baseUrl: url, token });
  // plexjs sends the client identifier only on PIN calls; plex.tv wants it on every call.
  const httpClient = new HTTPClient();
  httpClient.addHook("beforeRequest", (request) => {
    const next = new Request(request);
    next.headers.set("X-Plex-Client-Identifier", identity.clientIdentifier);
    return next;
  });
  const serverURL = `${url}/api/v2`;
  const plexjs = new PlexAPI({ serverURL, accessToken: token, httpClient });
  const pinRequest = { clientID: identity.clientIdentifier, clientName: identity.product, strong: true };
  return {
    "pin flow (create + check)": {
      "raw fetch": async () => {
        const pin = await expect(await fetch(`${url}/api/v2/pins?strong=true`, { method: "POST", headers }), 201);
        return expect(await fetch(`${url}/api/v2/pins/${pin.id}`, { headers }), 200);
      },
      "bare openapi-fetch client": bare.pin,
      [withDeadline]: deadline.pin,
      "plex-tv-auth": async () => checkPin(plex, (await createPin(plex)).id),
      "@lukehagar/plexjs 0.39.0": async () => {
        const { authPinContainer: pin } = await plexjs.plex.getPin(pinRequest, { serverURL });
        const { clientID } = pinRequest;
        return (await plexjs.plex.getTokenByPinId({ pinID: pin.id, clientID }, { serverURL })).authPinContainer;
      },
    },
    "getUser (the token check)": {
      "raw fetch": async () =>
        expect(await fetch(`${url}/api/v2/user`, { headers: { ...headers, "X-Plex-Token": token } }), 200),
      "bare openapi-fetch client": bare.user,
      [withDeadline]: deadline.user,
      "plex-tv-auth": async () => getUser(plexWithToken),
      "@lukehagar/plexjs 0.39.0": async () =>
        (await plexjs.authentication.getTokenDetails({ serverURL })).userPlexAccount,
    },
  };
}

/** Medians (µs) per flow and way, from `rounds` rounds after `warmup`. */
export async function benchFlows(url, token, { rounds = 1500, warmup = 300 } = {}) {
  const results = {};
  for (const [flow, variants] of Object.entries(ways(url, token))) {
    results[flow] = await medians(variants, { rounds, warmup, label: flow });
  }
  return { results, rounds };
}
