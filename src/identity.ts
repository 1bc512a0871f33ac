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

const headerNames = {
  clientIdentifier: "X-Plex-Client-Identifier",
  product: "X-Plex-Product",
  version: "X-Plex-Version",
  platform: "X-Plex-Platform",
  platformVersion: "X-Plex-Platform-Version",
  device: "X-Plex-Device",
  deviceName: "X-Plex-Device-Name",
  model: "X-Plex-Model",
} as const satisfies Record<keyof PlexIdentity, string>;

const identityKeys = Object.keys(headerNames) as (keyof PlexIdentity)[];

/** Checks the options and keeps only the identity fields, frozen. */
export function toIdentity(options: Partial<PlexIdentity>): Readonly<PlexIdentity> {
  for (const required of ["clientIdentifier", "product"] as const) {
    const value = options[required];
    if (typeof value !== "string" || value.trim() === "") {
      throw new TypeError(`createPlexTvClient: \`${required}\` is required and must be a non-empty string`);
    }
  }
  const identity: Partial<PlexIdentity> = {};
  for (const key of identityKeys) {
    const value = options[key];
    if (value === undefined) continue;
    if (typeof value !== "string") throw new TypeError(`createPlexTvClient: \`${key}\` must be a string`);
    identity[key] = value;
  }
  return Object.freeze(identity as PlexIdentity);
}

// Header values must be bytes; a name such as "Café ☕" would make fetch throw. Values outside printable ASCII
// are sent percent-encoded (UTF-8), which is also how plex.tv reads X-Plex-* query parameters.
function headerValue(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
}

/** The X-Plex-* headers for an identity. */
export function identityHeaders(identity: Readonly<PlexIdentity>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const key of identityKeys) {
    const value = identity[key];
    if (value !== undefined) headers[headerNames[key]] = headerValue(value);
  }
  return headers;
}
