// A Plex Media Server stand-in that answers GET /identity, for tests of connection racing.

import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface FakeMediaServerOptions {
  /** Wait this long before answering. */
  delayMs?: number;
  /** Answer this status (default 200). */
  status?: number;
  /** The token it accepts; other requests get 401 (an HTML page, as a real server sends). */
  accessToken?: string;
}

export interface FakeMediaServer {
  /** http://127.0.0.1:PORT */
  readonly uri: string;
  readonly requests: { url: string; headers: IncomingMessage["headers"] }[];
  /** Connections open right now. */
  openSockets(): number;
  /** Delayed answers still waiting (each holds a timer in this process). */
  pendingAnswers(): number;
  close(): Promise<void>;
}

export async function startFakeMediaServer(options: FakeMediaServerOptions = {}): Promise<FakeMediaServer> {
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const requests: FakeMediaServer["requests"] = [];
  const server = createServer((request, response) => {
    requests.push({ url: request.url ?? "/", headers: request.headers });
    const answer = () => {
      if (options.accessToken && request.headers["x-plex-token"] !== options.accessToken) {
        response.writeHead(401, { "Content-Type": "text/html" });
        return response.end(
          "<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>",
        );
      }
      if (request.url !== "/identity") {
        response.writeHead(404);
        return response.end();
      }
      response.writeHead(options.status ?? 200, { "Content-Type": "application/json" });
      response.end(
        JSON.stringify({
          MediaContainer: { size: 0, claimed: true, machineIdentifier: "standin-pms", version: "1.41.3" },
        }),
      );
    };
    if (!options.delayMs) return answer();
    const timer = setTimeout(() => (timers.delete(timer), answer()), options.delayMs);
    timers.add(timer);
    request.socket.once("close", () => (clearTimeout(timer), timers.delete(timer)));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    uri: `http://127.0.0.1:${port}`,
    requests,
    openSockets: () => sockets.size,
    pendingAnswers: () => timers.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A loopback URI where nothing listens: connecting to it is refused. */
export async function refusedUri(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
