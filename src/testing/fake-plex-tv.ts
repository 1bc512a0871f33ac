// A plex.tv stand-in: a real HTTP server on 127.0.0.1 that behaves as plex.tv does (../shared/plex-tv-api.md),
// with controls for tests: approve PINs, inject faults, read the log of what it received.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { components } from "../../generated/plex-tv";
import { badRequest, jsonBody, plexError, send, sendFault } from "./answers";
import { authAppPage } from "./auth-app-page";
import { FaultQueue, type Fault, type Route } from "./faults";
import { completeDevice, defaultResources, PlexTvState, type PartialDevice, type User } from "./plex-tv-state";
import { denied, plexTvRoutes, routeMatcher } from "./plex-tv-routes";
import {
  completeFriend,
  PlexHomeState,
  plexHomeRoutes,
  type Companion,
  type Friend,
  type HomeMember,
  type PasswordAccount,
  type PasswordAccountOptions,
} from "./plex-home";

type Pin = components["schemas"]["GetPinAuthPinContainer"];

export interface FakePlexTvOptions {
  /** PIN lifetimes in seconds; plex.tv's are 1800 (strong) and 900. Short ones keep expiry tests fast. */
  pinLifetimeSeconds?: { strong?: number; short?: number };
  /** Approve every PIN on its Nth check. */
  autoApproveAfterPolls?: number;
  /** Approve every PIN this long after it was created, as a user clicking Approve would. */
  autoApproveAfterMs?: number;
  /**
   * What GET /api/v2/resources answers; by default one owned server whose connections lead nowhere (`.invalid`).
   * Fields a device leaves out are filled in as plex.tv sends them (null where empty): see completeDevice.
   */
  resources?: PartialDevice[];
  /** Port to listen on; default 0 (any free port). */
  port?: number;
  /** Lifetime of the Plex JWTs it issues; plex.tv's is 7 days. */
  jwtLifetimeSeconds?: number;
  /** Lifetime of a nonce from GET /api/v2/auth/nonce; plex.tv's is 5 minutes. */
  nonceLifetimeSeconds?: number;
  /**
   * How far the stand-in's clock is from this machine's, in ms: its `Date` header, `createdAt`/`expiresAt` and JWT
   * times move by this much (lifetimes do not). -31 * 60_000 plays a device whose clock is 31 minutes fast.
   */
  clockOffsetMs?: number;
  /** How many requests `requests` keeps (the oldest are dropped first). Default 1000. */
  requestLogLimit?: number;
  /** The largest request body it reads; a larger one gets 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * Set up a Plex Home: the default user as admin (with this Home PIN when `adminPin` is given) and two managed
   * users, "Kids" (protected, PIN 1234) and "Living Room" (unprotected). Same as calling setUpHome().
   */
  home?: boolean | { adminPin?: string };
  /** What GET /api/v2/friends answers (fields left out are filled in). */
  friends?: (Partial<Friend> & Pick<Friend, "title">)[];
  /** What GET /api/v2/companions answers. */
  companions?: Companion[];
}

export interface RecordedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  /** The spec's route ("GET /api/v2/pins/{pinID}"), or "unknown". */
  route: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
  /** When it arrived (Date.now()). */
  receivedAt: number;
  /** The status answered; undefined for a reset connection. */
  status?: number;
  /** What it answered, before rendering as JSON or XML (undefined for an empty body or a fault). */
  answer?: unknown;
  /** The injected fault this request got, if any. */
  fault?: Fault["kind"];
}

