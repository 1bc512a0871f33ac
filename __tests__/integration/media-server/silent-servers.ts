// Servers on 127.0.0.1 that never finish answering: a blackhole (accepts, reads, never writes), as a LAN address
// seen from outside or a dead host looks to a client that got as far as a socket; and one that sends its headers and
// part of a body, then hangs (a relay stalling mid-answer). Each counts the connections a request came on that are
// still open, to show a race closed them. (After an abort, undici may open a spare connection to the same origin and
// close it when idle for 4 s: that one carries no request, and only `openSockets` counts it.)

import { createServer as createHttpServer } from "node:http";
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from "node:net";

export interface SilentServer {
  /** http://127.0.0.1:PORT */
  readonly uri: string;
  /** Requests received so far. */
  requests(): number;
  /** Connections a request came on that are open now. */
  openRequests(): number;
  /** Every connection open now (the server's end of it, a handle in this process). */
  openSockets(): number;
  close(): Promise<void>;
}

async function silent(start: (asked: (socket: Socket) => void) => Server): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  const asked = new Set<Socket>();
  let requests = 0;
  const server = start((socket) => {
    requests++;
    if (!socket.destroyed) asked.add(socket);
  });
  let closing = false;
  server.on("connection", (socket: Socket) => {
    // Once closing, a late connection (undici may open a spare one after an abort) is dropped, not waited for.
    if (closing) return socket.destroy();
    sockets.add(socket);
    socket.once("close", () => (sockets.delete(socket), asked.delete(socket)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    uri: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    openRequests: () => asked.size,
    openSockets: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Accepts every connection, reads what it is sent, and never answers. */
export const startBlackhole = () =>
  silent((asked) => createNetServer((socket) => socket.resume().once("data", () => asked(socket))));

/** Answers 200 with JSON headers and the start of a body, then nothing more. */
export const startHangingServer = () =>
  silent((asked) =>
    createHttpServer((request, response) => {
      asked(request.socket);
      response.writeHead(200, { "Content-Type": "application/json", "Content-Length": 4096 });
      response.write('{"MediaContainer":{"size":0,');
    }),
  );
