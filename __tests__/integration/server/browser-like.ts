// What the sign-in tests need of a browser: it keeps cookies (as Set-Cookie says, Max-Age=0 deletes), sends them
// back, and records every answer, so a test can look for a secret in any of them. It talks to a Fetch handler in
// process, or over HTTP to a server on 127.0.0.1.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { toNodeListener } from "../../../src/server";

export interface Seen {
  status: number;
  headers: [string, string][];
  body: string;
}

export interface Cookie {
  value: string;
  attributes: string;
}

export class BrowserLike {
  readonly cookies = new Map<string, Cookie>();
  readonly seen: Seen[] = [];

  constructor(
    /** Sends a request: a handler called directly, or fetch to a server. */
    private readonly send: (request: Request) => Promise<Response>,
    readonly origin: string,
  ) {}

  /** Sends `path` with this browser's cookies (and Origin on POST, as browsers do); keeps what the answer sets. */
  async request(method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}) {
    const headers = new Headers(init.headers);
    const cookie = [...this.cookies].map(([name, { value }]) => `${name}=${value}`).join("; ");
    if (cookie && !headers.has("Cookie")) headers.set("Cookie", cookie);
    if (method === "POST" && !headers.has("Origin")) headers.set("Origin", this.origin);
    if (init.body !== undefined && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
    const response = await this.send(new Request(this.origin + path, { method, headers, body: init.body }));
    const body = await response.text();
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      if (/max-age=0\b/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, { value: pair!.slice(eq + 1), attributes: attributes.join(";").trim() });
    }
    this.seen.push({ status: response.status, headers: [...response.headers], body });
    let json: any;
    try {
      json = JSON.parse(body);
    } catch {}
    return { status: response.status, headers: response.headers, body, json };
  }

  /** The pending sign-in cookies this browser holds. */
  pending(): string[] {
    return [...this.cookies.keys()].filter(
      (name) => name.startsWith("plex-sign-in-") && name !== "plex-sign-in-ticket",
    );
  }

  /** Everything any answer showed: statuses, headers and bodies, as one text. */
  everything(): string {
    return JSON.stringify(this.seen);
  }
}

/** A node:http server on 127.0.0.1 that answers with a Fetch handler, through the package's own Node listener. */
export async function serveFetch(
  handler: (request: Request) => Promise<Response>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  };
}

/** A fetch that keeps nothing between calls: what BrowserLike sends over HTTP. */
export const overHttp = (request: Request) => fetch(request, { redirect: "manual" });
