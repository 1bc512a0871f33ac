// The secret an app gives for what it keeps and signs (shared caches' keys, sessions, pending sign-ins): checked
// when given, and copied, so nothing the app does to its own array afterwards changes the keys.

export type Secret = string | Uint8Array;

/** The fewest bytes a secret may have: 256 bits. */
export const MIN_SECRET_BYTES = 32;

const encode = (text: string) => new TextEncoder().encode(text);

/**
 * The secret's bytes, checked (a TypeError naming `secret`) and copied: an app that wipes its array after passing it
 * must not leave the keys, derived later, an all-zero secret.
 */
export function secretBytes(secret: unknown, who: string): Uint8Array<ArrayBuffer> {
  const bytes =
    typeof secret === "string" ? encode(secret) : secret instanceof Uint8Array ? Uint8Array.from(secret) : undefined;
  if (!bytes || bytes.length < MIN_SECRET_BYTES) {
    throw new TypeError(
      `${who}: \`secret\` must be at least ${MIN_SECRET_BYTES} bytes (a string or Uint8Array), or a non-empty array of them`,
    );
  }
  return bytes;
}
