// The built stand-in in a process of its own, so a test can see whether hostile input crashes the process that
// hosts it. Options come as JSON in argv[2]; it sends its URL to the parent and closes on disconnect.
const { startFakePlexTv } = require("../../dist/testing.cjs");

startFakePlexTv(JSON.parse(process.argv[2] ?? "{}")).then((server) => {
  process.send({ url: server.url });
  process.on("disconnect", () => server.close().then(() => process.exit(0)));
});
