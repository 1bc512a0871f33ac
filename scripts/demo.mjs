#!/usr/bin/env node
// npm run demo: the whole flow, offline. Starts the built-in plex.tv stand-in (which approves the PIN a few
// seconds after it is made, as a user clicking Approve would) and a Plex Media Server stand-in, then runs the real
// `plex-tv-auth login`, `whoami` and `servers` against them with a throwaway config directory.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { refusedUri, startFakeMediaServer, startFakePlexTv } from "../dist/testing.mjs";

const cli = fileURLToPath(new URL("../dist/cli.mjs", import.meta.url));
const approveAfterMs = Number(process.env.DEMO_APPROVE_AFTER_MS ?? 4000);
const mediaServer = await startFakeMediaServer({ accessToken: "demo-server-token" });
const plexTv = await startFakePlexTv({ autoApproveAfterMs: approveAfterMs });
plexTv.setResources([
  {
    name: "Demo Server",
    product: "Plex Media Server",
    productVersion: "1.41.3.9314-a0bfb8370",
    clientIdentifier: "demo0server0000000000000000000000000001",
    provides: "server",
    owned: true,
    accessToken: "demo-server-token",
    connections: [
      {
        protocol: "http",
        address: "127.0.0.1",
        port: 1,
        uri: await refusedUri(),
        local: false,
        relay: false,
        IPv6: false,
      },
      { protocol: "http", address: "127.0.0.1", port: 2, uri: mediaServer.uri, local: true, relay: false, IPv6: false },
    ],
  },
]);
const config = await mkdtemp(join(tmpdir(), "plex-tv-auth-demo-"));
const env = { ...process.env, XDG_CONFIG_HOME: config, PLEX_TV_AUTH_BASE_URL: plexTv.url };

function run(...args) {
  console.log(`\n$ plex-tv-auth ${args.join(" ")}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`plex-tv-auth ${args[0]} exited ${code}`)),
    );
  });
}

// Whatever ends the demo (success, a failure, Ctrl-C, SIGTERM), the stand-ins close and the throwaway config
// directory goes.
let cleaned;
const cleanUp = () =>
  (cleaned ??= Promise.all([plexTv.close(), mediaServer.close(), rm(config, { recursive: true, force: true })]));
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => cleanUp().then(() => process.exit(130)));
}

console.log(`plex.tv stand-in at ${plexTv.url}; it approves each PIN ${approveAfterMs / 1000} s after it is made.`);
console.log(`Throwaway config directory: ${config}`);
try {
  await run("login", "--product", "plex-tv-auth demo");
  await run("whoami");
  await run("servers", "--probe");
  console.log("\nThe whole sign-in ran offline against the stand-in.");
} finally {
  await cleanUp();
}
