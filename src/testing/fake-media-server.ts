// A Plex Media Server stand-in: its authentication surface as ../shared/plex-media-server-api.md records it, each
// answer typed by spec/plex-media-server.yaml (a spec change it does not follow fails tsc here).
// - GET /identity (no token): `{"MediaContainer":{size, claimed, machineIdentifier, version}}`.
// - GET /security/token?type=delegation&scope=all (token): a transient token with the caller's rights, accepted
//   as a token until restart(); other `type`/`scope` values are refused. A missing or bad token gets a 403 page.
// - GET /security/resources?source=…&refresh=0|1 (token): the devices this server knows for that source.
// - POST /myplex/claim?token=claim-… (no token): an unclaimed server becomes claimed when `claim` accepts the code,
//   and answers its account, `{"MyPlex":{authToken, username, mappingState: "mapped", signInState: "ok"}}`; a
//   claimed server answers a 401 page.
// - JSON only for `Accept: application/json` (MediaContainer wrapped, JSON booleans); XML otherwise, with PMS's
//   capitalised element names. A missing or unknown token gets an HTML 401 page, as a real server sends.

import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { components, paths } from "../../generated/plex-media-server";
import { BoundedMap } from "./bounded-map";
import { redactUrl } from "./redact";
import { RequestLog, truncate } from "./request-log";
import { host, readBody, requestUrl } from "./serve";
import type { OperationName, SpecSuccess } from "./spec-answers";
import { attribute } from "./xml";

/** A device this server knows, as /security/resources lists it (capitalised element names, as PMS spells them). */
export type FakeSourceDevice = components["schemas"]["SourceDevice"];

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
   * Whether plex.tv accepts a claim token, and for whom: return the account (its `username`, and `authToken` when
   * it has one), or null for an unknown, used or expired one. A FakePlexTv's `redeemClaimToken` fits. Default:
   * none is accepted.
   */
  claim?: (claimToken: string) => { username: string; authToken?: string } | null | undefined;
  /** What /security/resources knows, by source (a machine identifier or a provider). */
  sources?: Record<string, FakeSourceDevice[]>;
  /** How many requests `requests` keeps (the oldest are dropped first). Default 1000. */
  requestLogLimit?: number;
  /** About how many bytes `requests` keeps (the oldest are dropped first; a long URL is cut). Default 4 MiB. */
  requestLogBytes?: number;
}

export interface FakeMediaServer {
  /** http://127.0.0.1:PORT */
  readonly uri: string;
  readonly machineIdentifier: string;
  /**
   * Every request, newest last, bounded as plex.tv's stand-in's log is: claim tokens and tokens in URLs are
   * redacted, but the headers hold tokens as sent: never log it outside tests.
   */
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
  /** How much it keeps now (each bounded, whatever clients send). */
  retained(): { requests: number; requestLogBytes: number; transientTokens: number; revokedTokens: number };
  close(): Promise<void>;
}

type Operation = OperationName<paths>;
/** An HTML page, as a real server answers its errors (a 401 included, where JSON was asked for). */
type Page = { status: number; page: string };
/** What each operation answers: its spec's 2xx body, or an HTML page. */
type Routes = { [O in Operation]: (query: URLSearchParams) => SpecSuccess<paths, O> | Page };

/** Transient tokens and revoked tokens kept at most, each (the oldest go first). */
const MAX_TOKENS = 10_000;
const MAX_BODY_BYTES = 1024 * 1024;

const page = (status: number, title: string): Page => ({
  status,
  page: `<html><head><title>${title}</title></head><body><h1>${status} ${title}</h1></body></html>`,
});

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

function sendPage(response: ServerResponse, { status, page }: Page): void {
  response.writeHead(status, { "Content-Type": "text/html" });
  response.end(page);
}

/** A JSON answer (`{"MediaContainer":…}` or `{"MyPlex":…}`), or the same as XML with that root element. */
function sendBody(request: IncomingMessage, response: ServerResponse, status: number, body: object): void {
  const json = request.headers.accept === "application/json";
  const [root, value] = Object.entries(body)[0] as [string, Record<string, unknown>];
  response.writeHead(status, { "Content-Type": json ? "application/json" : "text/xml;charset=utf-8" });
  response.end(json ? JSON.stringify(body) : `<?xml version="1.0" encoding="UTF-8"?>\n${pmsElement(root, value)}`);
}

