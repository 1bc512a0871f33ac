// Child process for the https → http redirect test: an https "plex.tv" on 127.0.0.1 (a test certificate this
// process trusts through NODE_EXTRA_CA_CERTS) that redirects to the plain-http URL in argv[2], and the built client
// asking it for the user with the token in argv[3]. Prints the outcome as JSON.
const { readFileSync } = require("node:fs");
const { createServer } = require("node:https");
const { join } = require("node:path");
const { createPlexTvClient, getUser } = require("../../dist/index.cjs");

const [target, token] = process.argv.slice(2);
const tls = join(__dirname, "../fixtures/tls");
const server = createServer(
  { key: readFileSync(join(tls, "key.pem")), cert: readFileSync(join(tls, "cert.pem")) },
  (_, response) => {
    response.writeHead(301, { Location: target });
    response.end();
  },
);
server.listen(0, "127.0.0.1", async () => {
  const plex = createPlexTvClient({
    clientIdentifier: "tls-test",
    product: "tls test",
    baseUrl: `https://localhost:${server.address().port}`,
  });
  const outcome = await getUser(plex, { token }).then(
    () => ({ name: "resolved" }),
    (error) => ({ name: error.name, status: error.status, leaked: `${error.message}${error.stack}`.includes(token) }),
  );
  server.close();
  server.closeAllConnections();
  console.log(JSON.stringify(outcome));
});
