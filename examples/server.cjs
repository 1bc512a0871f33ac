// Serves the example pages with the package's browser build, next to the plex.tv stand-in (which also serves a
// stand-in of Plex's auth app), all on 127.0.0.1. `npm run examples` opens them; the Chromium tests drive them.
// CommonJS, so the Jest tests can load it too.
const { readFile } = require("node:fs/promises");
const { createServer } = require("node:http");
const { extname, join, normalize } = require("node:path");
const { startFakePlexTv } = require("../dist/testing.cjs");

const root = join(__dirname, "..");
// Only these folders are served: the pages, the package build, and openapi-fetch (the one runtime dependency).
const served = ["examples/", "dist/", "node_modules/openapi-fetch/dist/"];
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".map": "application/json",
};

async function startExamples(standInOptions = {}) {
  const plexTv = await startFakePlexTv(standInOptions);
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, "http://x").pathname)).replace(/^\/+/, "");
    if (!served.some((folder) => path.startsWith(folder))) return response.writeHead(404).end();
    try {
      const body = await readFile(join(root, path));
      response.writeHead(200, { "Content-Type": types[extname(path)] ?? "application/octet-stream" }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  // The plex.tv stand-in also serves a stand-in of Plex's auth app.
  const query = new URLSearchParams({ plexTv: plexTv.url, authApp: plexTv.authAppUrl });
  return {
    plexTv,
    origin,
    popupPage: `${origin}/examples/popup.html?${query}`,
    redirectPage: `${origin}/examples/redirect.html?${query}`,
    close: () =>
      Promise.all([plexTv.close(), new Promise((resolve) => (server.close(resolve), server.closeAllConnections()))]),
  };
}

module.exports = { startExamples };

if (require.main === module) {
  startExamples({ pinLifetimeSeconds: { strong: 600 } }).then((examples) => {
    console.log(`Popup sign-in:    ${examples.popupPage}`);
    console.log(`Redirect sign-in: ${examples.redirectPage}`);
    console.log(
      "The auth app is a stand-in: its Approve button approves the PIN at the plex.tv stand-in. Ctrl-C stops.",
    );
    process.once("SIGINT", () => examples.close().then(() => process.exit(0)));
  });
}
