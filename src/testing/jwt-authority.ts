// The stand-in's side of JWT device authentication: Plex's signing keys (rotated on demand), device keys,
// single-use nonces, and real Ed25519 signature checks, all with node:crypto.

import { createPublicKey, generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from "node:crypto";
import { BoundedMap } from "./bounded-map";

/** Unspent nonces kept at most: GET /api/v2/auth/nonce takes no token, so anyone can ask for them in a loop. */
export const MAX_NONCES = 10_000;

export type Jwk = { kty?: unknown; crv?: unknown; x?: unknown; kid?: unknown; alg?: unknown };

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: { kty: "OKP"; crv: "Ed25519"; x: string; kid: string; alg: "EdDSA"; use: "sig" };
}

interface Decoded {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  input: Buffer;
  signature: Buffer;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

export function decode(jwt: unknown): Decoded | undefined {
  if (typeof jwt !== "string") return undefined;
  const parts = jwt.split(".");
  if (parts.length !== 3) return undefined;
  try {
    const [header, payload, signature] = parts as [string, string, string];
    return {
      header: JSON.parse(Buffer.from(header, "base64url").toString("utf8")),
      payload: JSON.parse(Buffer.from(payload, "base64url").toString("utf8")),
      input: Buffer.from(`${header}.${payload}`),
      signature: Buffer.from(signature, "base64url"),
    };
  } catch {
    return undefined;
  }
}

/** Whether `jwk` is an Ed25519 public key the stand-in can use. */
export function isEd25519Jwk(jwk: Jwk | undefined): jwk is { kty: "OKP"; crv: "Ed25519"; x: string; kid?: string } {
  return (
    !!jwk &&
    jwk.kty === "OKP" &&
    jwk.crv === "Ed25519" &&
    typeof jwk.x === "string" &&
    Buffer.from(jwk.x, "base64url").length === 32
  );
}

/** Whether a device JWT is signed by `jwk` with EdDSA. */
export function signedBy(decoded: Decoded, jwk: { x: string }): boolean {
  if (decoded.header.alg !== "EdDSA") return false;
  const key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: jwk.x }, format: "jwk" });
  return verify(null, decoded.input, key, decoded.signature);
}

export class JwtAuthority {
  #keys: SigningKey[] = [];
  #nonces = new BoundedMap<string, number>(MAX_NONCES);

  constructor(
    readonly tokenLifetimeSeconds: number,
    readonly nonceLifetimeSeconds: number,
    readonly now: () => number = Date.now,
  ) {
    this.rotate(true);
  }

  /** A new signing key. Old keys stay listed (and keep verifying) unless `dropOld`. */
  rotate(dropOld = false): string {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const kid = `standin-${randomUUID().slice(0, 8)}`;
    const { x } = publicKey.export({ format: "jwk" }) as { x: string };
    const key: SigningKey = {
      kid,
      privateKey,
      publicJwk: { kty: "OKP", crv: "Ed25519", x, kid, alg: "EdDSA", use: "sig" },
    };
    this.#keys = dropOld ? [key] : [key, ...this.#keys];
    return kid;
  }

  publicKeys() {
    return this.#keys.map((k) => k.publicJwk);
  }

  /** A Plex JWT for `sub` (a user's uuid), bound to the device key `thumbprint` (its kid), for the client `aud`. */
  issue(
    claims: { sub: string; aud: string; thumbprint: string; scope: string; user?: object },
    lifetimeSeconds = this.tokenLifetimeSeconds,
  ): string {
    const key = this.#keys[0]!;
    const iat = Math.floor(this.now() / 1000);
    const input = `${b64({ alg: "EdDSA", typ: "JWT", kid: key.kid })}.${b64({
      ...claims,
      iss: "plex.tv",
      iat,
      exp: iat + lifetimeSeconds,
      jti: randomUUID(),
    })}`;
    return `${input}.${sign(null, Buffer.from(input), key.privateKey).toString("base64url")}`;
  }

  /** The claims of a Plex JWT this authority signed with a key it still lists, or why not. */
  check(token: string): { sub: string } | "invalid" | "expired" {
    const decoded = decode(token);
    const key = decoded && this.#keys.find((k) => k.kid === decoded.header.kid);
    if (!decoded || !key || !verify(null, decoded.input, key.privateKey, decoded.signature)) return "invalid";
    const { exp, sub } = decoded.payload;
    if (typeof exp !== "number" || exp <= this.now() / 1000) return "expired";
    return typeof sub === "string" ? { sub } : "invalid";
  }

  nonce(): string {
    const now = this.now();
    this.#nonces.dropExpired(now, (expiresAt) => expiresAt);
    const nonce = randomUUID();
    this.#nonces.set(nonce, now + this.nonceLifetimeSeconds * 1000);
    return nonce;
  }

  /** Nonces issued and not yet spent or expired (at most MAX_NONCES). */
  get unspentNonces(): number {
    return this.#nonces.size;
  }

  /** Uses a nonce up: true once, for a nonce that was issued and has not expired. */
  spendNonce(nonce: unknown): boolean {
    if (typeof nonce !== "string") return false;
    const expiresAt = this.#nonces.get(nonce);
    this.#nonces.delete(nonce);
    return expiresAt !== undefined && this.now() < expiresAt;
  }
}
