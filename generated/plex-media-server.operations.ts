// Operations the spec marks `security: []`, and the identity its header parameters describe.
// Generated from spec/plex-media-server.yaml by scripts/generate.mjs. Do not edit: run `npm run generate`.

export const tokenlessOperations: readonly string[] = ["GET /identity", "POST /myplex/claim"];

/** Matches "METHOD /path" of a request to a tokenless operation (a path parameter matches any one segment). */
export const tokenlessRequest = /^(?:GET \/identity|POST \/myplex\/claim)$/;

/** The spec's header parameters, by option name: how an app describes itself. */
export interface IdentityParameters {}

/** The identity options, in the spec's order; each is sent as X-Plex-Its-Name (deviceName → X-Plex-Device-Name). */
export const identityOptions = [] as const satisfies readonly (keyof IdentityParameters)[];
