// The stand-in's answer to each operation of the spec, as plex.tv behaves (../shared/plex-tv-api.md).

import type { IncomingMessage } from "node:http";
import { badRequest, jsonBody, notFound, tokenExpired, unauthorized, unprocessable, type Answer } from "./answers";
import { decode, isEd25519Jwk, signedBy, type Jwk } from "./jwt-authority";
import { location, thumbprint, type PinRecord, type PlexTvState, type TokenProblem, type User } from "./plex-tv-state";

export interface Context {
  request: IncomingMessage;
  url: URL;
  params: Record<string, string>;
  body: string;
  clientIdentifier: string;
  user: User | undefined;
  tokenProblem: TokenProblem | undefined;
}

export interface RouteOptions {
  autoApproveAfterPolls?: number;
  autoApproveAfterMs?: number;
  /** Runs `task` after `ms`, cancelled when the stand-in closes. */
  schedule(task: () => void, ms: number): void;
}

export type Routes = Record<string, (context: Context) => Answer>;

const denied = ({ tokenProblem }: Context) => (tokenProblem === "expired" ? tokenExpired : unauthorized);

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

export function plexTvRoutes(state: PlexTvState, options: RouteOptions): Routes {
  return {
    "POST /api/v2/pins": ({ url, clientIdentifier, body, request }) => {
      let jwk: PinRecord["jwk"];
      if (body && (request.headers["content-type"] ?? "").startsWith("application/json")) {
        const candidate = jsonBody(body)?.jwk as Jwk | undefined;
        if (!isEd25519Jwk(candidate)) return unprocessable("jwk must be an Ed25519 public key");
        jwk = { kty: "OKP", crv: "Ed25519", x: candidate.x };
      }
      const strong = url.searchParams.get("strong");
      if (strong !== null && !["true", "false", "1", "0"].includes(strong)) {
        return badRequest("strong must be true or false");
      }
      const pin = state.createPin(clientIdentifier, strong === "true" || strong === "1", jwk);
      if (options.autoApproveAfterMs !== undefined) {
        options.schedule(() => {
          if (!pin.authToken && Date.now() < pin.expiresAt) state.approve(pin.id);
        }, options.autoApproveAfterMs);
      }
      return { status: 201, body: state.pinJson(pin) };
    },

    "GET /api/v2/pins/{pinID}": ({ params, clientIdentifier, url }) => {
      const pin = /^\d+$/.test(params.pinID ?? "") ? state.livePin(Number(params.pinID), clientIdentifier) : undefined;
      if (!pin) return notFound;
      pin.polls++;
      if (!pin.authToken && options.autoApproveAfterPolls !== undefined && pin.polls >= options.autoApproveAfterPolls) {
        state.approve(pin.id);
      }
      if (!pin.jwk) return { status: 200, body: state.pinJson(pin) };
      // A PIN made with a device key yields a Plex JWT, and only to a check signed by that key.
      const pending = { status: 200, body: { ...state.pinJson(pin), authToken: null } };
      const deviceJWT = url.searchParams.get("deviceJWT");
      if (deviceJWT === null) return pending;
      const problem = deviceJwtProblem(deviceJWT, pin.jwk, clientIdentifier);
      if (problem) return unprocessable(problem);
      const user = pin.authToken ? state.tokens.get(pin.authToken) : undefined;
      if (!user) return pending;
      const kid = thumbprint(pin.jwk);
      state.devices.set(kid, { jwk: pin.jwk, clientIdentifier, user });
      const scope = String(decode(deviceJWT)!.payload.scope ?? "");
      const plexJwt = state.authority.issue({ sub: user.uuid, aud: clientIdentifier, thumbprint: kid, scope });
      return { status: 200, body: { ...state.pinJson(pin), authToken: plexJwt } };
    },

    "PUT /api/v2/pins/link": (context) => {
      const { user, body, request } = context;
      if (!user) return denied(context);
      const form = (request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded");
      const code = form ? new URLSearchParams(body).get("code") : null;
      if (!code) return badRequest("code is missing");
      const live = (pin: PinRecord) => pin.code === code && pin.code.length === 4 && Date.now() < pin.expiresAt;
      const pin = [...state.pins.values()].find(live);
      if (!pin) return notFound;
      pin.authToken = state.tokenFor(user);
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
      state.tokens.delete(token);
      state.revoked.add(token);
      return { status: 204 };
    },

    "GET /api/v2/geoip": () => ({ status: 200, body: location }),

    "GET /api/v2/resources": (context) => (context.user ? { status: 200, body: state.resources } : denied(context)),

    "POST /api/v2/auth/jwk": (context) => {
      const { user, clientIdentifier } = context;
      if (!user) return denied(context);
      const jwk = jsonBody(context.body)?.jwk as Jwk | undefined;
      if (!isEd25519Jwk(jwk)) return unprocessable("jwk must be an Ed25519 public key");
      const kid = thumbprint(jwk);
      const taken = state.devices.get(kid);
      if (taken && (taken.user !== user || taken.clientIdentifier !== clientIdentifier)) {
        return unprocessable("thumbprint already taken");
      }
      state.devices.set(kid, { jwk, clientIdentifier, user });
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
      const problem = deviceJwtProblem(jwt, device.jwk, device.clientIdentifier);
      if (problem) return unprocessable(problem);
      if (device.clientIdentifier !== clientIdentifier) return unprocessable("JWT is from another client");
      if (!state.authority.spendNonce(decoded.payload.nonce)) return unprocessable("nonce is unknown, expired or used");
      const scope = String(decoded.payload.scope ?? "");
      const token = state.authority.issue({ sub: device.user.uuid, aud: clientIdentifier, thumbprint: kid, scope });
      return { status: 200, body: { auth_token: token } };
    },

    "GET /api/v2/auth/keys": () => ({ status: 200, body: { keys: state.authority.publicKeys() } }),
  };
}

/** Finds the route for a request: the spec's path templates, literal paths before templated ones. */
export function routeMatcher(routes: Routes) {
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
    const params = Object.fromEntries(best.names.map((name, i) => [name, decodeURIComponent(values[i]!)]));
    return { key: best.key, params };
  };
}
