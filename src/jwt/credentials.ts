// Sign-in, key registration and refresh for Plex's JWT device authentication.

import { signIn, type LoginOptions } from "../flows/login";
import { pollPin } from "../flows/wait-for-auth-token";
import type { PlexTvClient } from "../plex-tv/client";
import { checkPin, createPin } from "../plex-tv/pin";
import { UnexpectedResponseError } from "../transport/errors";
import { serverNow } from "../transport/clock";
import { send } from "../transport/operation";
import type { DeviceKey } from "./device-key";
import { decodeJwt, signJwt } from "./jws";

export const DEFAULT_SCOPES = ["username", "email", "friendly_name"];

/** Everything needed to use and refresh a Plex JWT. Plain JSON: store it as a credential (it holds the private key). */
export interface PlexJwtCredentials {
  clientIdentifier: string;
  key: DeviceKey;
  scopes: string[];
  /** The Plex JWT: send it as X-Plex-Token. */
  token: string;
  /**
   * When the Plex JWT expires, by this device's clock (ISO date-time): when it arrived plus its lifetime
   * (`exp` - `iat`), so a device whose clock is off still refreshes on time.
   */
  expiresAt: string;
}

export interface LoginWithJwtOptions extends LoginOptions {
  key: DeviceKey;
  /** What the Plex JWT may reveal; default username, email, friendly_name. */
  scopes?: string[];
}

/**
 * A short-lived JWT signed by the device key, proving to plex.tv that this client holds it. `now` is plex.tv's time
 * (the client's `clock`): its iat and exp are checked against plex.tv's clock, not this device's.
 */
export function deviceJwt(
  key: DeviceKey,
  clientIdentifier: string,
  scopes: string[],
  claims: object = {},
  now = Date.now(),
) {
  const iat = Math.floor(now / 1000);
  return signJwt(key, {
    ...claims,
    scope: scopes.join(","),
    aud: "plex.tv",
    iss: clientIdentifier,
    iat,
    exp: iat + 300,
  });
}

function credentialsFor(plex: PlexTvClient, key: DeviceKey, scopes: string[], token: string): PlexJwtCredentials {
  let claims: { exp?: unknown; iat?: unknown } = {};
  try {
    claims = decodeJwt(token).payload;
  } catch {}
  const { exp, iat } = claims;
  if (typeof exp !== "number") throw new UnexpectedResponseError("plex.tv's token is not a JWT with an `exp`");
  // exp and iat are by plex.tv's clock: only their difference is used here, never exp against Date.now().
  const expiresAt = typeof iat === "number" ? Date.now() + (exp - iat) * 1000 : exp * 1000;
  const { clientIdentifier } = plex.identity;
  return { clientIdentifier, key, scopes, token, expiresAt: new Date(expiresAt).toISOString() };
}

/**
 * Signs in with a PIN bound to the device key: the user approves as in `login`, and every check carries a fresh
 * device-signed JWT, so the PIN yields a Plex JWT only to the holder of the key.
 */
export async function loginWithJwt(plex: PlexTvClient, options: LoginWithJwtOptions): Promise<PlexJwtCredentials> {
  const { key, scopes = DEFAULT_SCOPES, strong = true, ...rest } = options;
  // Browsers give plain-http pages (a LAN address) no crypto.subtle: every check would fail to sign, after a PIN the
  // user may already have approved. Say so before any request.
  if (globalThis.isSecureContext === false || !globalThis.crypto?.subtle) {
    throw new TypeError(
      "loginWithJwt: JWT sign-in needs a secure context (https, or http://localhost): this page has no crypto.subtle",
    );
  }
  if (!key?.publicJwk || !key.privateJwk)
    throw new TypeError("loginWithJwt: `key` must be a DeviceKey (generateDeviceKey)");
  const { authToken } = await signIn(
    plex,
    { ...rest, strong },
    (signal) => createPin(plex, { strong, jwk: key.publicJwk, signal }),
    (pin, polling) =>
      pollPin(
        pin,
        async (signal) => {
          const deviceJWT = await deviceJwt(key, plex.identity.clientIdentifier, scopes, {}, serverNow(plex.clock));
          return checkPin(plex, pin.id, { deviceJWT, signal });
        },
        polling,
      ),
  );
  return credentialsFor(plex, key, scopes, authToken);
}

/** POST /api/v2/auth/jwk: binds the device key to the user of a legacy token, for apps that signed in before JWTs. */
export async function registerDeviceKey(
  plex: PlexTvClient,
  { token, key, signal }: { token: string; key: DeviceKey; signal?: AbortSignal },
): Promise<void> {
  await send(plex, "POST /api/v2/auth/jwk", { body: { jwk: key.publicJwk }, signal }, { token });
}

/** A new Plex JWT for the same device: nonce → device JWT → POST /api/v2/auth/token. Works after expiry too. */
export async function refreshPlexJwt(
  plex: PlexTvClient,
  credentials: PlexJwtCredentials,
  { signal }: { signal?: AbortSignal } = {},
): Promise<PlexJwtCredentials> {
  const { key, scopes, clientIdentifier } = credentials;
  if (plex.identity.clientIdentifier !== clientIdentifier) {
    throw new TypeError("refreshPlexJwt: the client's identifier is not the one the credentials belong to");
  }
  const { nonce } = await send(plex, "GET /api/v2/auth/nonce", { signal });
  const jwt = await deviceJwt(key, clientIdentifier, scopes, { nonce }, serverNow(plex.clock));
  const answer = await send(plex, "POST /api/v2/auth/token", { body: { jwt }, signal });
  if (typeof answer?.auth_token !== "string")
    throw new UnexpectedResponseError("POST /api/v2/auth/token: no `auth_token`");
  return credentialsFor(plex, key, scopes, answer.auth_token);
}
