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

// clientIdentifier → X-Plex-Client-Identifier, deviceName → X-Plex-Device-Name.
const headerName = (key: string) => `X-Plex-${key[0]!.toUpperCase()}${key.slice(1).replace(/[A-Z]/g, "-$&")}`;

/** Checks the options and keeps only the identity fields. */
export function toIdentity(options: Partial<PlexIdentity>): Readonly<PlexIdentity> {
  const identity: Partial<PlexIdentity> = {};
  for (const key of identityKeys) {
    const value = options[key];
    const required = key === "clientIdentifier" || key === "product";
    if (value === undefined && !required) continue;
    if (typeof value !== "string" || (required && !value.trim())) {
      throw new TypeError(`createPlexTvClient: \`${key}\` must be a ${required ? "non-empty " : ""}string`);
    }
    identity[key] = value;
  }
  return identity as PlexIdentity;
}

/**
 * The X-Plex-* headers for an identity. Header values must be bytes, and a name such as "Café ☕" would make fetch
 * throw: values outside printable ASCII are sent percent-encoded (UTF-8), as plex.tv reads X-Plex-* query parameters.
 */
export function identityHeaders(identity: Readonly<PlexIdentity>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const key of identityKeys) {
    const value = identity[key];
    if (value !== undefined) headers[headerName(key)] = /^[ -~]*$/.test(value) ? value : encodeURIComponent(value);
  }
  return headers;
}
