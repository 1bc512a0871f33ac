// A plex.tv stand-in: a real HTTP server on 127.0.0.1 that behaves as plex.tv does (../shared/plex-tv-api.md),
// with controls for tests: approve PINs, inject faults, read the log of what it received.

import type { IncomingMessage, ServerResponse } from "node:http";
import type { components } from "../../generated/plex-tv";
import { ownsLogin, type AccountFields, type AccountKind } from "./accounts";
import {
  badRequest,
  errorBody,
  failure,
  Framings,
  jsonBody,
  routeNotFound,
  send,
  sendFault,
  type Answer,
} from "./answers";
import { authAppPage } from "./auth-app-page";
import { FaultQueue, type Fault, type Route } from "./faults";
import { completeDevice, defaultResources, PlexTvState, type PartialDevice, type User } from "./plex-tv-state";
import { plexTvRoutes, routeMatcher, type Context, type Routes } from "./plex-tv-routes";
import {
  completeFriend,
  type ClaimedFor,
  PlexHomeState,
  plexHomeRoutes,
  type Companion,
  type Friend,
  type HomeMember,
  type NewHomeUser,
  type PasswordAccount,
  type PasswordAccountOptions,
} from "./plex-home";
import { redactBody, redactUrl } from "./redact";
import { RequestLog, truncate } from "./request-log";
import { host, readBody, requestUrl } from "./serve";

type Pin = components["schemas"]["GetPinAuthPinContainer"];

export interface FakePlexTvOptions {
  /**
   * The default user's kind of account, each as recorded answers show it: "free" (default), "plex-pass", "managed"
   * (a managed user of a Home whose admin is another account) or "guest" (that Home's Guest account).
   */
  account?: AccountKind;
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
  /** About how many bytes `requests` keeps (the oldest are dropped first; a long URL or body is cut). Default 4 MiB. */
  requestLogBytes?: number;
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
  /** Path and query as received, with Home PINs, tokens and passwords redacted, cut past 8 KiB. */
  url: string;
  /** The spec's route ("GET /api/v2/pins/{pinID}"), or "unknown". */
  route: string;
  /** Header names in lower case (X-Plex-Token among them, as sent). */
  headers: Record<string, string>;
  /** The body, with `password` and `verificationCode` redacted, cut past 8 KiB. */
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
   * What it received, newest last, at most `requestLogLimit` entries and about `requestLogBytes`. Passwords, 2FA
   * codes, Home PINs and tokens in URLs are redacted, but the headers hold tokens as sent: keep it out of logs
   * and snapshots.
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
  /**
   * A new valid token: of the default user, or of a new account with these fields. `account` picks its kind
   * ("free" by default; "managed" and "guest" add it to the Home).
   */
  issueToken(user?: AccountFields): string;
  /** Makes a token invalid (401), as signing out does. */
  revokeToken(token: string): void;
  /** The PIN as the stand-in holds it now. */
  getPin(pin: number | string): Pin | undefined;
  /**
   * Injects `fault` into the next `times` requests on `route` ("POST /api/v2/pins", or "*" for any). A name that
   * is no operation of the spec is a TypeError: it would never fire.
   */
  fault(route: Route, fault: Fault, times?: number): void;
  /** Drops every fault still waiting. */
  clearFaults(): void;
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
   * returns the members, admin first. Managed users see only the servers shared with them (shareServer).
   */
  setUpHome(options?: { adminPin?: string }): HomeMember[];
  /** Adds a user to the Home (making the Home first): managed by default; `account` "guest" enables the Guest. */
  addHomeUser(user: NewHomeUser): HomeMember;
  /**
   * Shares a server of `resources` (by its clientIdentifier) with a managed Home user or the guest (its uuid, or
   * the user): GET /api/v2/resources then lists it for them, with a token of their own.
   */
  shareServer(serverClientIdentifier: string, user: string | { uuid: string }): void;
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
  redeemClaimToken(token: string): ClaimedFor | null;
  /** How much it keeps now (each bounded, whatever clients send): for tests that nothing grows without bound. */
  retained(): RetainedCounts;
  close(): Promise<void>;
}

export interface RetainedCounts {
  pins: number;
  tokens: number;
  nonces: number;
  claimTokens: number;
  /** IPs with failed sign-ins counted. */
  failedSignIns: number;
  requests: number;
  /** About how many bytes the request log holds. */
  requestLogBytes: number;
}

