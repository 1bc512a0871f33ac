// A Plex Media Server stand-in: its authentication surface as ../shared/plex-media-server-api.md records it.
// - GET /identity (no token): `{"MediaContainer":{size, claimed, machineIdentifier, version}}`.
// - GET /security/token?type=delegation&scope=all (token): a transient token with the caller's rights, accepted
//   as a token until restart(); other `type`/`scope` values are refused.
// - GET /security/resources?source=…&refresh=0|1 (token): the devices this server knows for that source.
// - POST /myplex/claim?token=claim-… (no token): an unclaimed server becomes claimed when `claim` accepts the code.
// - JSON only for `Accept: application/json` (MediaContainer wrapped, JSON booleans); XML otherwise, with PMS's
//   capitalised element names. A missing or unknown token gets an HTML 401 page, as a real server sends.

import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { attribute } from "./xml";

/** A device this server knows, as /security/resources lists it (capitalised element names, as PMS spells them). */
export interface FakeSourceDevice {
  name?: string;
  clientIdentifier: string;
  accessToken?: string | null;
  Connection?: { protocol?: string; address?: string; port?: number; uri: string; local?: boolean }[];
}

export interface FakeMediaServerOptions {
  /** Wait this long before answering. */
  delayMs?: number;
  /** Answer /identity with this status (default 200). */
  status?: number;
  /** The token it accepts (its `accessToken` in plex.tv's resources). Others get 401, an HTML page. */
  accessToken?: string;
  /** Its machine identifier (plex.tv's clientIdentifier of the server). Default "standin-pms". */
  machineIdentifier?: string;
  /** Default true. An unclaimed server answers `claimed: false` and takes POST /myplex/claim. */
  claimed?: boolean;
  /**
   * Whether plex.tv accepts a claim token, and for whom: return the account (it becomes the claim's answer), or null
   * for an unknown, used or expired one. A FakePlexTv's `redeemClaimToken` fits. Default: none is accepted.
   */
  claim?: (claimToken: string) => Record<string, unknown> | null | undefined;
  /** What /security/resources knows, by source (a machine identifier or a provider). */
  sources?: Record<string, FakeSourceDevice[]>;
}

export interface FakeMediaServer {
  /** http://127.0.0.1:PORT */
  readonly uri: string;
  readonly machineIdentifier: string;
  /** Every request, as received. Holds tokens and claim tokens: never log it outside tests. */
  readonly requests: { method: string; url: string; headers: IncomingMessage["headers"] }[];
  /** Whether the server is claimed now. */
  isClaimed(): boolean;
  /** The token stops working (as when the user removes the device or the share). */
  revoke(token: string): void;
  /** The server restarts: transient tokens are gone. */
  restart(): void;
  /** Connections open right now. */
  openSockets(): number;
  /** Delayed answers still waiting (each holds a timer in this process). */
  pendingAnswers(): number;
  close(): Promise<void>;
}

/** PMS XML: scalars as attributes (booleans 1/0), each array item as a child element named by its key. */
function pmsElement(name: string, value: Record<string, unknown>): string {
  let attributes = "";
  let children = "";
  for (const [key, field] of Object.entries(value)) {
    if (field === null || field === undefined) continue;
    if (Array.isArray(field)) children += field.map((item) => pmsElement(key, item)).join("");
    else if (typeof field === "object") children += pmsElement(key, field as Record<string, unknown>);
    else attributes += ` ${key}="${attribute(field)}"`;
  }
  return children ? `<${name}${attributes}>${children}</${name}>` : `<${name}${attributes}/>`;
}

/** An HTML page, as a real server answers its errors (a 401 included, where JSON was asked for). */
function page(response: ServerResponse, status: number, title: string): void {
  response.writeHead(status, { "Content-Type": "text/html" });
  response.end(`<html><head><title>${title}</title></head><body><h1>${status} ${title}</h1></body></html>`);
}

export async function startFakeMediaServer(options: FakeMediaServerOptions = {}): Promise<FakeMediaServer> {
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const requests: FakeMediaServer["requests"] = [];
  const machineIdentifier = options.machineIdentifier ?? "standin-pms";
  let claimed = options.claimed ?? true;
  const revoked = new Set<string>();
  const transientTokens = new Set<string>();

  const tokenAccepted = (token: string | undefined) =>
    !!token && !revoked.has(token) && (token === options.accessToken || transientTokens.has(token));

  function send(request: IncomingMessage, response: ServerResponse, status: number, container: object): void {
    const json = request.headers.accept === "application/json";
    response.writeHead(status, { "Content-Type": json ? "application/json" : "text/xml;charset=utf-8" });
    response.end(
      json
        ? JSON.stringify({ MediaContainer: container })
        : `<?xml version="1.0" encoding="UTF-8"?>\n${pmsElement("MediaContainer", container as Record<string, unknown>)}`,
    );
  }

  function answer(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? "/", "http://pms.invalid");
    const query = url.searchParams;
    const route = `${request.method} ${url.pathname}`;
    const tokenless = route === "GET /identity" || route === "POST /myplex/claim";
    const token = request.headers["x-plex-token"];
    if (!tokenless && !tokenAccepted(typeof token === "string" ? token : undefined)) {
      return page(response, 401, "Unauthorized");
    }
    switch (route) {
      case "GET /identity":
        return send(request, response, options.status ?? 200, {
          size: 0,
          claimed,
          machineIdentifier,
          version: "1.41.3.9314-a0bfb8370",
        });
      case "GET /security/token": {
        if (query.get("type") !== "delegation" || query.get("scope") !== "all") {
          return page(response, 400, "Bad Request");
        }
        const transient = `transient-${randomBytes(12).toString("hex")}`;
        transientTokens.add(transient);
        return send(request, response, 200, { size: 0, token: transient });
      }
      case "GET /security/resources": {
        const source = query.get("source");
        if (!source) {
          return page(response, 400, "Bad Request");
        }
        const devices = options.sources?.[source] ?? [];
        return send(request, response, 200, { size: devices.length, ...(devices.length ? { Device: devices } : {}) });
      }
      case "POST /myplex/claim": {
        const account = claimed ? null : options.claim?.(query.get("token") ?? "");
        if (!account) {
          return page(response, 400, "Bad Request");
        }
        claimed = true;
        response.writeHead(200, { "Content-Type": "application/json" });
        return void response.end(JSON.stringify(account));
      }
      default:
        page(response, 404, "Not Found");
    }
  }

  const server = createServer((request, response) => {
    requests.push({ method: request.method ?? "GET", url: request.url ?? "/", headers: request.headers });
    if (!options.delayMs) return answer(request, response);
    const timer = setTimeout(() => (timers.delete(timer), answer(request, response)), options.delayMs);
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
    machineIdentifier,
    requests,
    isClaimed: () => claimed,
    revoke: (token) => void revoked.add(token),
    restart: () => transientTokens.clear(),
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
