// The app's secret, turned into keys with WebCrypto: one to sign pending sign-ins (HMAC-SHA-256), one to seal
// tickets (AES-GCM). Each is derived with HKDF for its own purpose, so a value made for one is never valid as the
// other. Several secrets rotate: the first signs and seals, any of them verifies and opens.

import { decodeBase64Url, encodeBase64Url } from "../jwt/base64url";
import { secretBytes, type Secret } from "../stores/secret";

export type { Secret } from "../stores/secret";

export interface Keys {
  /** `data` with its signature: `data.signature`. */
  sign(data: string): Promise<string>;
  /** The data of a signed value, or undefined when no key made its signature. */
  verify(signed: string): Promise<string | undefined>;
  /** `plaintext` encrypted and authenticated (base64url). */
  seal(plaintext: string): Promise<string>;
  /** The plaintext of a sealed value, or undefined when no key sealed it. */
  open(sealed: string): Promise<string | undefined>;
}

const encode = (text: string) => new TextEncoder().encode(text);

/**
 * Checks the secrets now (a TypeError naming `secret`); the keys are derived on first use. A `purpose` (such as
 * "session") derives keys of its own, so a value made for one purpose is never valid for another.
 */
export function keysFrom(secret: Secret | readonly Secret[], who: string, purpose?: string): Keys {
  const list = Array.isArray(secret) ? secret : [secret];
  if (list.length === 0) secretBytes(undefined, who);
  const raw = list.map((item) => secretBytes(item, who));
  const { subtle } = globalThis.crypto;
  const info = (base: string) => (purpose ? `${base} ${purpose}` : base);
  const derive = async (bytes: Uint8Array, info: string, algorithm: HmacImportParams | AesKeyGenParams) => {
    const base = await subtle.importKey("raw", bytes as Uint8Array<ArrayBuffer>, "HKDF", false, ["deriveKey"]);
    const params = { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encode(info) };
    const usages: KeyUsage[] = algorithm.name === "HMAC" ? ["sign", "verify"] : ["encrypt", "decrypt"];
    return subtle.deriveKey(params, base, algorithm, false, usages);
  };
  let keys: Promise<{ mac: CryptoKey[]; aead: CryptoKey[] }> | undefined;
  const ready = () =>
    (keys ??= (async () => ({
      mac: await Promise.all(
        raw.map((bytes) => derive(bytes, info("plex-tv-auth sign-in"), { name: "HMAC", hash: "SHA-256", length: 256 })),
      ),
      aead: await Promise.all(
        raw.map((bytes) => derive(bytes, info("plex-tv-auth ticket"), { name: "AES-GCM", length: 256 })),
      ),
    }))());

  return {
    async sign(data) {
      const [key] = (await ready()).mac;
      const signature = await subtle.sign("HMAC", key!, encode(data));
      return `${data}.${encodeBase64Url(new Uint8Array(signature))}`;
    },
    async verify(signed) {
      const dot = signed.lastIndexOf(".");
      if (dot < 0) return undefined;
      const data = signed.slice(0, dot);
      let signature: Uint8Array<ArrayBuffer>;
      try {
        signature = decodeBase64Url(signed.slice(dot + 1));
      } catch {
        return undefined;
      }
      // subtle.verify compares in constant time.
      for (const key of (await ready()).mac) {
        if (await subtle.verify("HMAC", key, signature, encode(data))) return data;
      }
      return undefined;
    },
    async seal(plaintext) {
      const [key] = (await ready()).aead;
      const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
      const sealed = new Uint8Array(await subtle.encrypt({ name: "AES-GCM", iv }, key!, encode(plaintext)));
      const out = new Uint8Array(iv.length + sealed.length);
      out.set(iv);
      out.set(sealed, iv.length);
      return encodeBase64Url(out);
    },
    async open(sealed) {
      let bytes: Uint8Array<ArrayBuffer>;
      try {
        bytes = decodeBase64Url(sealed);
      } catch {
        return undefined;
      }
      if (bytes.length < 12 + 16) return undefined;
      for (const key of (await ready()).aead) {
        try {
          const plain = await subtle.decrypt({ name: "AES-GCM", iv: bytes.slice(0, 12) }, key, bytes.slice(12));
          return new TextDecoder().decode(plain);
        } catch {}
      }
      return undefined;
    },
  };
}

/** A random id: `bytes` random bytes, base64url. */
export const randomId = (bytes = 16) => encodeBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(bytes)));
