// Operations the spec marks `security: []`, and the identity its header parameters describe.
// Generated from spec/plex-tv.yaml by scripts/generate.mjs. Do not edit: run `npm run generate`.

export const tokenlessOperations: readonly string[] = [
  "GET /api/v2/auth/keys",
  "GET /api/v2/auth/nonce",
  "GET /api/v2/pins/{pinID}",
  "POST /api/v2/auth/token",
  "POST /api/v2/pins",
  "POST /api/v2/users/signin",
];

/** Matches "METHOD /path" of a request to a tokenless operation (a path parameter matches any one segment). */
export const tokenlessRequest =
  /^(?:GET \/api\/v2\/auth\/keys|GET \/api\/v2\/auth\/nonce|GET \/api\/v2\/pins\/[^/]+|POST \/api\/v2\/auth\/token|POST \/api\/v2\/pins|POST \/api\/v2\/users\/signin)$/;

/** The spec's header parameters, by option name: how an app describes itself. */
export interface IdentityParameters {
  /** X-Plex-Client-Identifier: Required by plex.tv (400/1000 without it); the client sends it on every request. One stable value per installation: a new one per run floods the user's Authorized Devices, and a PIN can only be checked with the identifier that created it. */
  clientIdentifier?: string;
  /** X-Plex-Product: The app's name, shown to the user on the auth page and in Authorized Devices. */
  product?: string;
  /** X-Plex-Version: The app's version. */
  version?: string;
  /** X-Plex-Platform: The platform the app runs on ("Web", "Node.js", "Android"). */
  platform?: string;
  /** X-Plex-Platform-Version: The platform's version. */
  platformVersion?: string;
  /** X-Plex-Device: The kind of device. */
  device?: string;
  /** X-Plex-Device-Name: The device's name, shown in Authorized Devices. */
  deviceName?: string;
  /** X-Plex-Model: The device's model. */
  model?: string;
  /** X-Plex-Device-Vendor: The device's maker. */
  deviceVendor?: string;
}

/** The identity options, in the spec's order; each is sent as X-Plex-Its-Name (deviceName → X-Plex-Device-Name). */
export const identityOptions = [
  "clientIdentifier",
  "product",
  "version",
  "platform",
  "platformVersion",
  "device",
  "deviceName",
  "model",
  "deviceVendor",
] as const satisfies readonly (keyof IdentityParameters)[];