export async function startFakePlexTv(options: FakePlexTvOptions = {}): Promise<FakePlexTv> {
  const clockOffsetMs = options.clockOffsetMs ?? 0;
  const state = new PlexTvState(
    { strong: 1800, short: 900, ...options.pinLifetimeSeconds },
    options.jwtLifetimeSeconds ?? 7 * 86_400,
    options.nonceLifetimeSeconds ?? 300,
    options.resources ?? defaultResources,
    clockOffsetMs ? () => Date.now() + clockOffsetMs : Date.now,
    options.account,
  );
  const log = new RequestLog<RecordedRequest>(
    options.requestLogLimit ?? 1000,
    options.requestLogBytes ?? 4 * 1024 * 1024,
  );
  const framings = new Framings();
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const home = new PlexHomeState(state, options.account);
  if (options.home) home.setUpHome(options.home === true ? undefined : options.home.adminPin);
  home.friends = (options.friends ?? []).map(completeFriend);
  home.companions = options.companions ?? [];

  // Whatever a client sends, the process hosting the stand-in never crashes: a request it cannot read gets a 400.
  const refuse = (response: ServerResponse) => {
    response.writeHead(400, { "Content-Type": "application/json" });
    response.end(JSON.stringify(errorBody(400, 1000, "Bad request")));
  };
  const server = await host((request, response) => handle(request, response), refuse, options.port);
  const schedule = (task: () => void, ms: number) => void server.schedule(task, ms);
  const routes: Routes = { ...plexTvRoutes(state, { ...options, schedule }), ...plexHomeRoutes(state, home) };
  const match = routeMatcher(routes);
  const faults = new FaultQueue(new Set(Object.keys(routes)));

  async function handle(request: IncomingMessage, response: ServerResponse) {
    // CORS as plex.tv answers it: any origin, and only Location readable (not Date, not Retry-After).
    response.setHeader("Access-Control-Allow-Origin", "*");
    response.setHeader("Access-Control-Expose-Headers", "Location");
    // Every answer carries the stand-in's own clock, as plex.tv's does.
    if (clockOffsetMs) response.setHeader("Date", new Date(state.now()).toUTCString());
    const body = await readBody(request, maxBodyBytes);
    if (body === undefined) {
      response.writeHead(413, { "Content-Type": "application/json", Connection: "close" });
      return response.end(JSON.stringify(errorBody(413, 1000, "Request body too large")));
    }
    const url = requestUrl(request);
    if (!url) return refuse(response);
    const method = request.method ?? "GET";

    // CORS preflight, as plex.tv answers it for web apps.
    if (method === "OPTIONS") {
      response.writeHead(204, {
        "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, HEAD, DELETE, OPTIONS",
        "Access-Control-Allow-Headers": request.headers["access-control-request-headers"] ?? "*",
        "Access-Control-Max-Age": "86400",
      });
      return response.end();
    }

    // Not plex.tv: a stand-in of Plex's auth app, for testing web sign-in (authAppBaseUrl: server.authAppUrl). It
    // sends the Cross-Origin-Opener-Policy the facts page records for app.plex.tv/auth (Plex Web 4.152, Sept 2025;
    // Plex later rolled it back, but an app's popup sign-in must cope with it): an opener cannot see the popup.
    if (method === "GET" && /^\/auth\/?$/.test(url.pathname)) {
      response.writeHead(200, {
        "Content-Type": "text/html; charset=utf-8",
        "Cross-Origin-Opener-Policy": "same-origin",
      });
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
    const contentType = request.headers["content-type"];
    const form = (contentType ?? "").startsWith("application/x-www-form-urlencoded")
      ? new URLSearchParams(body)
      : undefined;
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
    const record: RecordedRequest = {
      method,
      url: truncate(redactUrl(request.url ?? "/")),
      route: matched?.key ?? "unknown",
      headers,
      // A password, a 2FA code, a Home PIN or a token in a URL is never kept, not even here.
      body: truncate(redactBody(body, contentType)),
      receivedAt: Date.now(),
    };
    let size = method.length + record.url.length + record.route.length + record.body.length;
    for (const [name, value] of Object.entries(headers)) size += name.length + value.length;
    log.add(record, size);
    response.on("finish", () => (record.status = response.statusCode));

    let fault = faults.take(record.route);
    if (fault?.kind === "delay") {
      await server.delay(request, fault.ms);
      if (request.socket.destroyed) return;
      fault = undefined;
    }
    if (fault?.kind === "reset") return ((record.fault = "reset"), void request.socket.destroy());
    // A refusal (a status, a 429) comes before the route does anything: a 503 to a sign-out revokes nothing. A
    // bad body is cut from the route's real answer.
    if (fault && fault.kind !== "body") return ((record.fault = fault.kind), sendFault(response, fault, routeNotFound));

    const answer = ((): Answer => {
      if (!matched) return routeNotFound;
      // plex.tv reads X-Plex-* values and the token from the query string too (a header wins), and the client
      // identifier from a form body as well.
      const plexValue = (name: string) => {
        const header = request.headers[name.toLowerCase()];
        return typeof header === "string" && header !== "" ? header : (url.searchParams.get(name) ?? undefined);
      };
      const clientIdentifier =
        plexValue("X-Plex-Client-Identifier") ?? form?.get("X-Plex-Client-Identifier") ?? undefined;
      if (!clientIdentifier) return badRequest("X-Plex-Client-Identifier is missing");
      const token = plexValue("X-Plex-Token");
      const context: Context = {
        request,
        url,
        params: matched.params,
        body,
        form,
        clientIdentifier,
        token,
        remoteAddress: request.socket.remoteAddress ?? "",
        ...state.authenticate(token),
      };
      return (routes[matched.key as keyof Routes] as (context: Context) => Answer)(context);
    })();
    if (fault) return ((record.fault = fault.kind), sendFault(response, fault, answer));
    record.answer = answer.body;
    // A `.json` path answers JSON whatever Accept says (python-plexapi sends none for /api/claim/token.json).
    const json = url.pathname.endsWith(".json");
    log.grow(record, send(response, { accept: request.headers.accept, json, framings }, answer));
  }

  const issueToken = (fields?: AccountFields) => {
    if (!fields) return state.tokenFor(state.defaultUser);
    const { account = "free", ...rest } = fields;
    if (!ownsLogin(account)) {
      const member = home.addHomeUser({
        title: rest.title ?? (account === "guest" ? "Guest" : "Managed User"),
        account,
      });
      Object.assign(member.user, rest);
      return state.tokenFor(member.user);
    }
    return state.tokenFor(state.newUser(account, rest));
  };

  const { port } = server;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: log.entries,
    clearRequests: () => log.clear(),
    authAppUrl: `http://127.0.0.1:${port}/auth`,
    approve: (key, token) => state.approve(key, token),
    issueToken,
    revokeToken: (token) => state.revoke(token),
    getPin: (key) => {
      const pin = state.findPin(key);
      return pin && state.pinJson(pin);
    },
    fault: (route, fault, times) => faults.add(route, fault, times),
    clearFaults: () => faults.clear(),
    setResources: (devices) => void (state.resources = devices.map(completeDevice)),
    rotateKeys: (dropOld) => state.authority.rotate(dropOld),
    issuePlexJwt: ({ aud, thumbprint, sub = state.defaultUser.uuid, scope = "username" }, lifetimeSeconds) =>
      state.authority.issue({ sub, aud, thumbprint, scope }, lifetimeSeconds),
    setUpHome: ({ adminPin } = {}) => home.setUpHome(adminPin),
    addHomeUser: (user) => home.addHomeUser(user),
    shareServer: (server, user) => home.shareServer(server, user),
    addPasswordAccount: (account) => home.addPasswordAccount(account),
    setFriends: (friends) => void (home.friends = friends.map(completeFriend)),
    setCompanions: (companions) => void (home.companions = companions),
    redeemClaimToken: (token) => home.redeemClaimToken(token),
    retained: () => ({
      pins: state.pins.size,
      tokens: state.tokens.size,
      nonces: state.authority.unspentNonces,
      claimTokens: home.claimTokens.size,
      failedSignIns: home.failedSignIns.size,
      requests: log.entries.length,
      requestLogBytes: log.bytes,
    }),
    close: () => server.close(),
  };
}

export type { Fault, Route } from "./faults";