export async function startFakeMediaServer(options: FakeMediaServerOptions = {}): Promise<FakeMediaServer> {
  const log = new RequestLog<FakeMediaServer["requests"][number]>(
    options.requestLogLimit ?? 1000,
    options.requestLogBytes ?? 4 * 1024 * 1024,
  );
  const machineIdentifier = options.machineIdentifier ?? "standin-pms";
  let claimed = options.claimed ?? true;
  const revoked = new BoundedMap<string, true>(MAX_TOKENS);
  const transientTokens = new BoundedMap<string, true>(MAX_TOKENS);

  const tokenAccepted = (token: string | undefined) =>
    !!token && !revoked.has(token) && (token === options.accessToken || transientTokens.has(token));

  const routes: Routes = {
    "GET /identity": () => ({
      status: 200,
      body: { MediaContainer: { size: 0, claimed, machineIdentifier, version: "1.41.3.9314-a0bfb8370" } },
    }),
    "GET /security/token": (query) => {
      if (query.get("type") !== "delegation" || query.get("scope") !== "all") return page(400, "Bad Request");
      const transient = `transient-${randomBytes(12).toString("hex")}`;
      transientTokens.set(transient, true);
      return { status: 200, body: { MediaContainer: { size: 0, token: transient } } };
    },
    "GET /security/resources": (query) => {
      const source = query.get("source");
      if (!source) return page(400, "Bad Request");
      const devices = options.sources?.[source] ?? [];
      return {
        status: 200,
        body: { MediaContainer: { size: devices.length, ...(devices.length ? { Device: devices } : {}) } },
      };
    },
    "POST /myplex/claim": (query) => {
      // A claimed server answers 401 (ClaimIt#1); an unknown or expired claim token's answer is not recorded.
      if (claimed) return page(401, "Unauthorized");
      const account = options.claim?.(query.get("token") ?? "");
      if (!account) return page(400, "Bad Request");
      claimed = true;
      const authToken = account.authToken ?? `standin-${randomBytes(15).toString("base64url")}`;
      const { username } = account;
      return { status: 200, body: { MyPlex: { authToken, username, mappingState: "mapped", signInState: "ok" } } };
    },
  };
  const tokenless = new Set<string>(["GET /identity", "POST /myplex/claim"] satisfies Operation[]);

  async function answer(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const route = `${request.method} ${url.pathname}`;
    const token = request.headers["x-plex-token"];
    const handler = (routes as Record<string, Routes[Operation]>)[route];
    if (!handler) return sendPage(response, page(404, "Not Found"));
    if (!tokenless.has(route) && !tokenAccepted(typeof token === "string" ? token : undefined)) {
      // /security/token refuses with a 403 page (the newest public spec); the other operations with a 401 one.
      return sendPage(response, route === "GET /security/token" ? page(403, "Forbidden") : page(401, "Unauthorized"));
    }
    const result = handler(url.searchParams);
    if ("page" in result) return sendPage(response, result);
    const status = route === "GET /identity" ? (options.status ?? result.status) : result.status;
    sendBody(request, response, status, result.body);
  }

  const refuse = (response: ServerResponse) => sendPage(response, page(400, "Bad Request"));
  const server = await host(async (request, response) => {
    const entry = {
      method: request.method ?? "GET",
      url: truncate(redactUrl(request.url ?? "/")),
      headers: request.headers,
    };
    let size = entry.method.length + entry.url.length;
    for (const [name, value] of Object.entries(request.headers)) size += name.length + String(value).length;
    log.add(entry, size);
    // PMS takes no request bodies here: read and drop one, up to a bound.
    if ((await readBody(request, MAX_BODY_BYTES)) === undefined) {
      response.setHeader("Connection", "close");
      return sendPage(response, page(413, "Request Entity Too Large"));
    }
    const url = requestUrl(request);
    if (!url) return refuse(response);
    if (!options.delayMs) return answer(request, response, url);
    await server.delay(request, options.delayMs);
    if (!request.socket.destroyed) await answer(request, response, url);
  }, refuse);
  return {
    uri: `http://127.0.0.1:${server.port}`,
    machineIdentifier,
    requests: log.entries,
    isClaimed: () => claimed,
    revoke: (token) => void revoked.set(token, true),
    restart: () => transientTokens.clear(),
    openSockets: () => server.openSockets(),
    pendingAnswers: () => server.pendingTasks(),
    retained: () => ({
      requests: log.entries.length,
      requestLogBytes: log.bytes,
      transientTokens: transientTokens.size,
      revokedTokens: revoked.size,
    }),
    close: () => server.close(),
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
