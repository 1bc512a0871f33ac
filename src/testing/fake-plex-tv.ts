// A plex.tv stand-in: a real HTTP server on 127.0.0.1 that behaves as plex.tv does (../shared/plex-tv-api.md),
// with controls for tests: approve PINs, inject faults, read the log of what it received.

import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { components } from "../../generated/plex-tv";
import { FaultQueue, type Fault, type Route } from "./faults";
import { decode, isEd25519Jwk, JwtAuthority, signedBy, type Jwk } from "./jwt-authority";
import { toXml } from "./xml";

type Pin = components["schemas"]["GetPinAuthPinContainer"];
type User = components["schemas"]["UserPlexAccount"];
type Device = components["schemas"]["PlexDevice"];
type GeoData = components["schemas"]["GeoData"];

export interface FakePlexTvOptions {
  /** PIN lifetimes in seconds; plex.tv's are 1800 (strong) and 900. Short ones keep expiry tests fast. */
  pinLifetimeSeconds?: { strong?: number; short?: number };
  /** Approve every PIN on its Nth check. */
  autoApproveAfterPolls?: number;
  /** Approve every PIN this long after it was created, as a user clicking Approve would. */
  autoApproveAfterMs?: number;
  /** What GET /api/v2/resources answers; by default one owned server. */
  resources?: Device[];
  /** Port to listen on; default 0 (any free port). */
  port?: number;
  /** Lifetime of the Plex JWTs it issues; plex.tv's is 7 days. */
  jwtLifetimeSeconds?: number;
  /** Lifetime of a nonce from GET /api/v2/auth/nonce; plex.tv's is 5 minutes. */
  nonceLifetimeSeconds?: number;
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
  readonly requests: RecordedRequest[];
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
  setResources(devices: Device[]): void;
  /** Starts signing Plex JWTs with a new key; returns its kid. The old keys stay valid unless `dropOld`. */
  rotateKeys(dropOld?: boolean): string;
  /** A Plex JWT signed by the stand-in (for tests of verification and expiry). */
  issuePlexJwt(
    claims: { aud: string; thumbprint: string; sub?: string; scope?: string },
    lifetimeSeconds?: number,
  ): string;
  close(): Promise<void>;
}

interface PinRecord {
  id: number;
  code: string;
  clientIdentifier: string;
  createdAt: number;
  expiresAt: number;
  authToken: string | null;
  polls: number;
  /** For JWT device authentication: the device's public key, sent when the PIN was made. */
  jwk?: { kty: "OKP"; crv: "Ed25519"; x: string };
}

interface RegisteredDevice {
  jwk: { x: string };
  clientIdentifier: string;
  user: User;
}

/** RFC 7638 thumbprint of an Ed25519 JWK. */
const thumbprint = (jwk: { x: string }) =>
  createHash("sha256")
    .update(JSON.stringify({ crv: "Ed25519", kty: "OKP", x: jwk.x }))
    .digest("base64url");

