// Verifying a Plex JWT: Plex's signature (keys rotate), and that it was issued to this device.

import type { components } from "../../generated/plex-tv";
import type { PlexTvClient } from "../plex-tv/client";
import { PlexTvError } from "../transport/errors";
import { serverNow } from "../transport/clock";
import { send } from "../transport/operation";
import { untilAborted } from "../transport/until-aborted";
import type { PlexJwtCredentials } from "./credentials";
import { decodeJwt, verifySignature, type JwtParts } from "./jws";

type PlexPublicKey = components["schemas"]["Ed25519PublicJwk"];

/** A Plex JWT that fails verification; `reason` says which check. */
export class PlexJwtError extends PlexTvError {
  override name = "PlexJwtError";
  constructor(
    readonly reason: "malformed" | "signature" | "issuer" | "audience" | "expired" | "thumbprint",
    message: string,
  ) {
    super(message);
  }
}

// Plex's keys, per client (so per plex.tv base URL), kept for an hour. A token naming a kid they lack makes them
// fetched again (Plex rotates its keys), but one such refetch at a time and at most one a minute: tokens with junk
// kids cannot make this client storm plex.tv. The fetch is shared, so it obeys no caller's signal; each caller
// stops waiting on its own signal instead.
const KEYS_MAX_AGE_MS = 3_600_000;
const MIN_REFETCH_INTERVAL_MS = 60_000;

interface KeyCache {
  keys: Promise<PlexPublicKey[]>;
  fetchedAt: number;
  refetchedAt: number;
}
const keyCache = new WeakMap<PlexTvClient, KeyCache>();

function plexKeys(plex: PlexTvClient, refetch: boolean): Promise<PlexPublicKey[]> {
  const cached = keyCache.get(plex);
  const now = Date.now();
  if (cached) {
    const fresh = now - cached.fetchedAt < KEYS_MAX_AGE_MS;
    if (!refetch && fresh) return cached.keys;
    if (refetch && now - cached.refetchedAt < MIN_REFETCH_INTERVAL_MS) return cached.keys;
  }
  const keys = send(plex, "GET /api/v2/auth/keys", {}).then((set) => set.keys ?? []);
  const entry = { keys, fetchedAt: now, refetchedAt: refetch ? now : (cached?.refetchedAt ?? -Infinity) };
  keyCache.set(plex, entry);
  // A failed fetch is not kept; the next caller tries again.
  keys.catch(() => keyCache.get(plex) === entry && keyCache.delete(plex));
  return keys;
}

async function signedByPlex(plex: PlexTvClient, parts: JwtParts, signal?: AbortSignal): Promise<boolean> {
  const { kid } = parts.header;
  const verifyWith = async (keys: PlexPublicKey[]) => {
    // With a kid, only that key; without one, every key Plex lists.
    for (const key of kid === undefined ? keys : keys.filter((k) => k.kid === kid)) {
      if (await verifySignature(parts, key)) return true;
    }
    return false;
  };
  const keys = await untilAborted(plexKeys(plex, false), signal);
  if (kid === undefined || keys.some((k) => k.kid === kid)) return verifyWith(keys);
  return verifyWith(await untilAborted(plexKeys(plex, true), signal));
}

/**
 * Verifies a Plex JWT: its signature against Plex's current keys (fetched again once on an unknown `kid`),
 * `iss` "plex.tv", `aud` this client, `exp` in the future, and `thumbprint` the device key's `kid`.
 * Returns its claims; throws PlexJwtError naming the failed check.
 */
export async function verifyPlexJwt(
  plex: PlexTvClient,
  jwt: string,
  credentials: Pick<PlexJwtCredentials, "clientIdentifier" | "key">,
  { signal, clockToleranceSeconds = 0 }: { signal?: AbortSignal; clockToleranceSeconds?: number } = {},
): Promise<Record<string, unknown>> {
  if (!(Number.isFinite(clockToleranceSeconds) && clockToleranceSeconds >= 0)) {
    throw new TypeError("verifyPlexJwt: `clockToleranceSeconds` must be a finite number ≥ 0");
  }
  let parts: JwtParts;
  try {
    parts = decodeJwt(jwt);
  } catch {
    throw new PlexJwtError("malformed", "not a compact JWT");
  }
  if (!(await signedByPlex(plex, parts, signal)))
    throw new PlexJwtError("signature", "not signed by any of plex.tv's keys");
  const { iss, aud, exp, thumbprint } = parts.payload;
  if (iss !== "plex.tv") throw new PlexJwtError("issuer", "`iss` is not plex.tv");
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(credentials.clientIdentifier)) throw new PlexJwtError("audience", "`aud` is not this client");
  // By plex.tv's clock (as its answers' Date headers tell), not this device's.
  if (typeof exp !== "number" || exp + clockToleranceSeconds <= serverNow(plex.clock) / 1000) {
    throw new PlexJwtError("expired", "the token has expired");
  }
  if (thumbprint !== credentials.key.kid)
    throw new PlexJwtError("thumbprint", "the token is bound to another device key");
  return parts.payload;
}
