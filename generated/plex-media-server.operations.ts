// Operations the spec marks `security: []`: a token must never be sent to them.
// Generated from spec/plex-media-server.yaml by scripts/generate.mjs. Do not edit: run `npm run generate`.

export const tokenlessOperations: readonly string[] = ["GET /identity", "POST /myplex/claim"];

/** Matches "METHOD /path" of a request to a tokenless operation (a path parameter matches any one segment). */
export const tokenlessRequest = /^(?:GET \/identity|POST \/myplex\/claim)$/;
