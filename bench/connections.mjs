// Which of a home's connections each rule keeps, and how long it takes to decide, in three timings on loopback:
// this package's race (findReachableConnection, defaults: preferWithinMs 1000, timeoutMs 5000), and python-plexapi's
// two rules run as simulations over the same live servers. Part of `npm run bench`; alone:
// node scripts/build.mjs && node bench/connections.mjs
//
// python-plexapi's MyPlexResource.connect() (plexapi/myplex.py, utils.threaded) tries every candidate at once in
// threads, then polls every 50 ms. By default it returns once every thread has ended (each attempt bounded by its
// timeout, 30 s unless configured) and keeps the best-ranked success. With X_PLEX_ENABLE_FAST_CONNECT it returns at
// the first poll after any success, keeping the best-ranked of the successes so far. Both are simulated here with
// the same GET /identity probes and ranking (local, remote, relay; https first), the same 50 ms poll, and a stated
// per-attempt timeout of 5 s instead of 30 s so the run stays short: for a blackhole, its default waits the timeout.
import { createServer } from "node:net";
import { rankConnections } from "../dist/index.mjs";
import { findReachableConnection } from "../dist/media-server.mjs";
import { startFakeMediaServer } from "../dist/testing.mjs";
import { median } from "./flows.mjs";

export const PLEXAPI_TIMEOUT_MS = 5000;
const POLL_MS = 50;

/** A listener that accepts and never answers: a LAN address seen from elsewhere, or a dead host. */
async function startBlackhole() {
  const sockets = new Set();
  let closing = false;
  // Once closing, a late connection (undici may open a spare one after an abort) is dropped, not waited for.
  const server = createServer((socket) => {
    if (closing) return socket.destroy();
    sockets.add(socket.resume());
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    uri: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        closing = true;
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

// Each scenario: the home's connections by role, each a delay before the server answers, or "blackhole".
export const scenarios = [
  { name: "LAN late (relay 20 ms, LAN 100 ms)", home: { LAN: 100, relay: 20 } },
  { name: "LAN dead (blackhole LAN, relay 20 ms)", home: { LAN: "blackhole", relay: 20 } },
  { name: "all up (LAN 10, relay 20, remote 40 ms)", home: { LAN: 10, relay: 20, remote: 40 } },
];

const flags = {
  LAN: { local: true, relay: false },
  remote: { local: false, relay: false },
  relay: { local: false, relay: true },
};

async function startHome(home) {
  const servers = [];
  const connections = [];
  for (const [role, delay] of Object.entries(home)) {
    const server = delay === "blackhole" ? await startBlackhole() : await startFakeMediaServer({ delayMs: delay });
    servers.push(server);
    connections.push({ uri: server.uri, protocol: "http", address: "127.0.0.1", port: 0, IPv6: false, ...flags[role] });
  }
  const roleOf = (uri) => Object.keys(home)[connections.findIndex((c) => c.uri === uri)] ?? "none";
  return { server: { name: "Home", connections }, roleOf, close: () => Promise.all(servers.map((s) => s.close())) };
}

/** python-plexapi's connect(): every candidate at once, a 50 ms poll, then the best-ranked success so far. */
async function plexapiConnect(connections, { fast }) {
  const ranked = rankConnections(connections);
  const results = new Array(ranked.length);
  let running = ranked.length;
  let done = false;
  const stop = new AbortController();
  for (const [index, connection] of ranked.entries()) {
    const signal = AbortSignal.any([stop.signal, AbortSignal.timeout(PLEXAPI_TIMEOUT_MS)]);
    fetch(`${connection.uri}/identity`, { headers: { Accept: "application/json" }, signal })
      .then(async (response) => {
        await response.arrayBuffer();
        if (!response.ok) throw new Error(String(response.status));
        results[index] = connection;
        if (fast) done = true;
      })
      .catch(() => {})
      .finally(() => running--);
  }
  while (!done && running > 0) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  // Its threads would go on; these are stopped so the next run starts clean.
  stop.abort();
  return results.find(Boolean);
}

async function timed(choose) {
  const start = performance.now();
  const kept = await choose().catch(() => undefined);
  return { kept, ms: performance.now() - start };
}

/** Each scenario `rounds` times, the three rules in turn in each round: the role kept, and the median time. */
export async function benchConnections({ rounds = 5 } = {}) {
  const rows = [];
  for (const { name, home } of scenarios) {
    const started = await startHome(home);
    const rules = {
      "plex-tv-auth": () => findReachableConnection(started.server),
      "plexapi default": () => plexapiConnect(started.server.connections, { fast: false }),
      "plexapi fast connect": () => plexapiConnect(started.server.connections, { fast: true }),
    };
    const runs = Object.fromEntries(Object.keys(rules).map((rule) => [rule, []]));
    try {
      for (let round = 0; round < rounds; round++) {
        for (const [rule, choose] of Object.entries(rules)) runs[rule].push(await timed(choose));
      }
    } finally {
      await started.close();
    }
    const row = { scenario: name };
    for (const [rule, results] of Object.entries(runs)) {
      // The role kept; when runs differ (python-plexapi's 50 ms poll can land either side of an answer), each count.
      const roles = results.map(({ kept }) => started.roleOf(kept?.uri));
      const distinct = [...new Set(roles)];
      const kept =
        distinct.length === 1
          ? distinct[0]
          : distinct.map((role) => `${role} ${roles.filter((r) => r === role).length}×`).join(" ");
      row[rule] = { kept, ms: median(results.map(({ ms }) => ms)) };
    }
    rows.push(row);
  }
  return { rows, rounds };
}

/** The table's lines: a scenario per line, each rule's kept connection and median time. */
export function connectionTable({ rows, rounds }) {
  const rules = ["plex-tv-auth", "plexapi default", "plexapi fast connect"];
  const heading = [
    `which connection is kept, median of ${rounds} (plexapi simulated, its per-attempt timeout ${PLEXAPI_TIMEOUT_MS / 1000} s instead of 30 s)`,
    "scenario",
    "plex-tv-auth (1000 ms grace)",
    "plexapi default",
    "plexapi fast connect",
  ];
  const cells = rows.map((row) => [
    row.scenario,
    ...rules.map((rule) => `${row[rule].kept}, ${row[rule].ms.toFixed(0)} ms`),
  ]);
  const widths = heading
    .slice(1)
    .map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column].length)));
  const line = (values) => values.map((value, column) => value.padEnd(widths[column])).join("  ");
  return [heading[0], line(heading.slice(1)), ...cells.map(line)];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of connectionTable(await benchConnections())) console.log(line);
}
