// The stand-in's answer to each operation of the spec, as plex.tv behaves (../shared/plex-tv-api.md). The route
// table is keyed by the spec's operations and each answer typed by that operation's responses (Routes): a spec
// change the stand-in does not follow fails tsc here.

import type { IncomingMessage } from "node:http";
import {
  badRequest,
  jsonBody,
  notFound,
  tokenExpired,
  unauthorized,
  unprocessable,
  type PlexTvOperation,
  type RouteAnswer,
} from "./answers";
import { decode, isEd25519Jwk, signedBy, type Jwk } from "./jwt-authority";
import { location, thumbprint, type PinRecord, type PlexTvState, type TokenProblem, type User } from "./plex-tv-state";

export interface Context {
  request: IncomingMessage;
  /** The X-Plex-Token the request carried (header, else query parameter), if any. */
  token: string | undefined;
  url: URL;
  params: Record<string, string>;
  body: string;
  /** The body read as a form, when it is one (application/x-www-form-urlencoded). */
  form: URLSearchParams | undefined;
  clientIdentifier: string;
  /** Where the request came from (request.socket.remoteAddress): plex.tv counts failed sign-ins per IP. */
  remoteAddress: string;
  user: User | undefined;
  tokenProblem: TokenProblem | undefined;
}

export interface RouteOptions {
  autoApproveAfterPolls?: number | undefined;
  autoApproveAfterMs?: number | undefined;
  /** Runs `task` after `ms`, cancelled when the stand-in closes. */
  schedule(task: () => void, ms: number): void;
}

/** The stand-in's answer to operation `O`. */
export type Handler<O extends PlexTvOperation> = (context: Context) => RouteAnswer<O>;

/** One handler per operation of the spec, no more, no fewer. */
export type Routes = { [O in PlexTvOperation]: Handler<O> };

export const denied = ({ tokenProblem }: Context) => (tokenProblem === "expired" ? tokenExpired : unauthorized);

/** Checks a device JWT: signed by `jwk`, for plex.tv, from this client, not expired by plex.tv's clock. */
function deviceJwtProblem(jwt: unknown, jwk: { x: string }, clientIdentifier: string, now: number) {
  const decoded = decode(jwt);
  if (!decoded) return "JWT is malformed";
  if (!signedBy(decoded, jwk)) return "JWT signature verification failed";
  const { aud, iss, exp } = decoded.payload;
  if (aud !== "plex.tv" || iss !== clientIdentifier) return "JWT claims are not for plex.tv from this client";
  if (typeof exp !== "number" || exp <= now / 1000) return "JWT expired";
  return undefined;
}

/** python-requests sends `True`: plex.tv reads `strong` loosely, in the query and in a JSON body. */
const isTrue = (value: unknown) => value === true || value === 1 || /^(?:true|1)$/i.test(String(value ?? ""));

/** A device is keyed by the `kid` its client sent, whatever its form; by its RFC 7638 thumbprint without one. */
const kidOf = (jwk: { x: string; kid?: unknown }) =>
  typeof jwk.kid === "string" && jwk.kid !== "" ? jwk.kid : thumbprint(jwk);

// Not recorded: how long a kid plex.tv takes. The stand-in keeps every kid it is sent, so it takes at most this
// many characters (python-plexapi's is 64, an RFC 7638 thumbprint 43).
const MAX_KID_LENGTH = 256;
const kidTooLong = (jwk: { kid?: unknown }) => typeof jwk.kid === "string" && jwk.kid.length > MAX_KID_LENGTH;
const kidTooLongAnswer = () => unprocessable(`jwk.kid must be at most ${MAX_KID_LENGTH} characters`);

/** The `user` claim of a Plex JWT: who the token is for. */
const userClaim = ({ id, uuid, username, title, email, friendlyName, thumb }: User) => ({
  id,
  uuid,
  username,
  title,
  email,
  friendlyName,
  thumb,
});

