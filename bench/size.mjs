// Bundle sizes (minified + gzip, openapi-fetch included, as a browser app would ship them) and cold import time.
import { execFileSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { median } from "./flows.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

// Each budget sits just above the bundle as it is, so that any growth is a decision: raise it in the same change
// that needs the bytes, and say in the change what they buy. All but the page's hold openapi-fetch (2.54 KiB).
export const budgets = [
  {
    name: "bundle: createPlexTvClient + createPin + authAppUrl + waitForAuthToken (min+gzip)",
    contents: `export { createPlexTvClient, createPin, authAppUrl, waitForAuthToken } from "./dist/index.mjs";`,
    // The PIN flow of a browser app: the transport's rules, the identity (headers or query), skew-proof deadlines.
    budget: 6272,
  },
  {
    name: "bundle: the whole root export (min+gzip)",
    contents: `export * from "./dist/index.mjs";`,
    // plex.tv sign-in whole: every flow, the Home, the validator with its shared cache, the page's half of a
    // server-side sign-in. JWT device auth and the media server are entries of their own.
    budget: 12160,
  },
  {
    name: "bundle: a server app's check, createTokenValidator + getServerAccessToken (min+gzip)",
    contents: `export { createPlexTvClient, createTokenValidator, getServerAccessToken } from "./dist/index.mjs";`,
    // The validator's two caches, its shared lock and its bounded queue of plex.tv calls.
    budget: 7744,
  },
  {
    name: "bundle: the server session, getServers + connectToServer + getTransientToken + claimServer (min+gzip)",
    contents: [
      `export { createPlexTvClient, getServers } from "./dist/index.mjs";`,
      `export { connectToServer, getTransientToken, claimServer } from "./dist/media-server.mjs";`,
    ].join("\n"),
    budget: 7232,
  },
  {
    name: "bundle: JWT sign-in, createPlexTvClient + plex-tv-auth/jwt's whole export (min+gzip)",
    contents: `export { createPlexTvClient } from "./dist/index.mjs"; export * from "./dist/jwt.mjs";`,
    budget: 8896,
  },
  {
    name: "bundle: a page of a server-side sign-in, signInWithServer + startServerSignIn (min+gzip)",
    contents: `export { signInWithServer, startServerSignIn } from "./dist/index.mjs";`,
    // No openapi-fetch, no WebCrypto: fetch to the app's own origin.
    budget: 1600,
  },
  {
    name: "bundle: plex-tv-auth/media-server's whole export (min+gzip)",
    contents: `export * from "./dist/media-server.mjs";`,
    budget: 7040,
  },
];

export async function bundleSize(contents) {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
}

export async function measureSizes() {
  return Promise.all(budgets.map(async (entry) => ({ ...entry, bytes: await bundleSize(entry.contents) })));
}

/** Cold start of `node -e 0` and of a process that imports the package, alternated, medians. */
export async function measureImport(runs = 21) {
  const time = (args) => {
    const started = performance.now();
    execFileSync(process.execPath, args, { cwd: root });
    return performance.now() - started;
  };
  const baseline = [];
  const imported = [];
  const entry = new URL("../dist/index.mjs", import.meta.url).href;
  for (let i = 0; i < runs + 2; i++) {
    const b = time(["-e", "0"]);
    const m = time(["--input-type=module", "-e", `await import(${JSON.stringify(entry)})`]);
    if (i >= 2) (baseline.push(b), imported.push(m));
  }
  const baselineMs = median(baseline);
  const importMs = median(imported);
  return { runs, baselineMs, importMs, ratio: importMs / baselineMs };
}