export interface FakePlexTv {
  /** Base URL for createPlexTvClient: http://127.0.0.1:PORT */
  readonly url: string;
  /**
   * What it received, newest last, at most `requestLogLimit` entries. It holds tokens and request bodies as sent
   * (headers, query strings): keep it out of logs and snapshots.
   */
  readonly requests: RecordedRequest[];
  /** Empties `requests`. */
  clearRequests(): void;
  /**
   * A stand-in of Plex's auth app, served here (http://127.0.0.1:PORT/auth): pass it as `authAppBaseUrl` to
   * loginWithPopup or startRedirectLogin, and its Approve button approves the PIN, as a user would.
   */
  readonly authAppUrl: string;
  /**
   * Approves a PIN (by id or code) with `token`, or a new token of the default user. Returns the token.
   * Over HTTP (for browser pages and other processes): POST /__standin/approve with `code=CODE` or {"code": CODE}.
   */
  approve(pin: number | string, token?: string): string;
  /** A new valid token for a user (default: the stand-in's one user). */
  issueToken(user?: Partial<User>): string;
  /** Makes a token invalid (401), as signing out does. */
  revokeToken(token: string): void;
  /** The PIN as the stand-in holds it now. */
  getPin(pin: number | string): Pin | undefined;
  /** Injects `fault` into the next `times` requests on `route` ("POST /api/v2/pins", or "*" for any). */
  fault(route: Route, fault: Fault, times?: number): void;
  /** Replaces what GET /api/v2/resources answers (fields left out are filled in, as for `resources`). */
  setResources(devices: PartialDevice[]): void;
  /** Starts signing Plex JWTs with a new key; returns its kid. The old keys stay valid unless `dropOld`. */
  rotateKeys(dropOld?: boolean): string;
  /** A Plex JWT signed by the stand-in (for tests of verification and expiry). */
  issuePlexJwt(
    claims: { aud: string; thumbprint: string; sub?: string; scope?: string },
    lifetimeSeconds?: number,
  ): string;
  /**
   * Makes the default user the admin of a Home with "Kids" (protected, PIN 1234) and "Living Room" (unprotected);
   * returns the members, admin first. Managed users see the admin's servers as shared ones, with their own tokens.
   */
  setUpHome(options?: { adminPin?: string }): HomeMember[];
  /** Adds a managed user to the Home (setting the Home up first). */
  addHomeUser(user: { title: string; pin?: string; restrictionProfile?: string }): HomeMember;
  /** An account that signs in with a password (and a 2FA code, when `verificationCode` is set). */
  addPasswordAccount(account: PasswordAccountOptions): PasswordAccount;
  /** Replaces what GET /api/v2/friends answers. */
  setFriends(friends: (Partial<Friend> & Pick<Friend, "title">)[]): void;
  /** Replaces what GET /api/v2/companions answers. */
  setCompanions(companions: Companion[]): void;
  /**
   * Spends a claim token from GET /api/claim/token.json: the account it is for, or null when it is unknown, used or
   * older than 4 minutes. Pass it as startFakeMediaServer's `claim`.
   */
  redeemClaimToken(token: string): { id: number; uuid: string; username: string } | null;
  close(): Promise<void>;
}

