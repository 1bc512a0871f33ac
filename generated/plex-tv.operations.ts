// Operations the spec marks `security: []`: a token must never be sent to them.
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
