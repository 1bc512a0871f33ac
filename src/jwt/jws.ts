// Compact JWTs signed with EdDSA (Ed25519): sign with the device key, verify against a public JWK.

import { decodeBase64Url, decodeJson, encodeBase64Url, encodeJson } from "./base64url";
import { signWithDeviceKey, type DeviceKey, type Ed25519PublicJwk } from "./device-key";

export interface JwtParts {
  header: { alg?: string; kid?: string; typ?: string };
  payload: Record<string, unknown>;
  signingInput: Uint8Array<ArrayBuffer>;
  signature: Uint8Array<ArrayBuffer>;
}

export async function signJwt(key: DeviceKey, payload: Record<string, unknown>): Promise<string> {
  const input = `${encodeJson({ kid: key.kid, alg: "EdDSA", typ: "JWT" })}.${encodeJson(payload)}`;
  const signature = await signWithDeviceKey(key, new TextEncoder().encode(input));
  return `${input}.${encodeBase64Url(signature)}`;
}

/** Splits a compact JWT; throws a TypeError when it is not one. Verifies nothing. */
export function decodeJwt(jwt: string): JwtParts {
  const parts = typeof jwt === "string" ? jwt.split(".") : [];
  if (parts.length !== 3) throw new TypeError("not a compact JWT");
  const [header, payload, signature] = parts as [string, string, string];
  const decoded = { header: decodeJson(header), payload: decodeJson(payload) };
  if (
    !decoded.header ||
    typeof decoded.header !== "object" ||
    !decoded.payload ||
    typeof decoded.payload !== "object"
  ) {
    throw new TypeError("not a compact JWT");
  }
  return {
    ...(decoded as Pick<JwtParts, "header" | "payload">),
    signingInput: new TextEncoder().encode(`${header}.${payload}`),
    signature: decodeBase64Url(signature),
  };
}

/** Whether `parts` carry a valid EdDSA signature by `jwk`. */
export async function verifySignature(parts: JwtParts, jwk: Ed25519PublicJwk): Promise<boolean> {
  if (parts.header.alg !== "EdDSA" || jwk.kty !== "OKP" || jwk.crv !== "Ed25519") return false;
  const key = await crypto.subtle.importKey(
    "jwk",
    { kty: jwk.kty, crv: jwk.crv, x: jwk.x },
    { name: "Ed25519" },
    false,
    ["verify"],
  );
  return crypto.subtle.verify("Ed25519", key, parts.signature, parts.signingInput);
}