export function plexTvRoutes(state: PlexTvState, options: RouteOptions) {
  return {
    "POST /api/v2/pins": ({ url, clientIdentifier, body, request }) => {
      let jwk: PinRecord["jwk"];
      let strong = isTrue(url.searchParams.get("strong"));
      if (body && (request.headers["content-type"] ?? "").startsWith("application/json")) {
        // `{"jwk":{…},"strong":true}`: the device key for JWT sign-in, and `strong` counts here too.
        const json = jsonBody(body);
        if (!json || "jwk" in json) {
          const candidate = json?.jwk as Jwk | undefined;
          if (!isEd25519Jwk(candidate)) return unprocessable("jwk must be an Ed25519 public key");
          if (kidTooLong(candidate)) return kidTooLongAnswer();
          jwk = { kty: "OKP", crv: "Ed25519", x: candidate.x, kid: kidOf(candidate) };
        }
        if (json && "strong" in json) strong ||= isTrue(json.strong);
      }
      const pin = state.createPin(clientIdentifier, strong, jwk);
      if (options.autoApproveAfterMs !== undefined) {
        options.schedule(() => {
          if (!pin.authToken && state.now() < pin.expiresAt) state.approve(pin.id);
        }, options.autoApproveAfterMs);
      }
      return { status: 201, body: state.pinJson(pin), xml: "pin" };
    },

    "GET /api/v2/pins/{pinID}": ({ params, clientIdentifier, url }) => {
      const pin = /^\d+$/.test(params.pinID ?? "") ? state.livePin(Number(params.pinID), clientIdentifier) : undefined;
      if (!pin) return notFound;
      pin.polls++;
      const answer = (authToken: string | null) => ({
        status: 200 as const,
        body: { ...state.pinJson(pin), authToken },
        xml: "pin",
      });
      if (!pin.authToken && options.autoApproveAfterPolls !== undefined && pin.polls >= options.autoApproveAfterPolls) {
        state.approve(pin.id);
      }
      if (!pin.jwk) return answer(pin.authToken);
      // A PIN made with a device key yields a Plex JWT, and only to a check signed by that key.
      const deviceJWT = url.searchParams.get("deviceJWT");
      if (deviceJWT === null) return answer(null);
      const problem = deviceJwtProblem(deviceJWT, pin.jwk, clientIdentifier, state.now());
      if (problem) return unprocessable(problem);
      const user = pin.authToken ? state.tokens.get(pin.authToken) : undefined;
      if (!user) return answer(null);
      const kid = pin.jwk.kid;
      state.devices.set(kid, { jwk: pin.jwk, clientIdentifier, user });
      const scope = String(decode(deviceJWT)!.payload.scope ?? "");
      const claims = { sub: user.uuid, aud: clientIdentifier, thumbprint: kid, scope, user: userClaim(user) };
      return answer(state.authority.issue(claims));
    },

    "PUT /api/v2/pins/link": (context) => {
      const { user, form } = context;
      if (!user) return denied(context);
      const code = form?.get("code");
      if (!code) return badRequest("code is missing");
      const live = (pin: PinRecord) => pin.code === code && pin.code.length === 4 && state.now() < pin.expiresAt;
      const pin = [...state.pins.values()].find(live);
      if (!pin) return notFound;
      pin.authToken = state.tokenFor(user);
      return { status: 204 };
    },

    "GET /api/v2/user": (context) => {
      if (!context.user) return denied(context);
      return { status: 200, body: { ...context.user, authToken: context.token! }, xml: "user" };
    },

    // python-plexapi reads the answer's text as a boolean, and its tests against plex.tv expect True.
    "GET /api/v2/ping": (context) => (context.user ? { status: 200, body: true } : denied(context)),

    "DELETE /api/v2/users/signout": (context) => {
      if (!context.user) return denied(context);
      state.revoke(context.token!);
      return { status: 204 };
    },

    "GET /api/v2/geoip": () => ({ status: 200, body: location, xml: "location" }),

    // GET /api/v2/resources is in plex-home.ts: what it lists depends on the user's place in a Home.

    "POST /api/v2/auth/jwk": (context) => {
      const { user, clientIdentifier } = context;
      if (!user) return denied(context);
      const jwk = jsonBody(context.body)?.jwk as Jwk | undefined;
      if (!isEd25519Jwk(jwk)) return unprocessable("jwk must be an Ed25519 public key");
      if (kidTooLong(jwk)) return kidTooLongAnswer();
      const kid = kidOf(jwk);
      const taken = state.devices.get(kid);
      if (taken && (taken.user !== user || taken.clientIdentifier !== clientIdentifier)) {
        return unprocessable("thumbprint already taken");
      }
      // Only the key itself is kept, not whatever else the client put in its JWK.
      state.devices.set(kid, { jwk: { x: jwk.x }, clientIdentifier, user });
      return { status: 204 };
    },

    "GET /api/v2/auth/nonce": () => ({ status: 200, body: { nonce: state.authority.nonce() } }),

    "POST /api/v2/auth/token": ({ body, clientIdentifier }) => {
      const jwt = jsonBody(body)?.jwt;
      const decoded = decode(jwt);
      if (!decoded) return unprocessable("JWT is malformed");
      const kid = String(decoded.header.kid);
      const device = state.devices.get(kid);
      if (!device) return unprocessable("unknown device key");
      const problem = deviceJwtProblem(jwt, device.jwk, device.clientIdentifier, state.now());
      if (problem) return unprocessable(problem);
      if (device.clientIdentifier !== clientIdentifier) return unprocessable("JWT is from another client");
      if (!state.authority.spendNonce(decoded.payload.nonce)) return unprocessable("nonce is unknown, expired or used");
      const scope = String(decoded.payload.scope ?? "");
      const claims = {
        sub: device.user.uuid,
        aud: clientIdentifier,
        thumbprint: kid,
        scope,
        user: userClaim(device.user),
      };
      const token = state.authority.issue(claims);
      return { status: 200, body: { auth_token: token } };
    },

    "GET /api/v2/auth/keys": () => ({ status: 200, body: { keys: state.authority.publicKeys() } }),
  } satisfies Partial<Routes>;
}

/** Finds the route for a request: the spec's path templates, literal paths before templated ones. */
export function routeMatcher(routes: object) {
  const templates = Object.keys(routes).map((key) => {
    const [method, template] = key.split(" ") as [string, string];
    const names: string[] = [];
    const source = template.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), "([^/]+)"));
    return { key, method, pattern: new RegExp(`^${source}$`), names };
  });
  return (method: string, pathname: string): { key: string; params: Record<string, string> } | undefined => {
    // Literal routes first, so /api/v2/pins/link is not read as a PIN id.
    const candidates = templates.filter((t) => t.method === method && t.pattern.test(pathname));
    const best = candidates.find((t) => t.names.length === 0) ?? candidates[0];
    if (!best) return undefined;
    const values = best.pattern.exec(pathname)!.slice(1);
    try {
      const params = Object.fromEntries(best.names.map((name, i) => [name, decodeURIComponent(values[i]!)]));
      return { key: best.key, params };
    } catch {
      return undefined; // a malformed escape ("%E0%A4%A") names no resource: 404
    }
  };
}
