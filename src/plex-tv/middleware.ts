// openapi-fetch middleware for an openapi-fetch client of your own: plex.tv's headers, by the transport's own rule.
// (createPlexTvClient needs none: its transport applies the same rules and more.)

import type { Middleware } from "openapi-fetch";
import { tokenlessRequest } from "../../generated/plex-tv.operations";
import { setPlexHeaders, type TokenSource } from "../transport/fetch";
import { identityHeaders, type PlexIdentity } from "./identity";

/**
 * Sets the X-Plex-* identity headers and `Accept: application/json` (exactly: anything else gets XML) on every
 * request, and `X-Plex-Token` when a token is configured, except on the operations the spec marks tokenless
 * (PIN create and check) and on requests that carry their own token.
 */
export function plexHeaders(identity: Readonly<PlexIdentity>, token?: TokenSource): Middleware {
  const headers = identityHeaders(identity);
  return {
    async onRequest({ request, schemaPath }) {
      for (const name in headers) request.headers.set(name, headers[name]!);
      await setPlexHeaders(request.headers, `${request.method} ${schemaPath}`, token, tokenlessRequest);
    },
  };
}
