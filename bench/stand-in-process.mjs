// Runs the plex.tv stand-in in its own process, so its work does not share the measured client's event loop.
// Options as JSON in argv[2]; it sends its URL and a valid token to the parent.
import { startFakePlexTv } from "../dist/testing.mjs";

const server = await startFakePlexTv({ requestLogLimit: 100, ...JSON.parse(process.argv[2] ?? "{}") });
process.send?.({ url: server.url, token: server.issueToken() });
process.on("disconnect", () => server.close().then(() => process.exit(0)));
