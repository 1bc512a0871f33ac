// The X-Plex-* values that describe this app to plex.tv and to the user.

/** How the app presents itself. `clientIdentifier` must be the same on every run: see loadOrCreateClientIdentifier. */
export interface PlexIdentity {
  /** X-Plex-Client-Identifier: one stable id per installation (a UUID, stored). */
  clientIdentifier: string;
  /** X-Plex-Product: the app's name, shown on the auth page and in the user's Authorized Devices. */
  product: string;
  version?: string;
  platform?: string;
  platformVersion?: string;
  device?: string;
  deviceName?: string;
  model?: string;
}

export const identityKeys = [
  "clientIdentifier",
  "product",
  "version",
  "platform",
  "platformVersion",
  "device",
  "deviceName",
  "model",
] as const satisfies readonly (keyof PlexIdentity)[];

/** The TypeError for a bad option of `createPlexTvClient` (or of `who`), naming it. */
export const optionError = (name: string, rule: string, who = "createPlexTvClient") =>
  new TypeError(`${who}: \`${name}\` must be ${rule}`);

/** Checks the options and keeps only the identity fields (the first two required). */
export function toIdentity(options: Partial<PlexIdentity>, who?: string): Readonly<PlexIdentity> {
  const identity: Record<string, string> = {};
  identityKeys.forEach((key, index) => {
    const value = options[key];
    if (value === undefined && index > 1) return;
    if (typeof value !== "string" || (index < 2 && !value.trim())) throw optionError(key, "a non-empty string", who);
    // A lone surrogate cannot be sent (not as a header byte, not percent-encoded): encodeURIComponent says so.
    try {
      encodeURIComponent(value);
    } catch {
      throw optionError(key, "well-formed Unicode text", who);
    }
    identity[key] = value;
  });
  return identity as unknown as PlexIdentity;
}

/**
 * The X-Plex-* headers for an identity (clientIdentifier → X-Plex-Client-Identifier). Header values must be bytes,
 * and a name such as "Café ☕" would make fetch throw: values outside printable ASCII are sent percent-encoded
 * (UTF-8), as plex.tv reads X-Plex-* query parameters.
 */
export function identityHeaders(identity: Readonly<PlexIdentity>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const key of identityKeys) {
    const value = identity[key];
    const name = `X-Plex-${key[0]!.toUpperCase()}${key.slice(1).replace(/[A-Z]/g, "-$&")}`;
    if (value !== undefined) headers[name] = /^[ -~]*$/.test(value) ? value : encodeURIComponent(value);
  }
  return headers;
}
