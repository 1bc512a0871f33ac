// How a token validator names and keeps a user in a shared store: the key a digest of the token (SHA-256, or an
// HMAC with the app's secret), the value the allowlisted user under its own key. A value is believed only if it
// holds a user (getUser's rule) and names the key it is kept under: "null", "{}" or an entry copied from another
// token's key is no user.

import { holdsUser, toPlexUser, type PlexUser } from "../plex-tv/plex-user";
import { secretBytes, type Secret } from "../stores/secret";

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * How a token is named in a shared store: SHA-256 of it, or HMAC-SHA-256 with the app's `secret`, so that one who
 * can write to the store but lacks the secret cannot name an entry for a token of their own.
 */
export function cacheKeyer(secret: Secret | undefined, who: string): (token: string) => Promise<string> {
  const { subtle } = globalThis.crypto;
  if (secret === undefined) return async (token) => `plex-token:${hex(await subtle.digest("SHA-256", utf8(token)))}`;
  // Checked and copied now (a TypeError naming `secret`); the key is made on first use.
  const raw = secretBytes(secret, who);
  let key: Promise<CryptoKey> | undefined;
  return async (token) => {
    key ??= subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    return `plex-token:${hex(await subtle.sign("HMAC", await key, utf8(token)))}`;
  };
}

/** A value kept under `key`, bound to it. */
export const encodeEntry = (key: string, fields: object) => JSON.stringify({ key, ...fields });

/** The object kept under `key`, or undefined unless it is a JSON object that names `key`. */
export function decodeEntry(key: string, value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== "string") return undefined;
  let entry: unknown;
  try {
    entry = JSON.parse(value);
  } catch {
    return undefined;
  }
  return entry && typeof entry === "object" && (entry as { key?: unknown }).key === key
    ? (entry as Record<string, unknown>)
    : undefined;
}

/** The user kept under `key`, or undefined unless it is one there. */
export function decodeUser(key: string, value: unknown): PlexUser | undefined {
  const user = decodeEntry(key, value)?.user;
  return holdsUser(user) ? toPlexUser(user as PlexUser) : undefined;
}
