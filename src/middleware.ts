// openapi-fetch middleware that makes every request one plex.tv answers in JSON and attributes to this app.

import type { Middleware } from "openapi-fetch";
import { tokenlessOperations } from "../generated/operations";
import { identityHeaders, type PlexIdentity } from "./identity";

/** A token, or a function that yields one (sync or async), or nothing. */
export type TokenSource = string | (() => string | null | undefined | Promise<string | null | undefined>);

/**
 * Sets the X-Plex-* identity headers and `Accept: application/json` (exactly: anything else gets XML) on every
 * request, and `X-Plex-Token` when a token is configured, except on the operations the spec marks tokenless
 * (PIN create and check) and on requests that carry their own token.
 */
export function plexHeaders(identity: Readonly<PlexIdentity>, token?: TokenSource): Middleware {
  const headers = { ...identityHeaders(identity), Accept: "application/json" };
  return {
    async onRequest({ request, schemaPath }) {
      for (const name in headers) request.headers.set(name, headers[name as keyof typeof headers]);
      if (token === undefined || request.headers.has("X-Plex-Token")) return;
      if (tokenlessOperations.has(`${request.method} ${schemaPath}`)) return;
      const value = typeof token === "function" ? await token() : token;
      if (value) request.headers.set("X-Plex-Token", value);
    },
  };
}
