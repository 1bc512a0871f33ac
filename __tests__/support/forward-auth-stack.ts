// What a forward-auth test puts behind its gateway (nginx, Caddy): the plex.tv stand-in, a media app that answers
// with who the gateway said the user is, and createForwardAuth on node:http, whose public origin is the gateway's
// port (chosen first, so the gateway can then listen on it).

import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createPlexTvClient } from "../../src";
import { createForwardAuth, toNodeListener } from "../../src/server";
import type { FakePlexTv } from "../../src/testing";
import { freePort } from "./ports";
import { identity, standIn } from "./stand-in";

// The stand-in's default server, which its default user owns.
const OWNED = "standin0server0000000000000000000000001";

export interface ForwardAuthStack {
  plexTv: FakePlexTv;
  /** The port the gateway must listen on (the site's public origin is http://127.0.0.1:PORT). */
  port: number;
  /** Where the gateway reaches createForwardAuth, and the app: "127.0.0.1:PORT". */
  auth: string;
  app: string;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Starts them; the app answers 200 with `answer(headers)` of the request the gateway passed on. */
export async function startForwardAuthStack(
  answer: (headers: IncomingHttpHeaders) => string,
): Promise<ForwardAuthStack> {
  const plexTv = await standIn({ requestLogLimit: 10_000 });
  // The media app behind the gateway: it trusts the headers the gateway sets.
  const appServer = createServer((request, response) => {
    response.writeHead(200, { "Content-Type": "text/plain" });
    response.end(answer(request.headers));
  });
  const app = await listen(appServer);
  const port = await freePort();
  const handler = createForwardAuth(createPlexTvClient({ ...identity, baseUrl: plexTv.url }), {
    secret: "forward-auth-test-secret-0123456789abcdefgh",
    serverId: OWNED,
    origin: `http://127.0.0.1:${port}`,
    authAppBaseUrl: plexTv.authAppUrl,
    onError: () => {},
  });
  const authServer = createServer(toNodeListener(handler));
  const auth = await listen(authServer);
  return {
    plexTv,
    port,
    auth,
    app,
    async close() {
      await new Promise((resolve) => authServer.close(resolve));
      await new Promise((resolve) => appServer.close(resolve));
      await plexTv.close();
    },
  };
}
