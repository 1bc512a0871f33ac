// The HTTP host both stand-ins run on: a real server on 127.0.0.1 whose handler can never crash the process that
// hosts it. Whatever a client sends (a request target `new URL()` refuses, a bad escape, a hang-up mid-body), a
// handler that throws or rejects answers that request with `refuse` (a 400), or drops its connection when an answer
// had already begun.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type Handler = (request: IncomingMessage, response: ServerResponse) => unknown;

export interface StandInHost {
  readonly port: number;
  /** Connections open right now. */
  openSockets(): number;
  /** Runs `task` after `ms` (a throw in it is dropped, as a handler's is), cancelled by close(). */
  schedule(task: () => void, ms: number): ReturnType<typeof setTimeout>;
  /**
   * Waits `ms` before answering `request`, or less when its client hangs up (then `request.socket.destroyed`). One
   * close listener per wait, gone when it ends either way: a kept-alive socket gathers none.
   */
  delay(request: IncomingMessage, ms: number): Promise<void>;
  /** Scheduled tasks still waiting. */
  pendingTasks(): number;
  close(): Promise<void>;
}

const ignore = () => undefined;

/** The request's target as a URL, or undefined for one `new URL()` refuses ("//", "http://[/x", "http://%zz/"). */
export function requestUrl(request: IncomingMessage): URL | undefined {
  try {
    return new URL(request.url ?? "/", "http://127.0.0.1");
  } catch {
    return undefined;
  }
}

/** Reads the request body up to `limit` bytes: its text, or undefined when it is longer (the rest is not read). */
export async function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function host(
  handler: Handler,
  refuse: (response: ServerResponse) => void,
  port = 0,
): Promise<StandInHost> {
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const fail = (response: ServerResponse) => {
    if (response.headersSent || response.writableEnded) return void response.destroy();
    try {
      response.setHeader("Connection", "close");
      refuse(response);
    } catch {
      response.destroy();
    }
  };

  const server = createServer((request, response) => {
    // A client that hangs up makes these streams emit errors: nobody else listens, so they would be thrown.
    request.on("error", ignore);
    response.on("error", ignore);
    try {
      Promise.resolve(handler(request, response)).catch(() => fail(response));
    } catch {
      fail(response);
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("error", ignore);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });

  const schedule = (task: () => void, ms: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      try {
        task();
      } catch {
        // A test's scheduled approval of a PIN that is gone: nothing to do.
      }
    }, ms);
    timers.add(timer);
    return timer;
  };

  return {
    port: (server.address() as AddressInfo).port,
    openSockets: () => sockets.size,
    schedule,
    delay(request, ms) {
      return new Promise<void>((resolve) => {
        const { socket } = request;
        const closed = () => (clearTimeout(timer), timers.delete(timer), resolve());
        const timer = schedule(() => (socket.off("close", closed), resolve()), ms);
        socket.once("close", closed);
      });
    },
    pendingTasks: () => timers.size,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