function jsonBody(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const location: GeoData = {
  code: "GB",
  continent_code: "EU",
  country: "United Kingdom",
  city: "London",
  european_union_member: false,
  time_zone: "Europe/London",
  postal_code: "SW1A 1AA",
  in_privacy_restricted_country: false,
  in_privacy_restricted_region: false,
  subdivisions: "England",
  coordinates: "51.5072, -0.1276",
};

const defaultResources: Device[] = [
  {
    name: "Stand-in Server",
    product: "Plex Media Server",
    productVersion: "1.41.3.9314-a0bfb8370",
    platform: "Linux",
    clientIdentifier: "standin0server0000000000000000000000001",
    provides: "server",
    owned: true,
    presence: true,
    accessToken: "standin-server-token",
    publicAddress: "203.0.113.7",
    connections: [
      {
        protocol: "https",
        address: "203.0.113.7",
        port: 32400,
        uri: "https://203-0-113-7.standin.plex.direct:32400",
        local: false,
        relay: false,
        IPv6: false,
      },
      {
        protocol: "http",
        address: "127.0.0.1",
        port: 32400,
        uri: "http://127.0.0.1:32400",
        local: true,
        relay: false,
        IPv6: false,
      },
    ],
  },
];

const alphabet = { strong: "abcdefghijklmnopqrstuvwxyz0123456789", short: "ABCDEFGHJKLMNPQRSTUVWXYZ23456789" };
function randomCode(length: number, chars: string): string {
  return Array.from(randomBytes(length), (byte) => chars[byte % chars.length]).join("");
}

const plexError = (code: number, message: string, status?: number) => ({
  errors: [{ code, message, ...(status === undefined ? {} : { status }) }],
});

interface Answer {
  status: number;
  body?: unknown;
}

interface Context {
  request: IncomingMessage;
  url: URL;
  params: Record<string, string>;
  body: string;
  clientIdentifier: string;
  user: User | undefined;
  /** Why there is no user: no token, a bad one (401) or an expired Plex JWT (498). */
  tokenProblem: "none" | "invalid" | "expired" | undefined;
}

export async function startFakePlexTv(options: FakePlexTvOptions = {}): Promise<FakePlexTv> {
  const lifetimes = { strong: 1800, short: 900, ...options.pinLifetimeSeconds };
  const pins = new Map<number, PinRecord>();
  const tokens = new Map<string, User>();
  const requests: RecordedRequest[] = [];
  const faults = new FaultQueue();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let resources = options.resources ?? defaultResources;
  let nextPinId = 1_934_786_000 + Math.floor(Math.random() * 1000);
  let nextUserId = 12_345_678;
  const usersByUuid = new Map<string, User>();
  const devices = new Map<string, RegisteredDevice>();
  const revoked = new Set<string>();
  const authority = new JwtAuthority(options.jwtLifetimeSeconds ?? 7 * 86_400, options.nonceLifetimeSeconds ?? 300);

  const defaultUser = newUser({ username: "standin", title: "Stand-in User", email: "standin@example.com" });

  function newUser(fields: Partial<User> = {}): User {
    const id = nextUserId++;
    const user: User = {
      id,
      uuid: randomBytes(8).toString("hex"),
      username: `user${id}`,
      title: `User ${id}`,
      email: `user${id}@example.com`,
      friendlyName: fields.username ?? `user${id}`,
      thumb: `https://plex.tv/users/${id}/avatar`,
      subscription: { active: false, status: "Inactive", plan: null, features: [] },
      ...fields,
    };
    usersByUuid.set(user.uuid, user);
    return user;
  }

  /** The user a token (legacy or Plex JWT) belongs to, or why there is none. */
  function authenticate(token: string | undefined): Pick<Context, "user" | "tokenProblem"> {
    if (!token) return { user: undefined, tokenProblem: "none" };
    if (revoked.has(token)) return { user: undefined, tokenProblem: "invalid" };
    const legacy = tokens.get(token);
    if (legacy) return { user: legacy, tokenProblem: undefined };
    const claims = authority.check(token);
    if (typeof claims === "string") return { user: undefined, tokenProblem: claims };
    const user = usersByUuid.get(claims.sub);
    return user ? { user, tokenProblem: undefined } : { user: undefined, tokenProblem: "invalid" };
  }

  function issueToken(user?: Partial<User>): string {
    const token = `standin-${randomBytes(15).toString("base64url")}`;
    tokens.set(token, user ? newUser(user) : defaultUser);
    return token;
  }

  function findPin(key: number | string): PinRecord | undefined {
    if (typeof key === "number") return pins.get(key);
    for (const pin of pins.values()) if (pin.code === key) return pin;
    return /^\d+$/.test(key) ? pins.get(Number(key)) : undefined;
  }

  function approve(key: number | string, token?: string): string {
    const pin = findPin(key);
    if (!pin) throw new Error(`fake plex.tv: no PIN ${key}`);
    const value = token ?? issueToken();
    if (!tokens.has(value)) tokens.set(value, defaultUser);
    pin.authToken = value;
    return value;
  }

  const iso = (ms: number) => new Date(ms).toISOString();
  function pinJson(pin: PinRecord): Pin {
    const now = Date.now();
    return {
      id: pin.id,
      code: pin.code,
      product: "0",
      trusted: false,
      qr: `https://plex.tv/api/v2/pins/qr/${pin.code}`,
      clientIdentifier: pin.clientIdentifier,
      location,
      // Whole seconds left, rounded up: a PIN made this millisecond reports its full lifetime.
      expiresIn: Math.max(0, Math.ceil((pin.expiresAt - now) / 1000)),
      createdAt: iso(pin.createdAt),
      expiresAt: iso(pin.expiresAt),
      authToken: pin.authToken,
      newRegistration: pin.authToken ? false : null,
    };
  }

  const notFound: Answer = { status: 404, body: plexError(1020, "Code not found or expired") };
  const unauthorized: Answer = { status: 401, body: plexError(1001, "User could not be authenticated", 401) };
  const tokenExpired: Answer = { status: 498, body: plexError(1098, "Token expired", 498) };
  const denied = ({ tokenProblem }: Context) => (tokenProblem === "expired" ? tokenExpired : unauthorized);
  const unprocessable = (message: string): Answer => ({ status: 422, body: plexError(1099, message, 422) });

  /** Checks a device JWT: signed by `jwk`, for plex.tv, from this client, not expired. */
  function deviceJwtProblem(jwt: unknown, jwk: { x: string }, clientIdentifier: string): string | undefined {
    const decoded = decode(jwt);
    if (!decoded) return "JWT is malformed";
    if (!signedBy(decoded, jwk)) return "JWT signature verification failed";
    const { aud, iss, exp } = decoded.payload;
    if (aud !== "plex.tv" || iss !== clientIdentifier) return "JWT claims are not for plex.tv from this client";
    if (typeof exp !== "number" || exp <= Date.now() / 1000) return "JWT expired";
    return undefined;
  }

  // Returns the PIN if the caller may see it: it exists, has not expired, and was made by this client.
  function livePin(key: number | string | undefined, clientIdentifier: string): PinRecord | undefined {
    const pin = key === undefined ? undefined : findPin(key);
    if (!pin || Date.now() >= pin.expiresAt) return undefined;
    return pin.clientIdentifier === clientIdentifier ? pin : undefined;
  }

  const routes: Record<string, (context: Context) => Answer> = {
    "POST /api/v2/pins": ({ url, clientIdentifier, body, request }) => {
      let jwk: PinRecord["jwk"];
      if (body && (request.headers["content-type"] ?? "").startsWith("application/json")) {
        const candidate = jsonBody(body)?.jwk as Jwk | undefined;
        if (!isEd25519Jwk(candidate)) return unprocessable("jwk must be an Ed25519 public key");
        jwk = { kty: "OKP", crv: "Ed25519", x: candidate.x };
      }
      const strongParam = url.searchParams.get("strong");
      if (strongParam !== null && !["true", "false", "1", "0"].includes(strongParam)) {
        return { status: 400, body: plexError(1000, "strong must be true or false", 400) };
      }
      const strong = strongParam === "true" || strongParam === "1";
      const now = Date.now();
      const pin: PinRecord = {
        id: nextPinId++,
        code: strong ? randomCode(25, alphabet.strong) : randomCode(4, alphabet.short),
        clientIdentifier,
        createdAt: now,
        expiresAt: now + (strong ? lifetimes.strong : lifetimes.short) * 1000,
        authToken: null,
        polls: 0,
        ...(jwk ? { jwk } : {}),
      };
      pins.set(pin.id, pin);
      if (options.autoApproveAfterMs !== undefined) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!pin.authToken && Date.now() < pin.expiresAt) approve(pin.id);
        }, options.autoApproveAfterMs);
        timers.add(timer);
      }
      return { status: 201, body: pinJson(pin) };
    },
    "GET /api/v2/pins/{pinID}": ({ params, clientIdentifier, url }) => {
      const pin = /^\d+$/.test(params.pinID ?? "") ? livePin(Number(params.pinID), clientIdentifier) : undefined;
      if (!pin) return notFound;
      pin.polls++;
      if (!pin.authToken && options.autoApproveAfterPolls !== undefined && pin.polls >= options.autoApproveAfterPolls) {
        approve(pin.id);
      }
      if (!pin.jwk) return { status: 200, body: pinJson(pin) };
      // A PIN made with a device key yields a Plex JWT, and only to a check signed by that key.
      const deviceJWT = url.searchParams.get("deviceJWT");
      if (deviceJWT === null) return { status: 200, body: { ...pinJson(pin), authToken: null } };
      const problem = deviceJwtProblem(deviceJWT, pin.jwk, clientIdentifier);
      if (problem) return unprocessable(problem);
      const user = pin.authToken ? tokens.get(pin.authToken) : undefined;
      if (!user) return { status: 200, body: { ...pinJson(pin), authToken: null } };
      const kid = thumbprint(pin.jwk);
      devices.set(kid, { jwk: pin.jwk, clientIdentifier, user });
      const scope = String(decode(deviceJWT)!.payload.scope ?? "");
      const plexJwt = authority.issue({ sub: user.uuid, aud: clientIdentifier, thumbprint: kid, scope });
      return { status: 200, body: { ...pinJson(pin), authToken: plexJwt } };
    },
    "PUT /api/v2/pins/link": (context) => {
      const { user, body, request } = context;
      if (!user) return denied(context);
      if (!(request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
        return { status: 400, body: plexError(1000, "code is missing", 400) };
      }
      const code = new URLSearchParams(body).get("code");
      if (!code) return { status: 400, body: plexError(1000, "code is missing", 400) };
      const pin = [...pins.values()].find((p) => p.code === code && p.code.length === 4 && Date.now() < p.expiresAt);
      if (!pin) return notFound;
      pin.authToken = issueToken(user);
      return { status: 204 };
    },
    "GET /api/v2/user": (context) => {
      if (!context.user) return denied(context);
      return { status: 200, body: { ...context.user, authToken: context.request.headers["x-plex-token"] } };
    },
    "GET /api/v2/ping": (context) => (context.user ? { status: 204 } : denied(context)),
    "DELETE /api/v2/users/signout": (context) => {
      if (!context.user) return denied(context);
      const token = String(context.request.headers["x-plex-token"]);
      tokens.delete(token);
      revoked.add(token);
      return { status: 204 };
    },
    "GET /api/v2/geoip": () => ({ status: 200, body: location }),
    "GET /api/v2/resources": (context) => (context.user ? { status: 200, body: resources } : denied(context)),
    "POST /api/v2/auth/jwk": (context) => {
      if (!context.user) return denied(context);
      const jwk = jsonBody(context.body)?.jwk as Jwk | undefined;
      if (!isEd25519Jwk(jwk)) return unprocessable("jwk must be an Ed25519 public key");
      const kid = thumbprint(jwk);
      const taken = devices.get(kid);
      if (taken && (taken.user !== context.user || taken.clientIdentifier !== context.clientIdentifier)) {
        return unprocessable("thumbprint already taken");
      }
      devices.set(kid, { jwk, clientIdentifier: context.clientIdentifier, user: context.user });
      return { status: 204 };
    },
    "GET /api/v2/auth/nonce": () => ({ status: 200, body: { nonce: authority.nonce() } }),
    "POST /api/v2/auth/token": ({ body, clientIdentifier }) => {
      const jwt = jsonBody(body)?.jwt;
      const decoded = decode(jwt);
      if (!decoded) return unprocessable("JWT is malformed");
      const device = devices.get(String(decoded.header.kid));
      if (!device) return unprocessable("unknown device key");
      const problem = deviceJwtProblem(jwt, device.jwk, device.clientIdentifier);
      if (problem) return unprocessable(problem);
      if (device.clientIdentifier !== clientIdentifier) return unprocessable("JWT is from another client");
      if (!authority.spendNonce(decoded.payload.nonce)) return unprocessable("nonce is unknown, expired or used");
      const scope = String(decoded.payload.scope ?? "");
      const thumbprintOfKey = String(decoded.header.kid);
      const token = authority.issue({
        sub: device.user.uuid,
        aud: clientIdentifier,
        thumbprint: thumbprintOfKey,
        scope,
      });
      return { status: 200, body: { auth_token: token } };
    },
    "GET /api/v2/auth/keys": () => ({ status: 200, body: { keys: authority.publicKeys() } }),
  };

  const templates = Object.keys(routes).map((key) => {
    const [method, template] = key.split(" ") as [string, string];
    const names: string[] = [];
    const pattern = new RegExp(
      `^${template.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), "([^/]+)"))}$`,
    );
    return { key, method, pattern, names };
  });

  function match(method: string, pathname: string): { key: string; params: Record<string, string> } | undefined {
    // Literal routes first, so /api/v2/pins/link is not read as a PIN id.
    const candidates = templates.filter((t) => t.method === method && t.pattern.test(pathname));
    const best = candidates.find((t) => t.names.length === 0) ?? candidates[0];
    if (!best) return undefined;
    const values = best.pattern.exec(pathname)!.slice(1);
    return {
      key: best.key,
      params: Object.fromEntries(best.names.map((name, i) => [name, decodeURIComponent(values[i]!)])),
    };
  }

  function send(response: ServerResponse, request: IncomingMessage, answer: Answer, record: RecordedRequest) {
    record.answer = answer.body;
    // plex.tv's rule: JSON only for `Accept: application/json` exactly; XML otherwise.
    const json = request.headers.accept === "application/json";
    let body = "";
    let type: string | undefined;
    if (answer.body !== undefined) {
      if (json) {
        body = JSON.stringify(answer.body);
        type = "application/json; charset=utf-8";
      } else {
        body = `<?xml version="1.0" encoding="UTF-8"?>\n${toXml(Array.isArray(answer.body) ? "Device" : "response", answer.body)}`;
        type = "application/xml; charset=utf-8";
      }
    }
    response.writeHead(answer.status, type ? { "Content-Type": type } : {});
    response.end(body);
  }

  function sendFault(response: ServerResponse, fault: Exclude<Fault, { kind: "delay" | "reset" }>, ok: Answer) {
    switch (fault.kind) {
      case "status": {
        const body = fault.body ?? JSON.stringify(plexError(fault.status, `injected ${fault.status}`, fault.status));
        response.writeHead(fault.status, { "Content-Type": fault.contentType ?? "application/json", ...fault.headers });
        return response.end(body);
      }
      case "rateLimit": {
        const headers: Record<string, string> = { "Content-Type": "application/json" };
        if (fault.retryAfter !== undefined) headers["Retry-After"] = String(fault.retryAfter);
        response.writeHead(429, headers);
        return response.end(JSON.stringify(plexError(1003, "Too many requests", 429)));
      }
      case "body": {
        const real = JSON.stringify(ok.body ?? {});
        const bodies = {
          xml: ['<?xml version="1.0" encoding="UTF-8"?>\n<pin id="1"/>', "application/xml"],
          html: ["<!DOCTYPE html><html><body><h1>Service Unavailable</h1></body></html>", "text/html"],
          malformed: ['{"id": 1, "code": ', "application/json"],
          truncated: [real.slice(0, Math.floor(real.length / 2)), "application/json"],
        } as const;
        const [body, type] = bodies[fault.body];
        response.writeHead(200, { "Content-Type": type });
        return response.end(body);
      }
    }
  }

  const server = createServer(async (request, response) => {
    response.setHeader("Access-Control-Allow-Origin", request.headers.origin ?? "*");
    response.setHeader("Access-Control-Expose-Headers", "Retry-After");
    response.setHeader("Vary", "Origin");
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
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

    // A test control, not part of plex.tv: what a user's "Approve" click does, for pages and other processes.
    if (method === "POST" && url.pathname === "/__standin/approve") {
      const code = jsonBody(body)?.code ?? new URLSearchParams(body).get("code");
      const known = typeof code === "string" && findPin(code) !== undefined;
      if (known) approve(code);
      response.writeHead(known ? 204 : 404);
      return response.end();
    }

    const matched = match(method, url.pathname);
    const record: RecordedRequest = {
      method,
      url: request.url ?? "/",
      route: matched?.key ?? "unknown",
      headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)])),
      body,
      receivedAt: Date.now(),
    };
    requests.push(record);
    response.on("finish", () => (record.status = response.statusCode));

    let fault = faults.take(record.route);
    if (fault?.kind === "delay") {
      const ms = fault.ms;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => (timers.delete(timer), resolve()), ms);
        timers.add(timer);
        request.socket.once("close", () => (clearTimeout(timer), timers.delete(timer), resolve()));
      });
      if (request.socket.destroyed) return;
      fault = undefined;
    }
    if (fault?.kind === "reset") return ((record.fault = "reset"), void request.socket.destroy());

    if (!matched) return send(response, request, { status: 404, body: plexError(1002, "Not found", 404) }, record);
    const clientIdentifier = request.headers["x-plex-client-identifier"];
    if (typeof clientIdentifier !== "string" || clientIdentifier === "") {
      const missing = plexError(1000, "X-Plex-Client-Identifier is missing", 400);
      return send(response, request, { status: 400, body: missing }, record);
    }
    const token = request.headers["x-plex-token"];
    const context: Context = {
      request,
      url,
      params: matched.params,
      body,
      clientIdentifier,
      ...authenticate(typeof token === "string" ? token : undefined),
    };
    const answer = routes[matched.key]!(context);
    if (fault) return ((record.fault = fault.kind), sendFault(response, fault, answer));
    send(response, request, answer, record);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    approve,
    issueToken,
    revokeToken: (token) => void tokens.delete(token),
    getPin: (key) => {
      const pin = findPin(key);
      return pin && pinJson(pin);
    },
    fault: (route, fault, times) => faults.add(route, fault, times),
    setResources: (devices) => void (resources = devices),
    rotateKeys: (dropOld) => authority.rotate(dropOld),
    issuePlexJwt: ({ aud, thumbprint, sub = defaultUser.uuid, scope = "username" }, lifetimeSeconds) =>
      authority.issue({ sub, aud, thumbprint, scope }, lifetimeSeconds),
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
