// Runs the plex.tv stand-in in its own process, so its work does not share the measured client's event loop.
import { startFakePlexTv } from "../dist/testing.mjs";

const server = await startFakePlexTv();
process.send?.({ url: server.url });
process.on("disconnect", () => server.close().then(() => process.exit(0)));
