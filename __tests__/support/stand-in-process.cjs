// A built stand-in in a process of its own, so a test can see whether hostile input crashes the process that hosts
// it, and how much it keeps. argv[2] is JSON: { kind: "plex-tv" | "media-server", options }. It sends the parent
// its URL (and, for plex.tv, a valid token); on "measure" it collects garbage (when run with --expose-gc) and sends
// its heap size and the stand-in's retained() counts; it closes on disconnect.
const { startFakeMediaServer, startFakePlexTv } = require("../../dist/testing.cjs");

const { kind = "plex-tv", options = {} } = JSON.parse(process.argv[2] ?? "{}");

(kind === "media-server" ? startFakeMediaServer(options) : startFakePlexTv(options)).then((server) => {
  process.send({ url: server.url ?? server.uri, token: server.issueToken?.() });
  process.on("message", (message) => {
    if (message !== "measure") return;
    for (let i = 0; i < 4; i++) global.gc?.();
    process.send({ heapUsed: process.memoryUsage().heapUsed, retained: server.retained() });
  });
  process.on("disconnect", () => server.close().then(() => process.exit(0)));
});