export async function startFakePlexTv(options: FakePlexTvOptions = {}): Promise<FakePlexTv> {
  const clockOffsetMs = options.clockOffsetMs ?? 0;
  const state = new PlexTvState(
    { strong: 1800, short: 900, ...options.pinLifetimeSeconds },
    options.jwtLifetimeSeconds ?? 7 * 86_400,
    options.nonceLifetimeSeconds ?? 300,
    options.resources ?? defaultResources,
    clockOffsetMs ? () => Date.now() + clockOffsetMs : Date.now,
  );
  const requests: RecordedRequest[] = [];
  const faults = new FaultQueue();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const schedule = (task: () => void, ms: number) => {
    const timer = setTimeout(() => (timers.delete(timer), task()), ms);
    timers.add(timer);
    return timer;
  };
  const home = new PlexHomeState(state);
  if (options.home) home.setUpHome(options.home === true ? undefined : options.home.adminPin);
  home.friends = (options.friends ?? []).map(completeFriend);
  home.companions = options.companions ?? [];
  const routes = { ...plexTvRoutes(state, { ...options, schedule }), ...plexHomeRoutes(state, home, denied) };
  const match = routeMatcher(routes);

  const requestLogLimit = options.requestLogLimit ?? 1000;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;

  // Whatever a client sends (a bad escape, a bad absolute URL, a hang-up mid-body), the process hosting the
  // stand-in never crashes: a request it cannot read gets a 400, or its connection is dropped.
  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (response.headersSent) return void response.destroy();
      response.writeHead(400, { "Content-Type": "application/json" });
      response.end(JSON.stringify(plexError(1000, "Bad request", 400)));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    response.setHeader("Access-Control-Allow-Origin", request.headers.origin ?? "*");
    response.setHeader("Access-Control-Expose-Headers", "Retry-After");
    response.setHeader("Vary", "Origin");
    // Every answer carries the stand-in's own clock, as plex.tv's does.
    if (clockOffsetMs) response.setHeader("Date", new Date(state.now()).toUTCString());
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > maxBodyBytes) {
        response.writeHead(413, { "Content-Type": "application/json", Connection: "close" });
        return response.end(JSON.stringify(plexError(1000, "Request body too large", 413)));
      }
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const method = request.method ?? "GET";

    // CORS preflight, as plex.tv answers it for web apps.
    if (method === "OPTIONS") {
      response.writeHead(204, {
        "Access-Control-Allow-Methods": "GET, POST, PUT, DELETE, OPTIONS",
        "Access-Control-Allow-Headers": request.headers["access-control-request-headers"] ?? "*",
        "Access-Control-Max-Age": "86400",
      });
      return response.end();
    }

    // Not plex.tv: a stand-in of Plex's auth app, for testing web sign-in (authAppBaseUrl: server.authAppUrl).
    if (method === "GET" && /^\/auth\/?$/.test(url.pathname)) {
      response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      return response.end(authAppPage);
    }

    // A test control, not part of plex.tv: what a user's "Approve" click does, for pages and other processes.
    if (method === "POST" && url.pathname === "/__standin/approve") {
      const code = jsonBody(body)?.code ?? new URLSearchParams(body).get("code");
      const known = typeof code === "string" && state.findPin(code) !== undefined;
      if (known) state.approve(code);
      response.writeHead(known ? 204 : 404);
      return response.end();
    }

    const matched = match(method, url.pathname);
    const record: RecordedRequest = {
      method,
      url: request.url ?? "/",
      route: matched?.key ?? "unknown",
      headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)])),
      // A password and a 2FA code are never kept, not even here.
      body: body.replace(/((?:^|&)(?:password|verificationCode)=)[^&]*/g, "$1[redacted]"),
      receivedAt: Date.now(),
    };
    requests.push(record);
    if (requests.length > requestLogLimit) requests.splice(0, requests.length - requestLogLimit);
    response.on("finish", () => (record.status = response.statusCode));

    let fault = faults.take(record.route);
    if (fault?.kind === "delay") {
      const ms = fault.ms;
      await new Promise<void>((resolve) => {
        const timer = schedule(resolve, ms);
        request.socket.once("close", () => (clearTimeout(timer), timers.delete(timer), resolve()));
      });
      if (request.socket.destroyed) return;
      fault = undefined;
    }
    if (fault?.kind === "reset") return ((record.fault = "reset"), void request.socket.destroy());

    const answer = (() => {
      if (!matched) return { status: 404, body: plexError(1002, "Not found", 404) };
      // plex.tv reads X-Plex-* values and the token from the query string too; a header wins.
      const plexValue = (name: string) => {
        const header = request.headers[name.toLowerCase()];
        return typeof header === "string" && header !== "" ? header : (url.searchParams.get(name) ?? undefined);
      };
      const clientIdentifier = plexValue("X-Plex-Client-Identifier");
      if (!clientIdentifier) return badRequest("X-Plex-Client-Identifier is missing");
      const token = plexValue("X-Plex-Token");
      const auth = state.authenticate(token);
      return routes[matched.key]!({ request, url, params: matched.params, body, clientIdentifier, token, ...auth });
    })();
    if (fault) return ((record.fault = fault.kind), sendFault(response, fault, answer));
    record.answer = answer.body;
    send(response, request.headers.accept, answer);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    clearRequests: () => void requests.splice(0),
    authAppUrl: `http://127.0.0.1:${port}/auth`,
    approve: (key, token) => state.approve(key, token),
    issueToken: (user) => state.issueToken(user),
    revokeToken: (token) => state.revoke(token),
    getPin: (key) => {
      const pin = state.findPin(key);
      return pin && state.pinJson(pin);
    },
    fault: (route, fault, times) => faults.add(route, fault, times),
    setResources: (devices) => void (state.resources = devices.map(completeDevice)),
    rotateKeys: (dropOld) => state.authority.rotate(dropOld),
    issuePlexJwt: ({ aud, thumbprint, sub = state.defaultUser.uuid, scope = "username" }, lifetimeSeconds) =>
      state.authority.issue({ sub, aud, thumbprint, scope }, lifetimeSeconds),
    setUpHome: ({ adminPin } = {}) => home.setUpHome(adminPin),
    addHomeUser: (user) => home.addHomeUser(user),
    addPasswordAccount: (account) => home.addPasswordAccount(account),
    setFriends: (friends) => void (home.friends = friends.map(completeFriend)),
    setCompanions: (companions) => void (home.companions = companions),
    redeemClaimToken: (token) => home.redeemClaimToken(token),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export type { Fault, Route } from "./faults";
