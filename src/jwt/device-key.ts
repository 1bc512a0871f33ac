// The device's Ed25519 key pair, made with Web Crypto. The private half never leaves the device: only the public
// JWK is sent to plex.tv. A DeviceKey is plain JSON, so an app can store it (securely: it is a credential).

import type { components } from "../../generated/plex-tv";
import { encodeBase64Url } from "./base64url";

export type Ed25519PublicJwk = components["schemas"]["Ed25519PublicJwk"];

export interface DeviceKey {
  /** The RFC 7638 thumbprint of the public key: its `kid`, and a Plex JWT's `thumbprint`. */
  kid: string;
  publicJwk: Ed25519PublicJwk & { kid: string; alg: "EdDSA" };
  /** The private key as a JWK (`d` is secret). */
  privateJwk: Ed25519PrivateJwk;
}

/** An Ed25519 private key as a JWK: the public `x` and the secret `d`. (Our own type: no DOM library needed.) */
export interface Ed25519PrivateJwk {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
  d: string;
  kid?: string;
}

/** RFC 7638: SHA-256 over the required members in lexicographic order, base64url. */
export async function jwkThumbprint(jwk: Pick<Ed25519PublicJwk, "crv" | "kty" | "x">): Promise<string> {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x });
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical));
  return encodeBase64Url(new Uint8Array(digest));
}

export async function generateDeviceKey(): Promise<DeviceKey> {
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const { kty, crv, x, d } = await crypto.subtle.exportKey("jwk", pair.privateKey);
  if (kty !== "OKP" || crv !== "Ed25519" || !x || !d)
    throw new Error("generateDeviceKey: Web Crypto gave no Ed25519 key");
  const kid = await jwkThumbprint({ kty, crv, x });
  return { kid, publicJwk: { kty, crv, x, kid, alg: "EdDSA" }, privateJwk: { kty, crv, x, d } };
}

// Importing a key costs; each DeviceKey object is imported once.
const signingKeys = new WeakMap<DeviceKey, Promise<CryptoKey>>();

/** An Ed25519 signature of `data` by the device key. */
export async function signWithDeviceKey(key: DeviceKey, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  let imported = signingKeys.get(key);
  if (!imported) {
    imported = crypto.subtle.importKey("jwk", key.privateJwk, { name: "Ed25519" }, false, ["sign"]);
    signingKeys.set(key, imported);
  }
  return new Uint8Array(await crypto.subtle.sign("Ed25519", await imported, data));
}
