// openapi-fetch middleware that makes every request one plex.tv answers in JSON and attributes to this app.

import type { Middleware } from "openapi-fetch";
import { tokenlessOperations } from "../generated/operations";
import { UnexpectedResponseError } from "./errors";
import { identityHeaders, type PlexIdentity } from "./identity";

/** A token, or a function that yields one (sync or async), or nothing. */
export type TokenSource = string | (() => string | null | undefined | Promise<string | null | undefined>);

async function resolveToken(token: TokenSource | undefined): Promise<string | null | undefined> {
  return typeof token === "function" ? token() : token;
}

/**
 * Sets the X-Plex-* identity headers and `Accept: application/json` (exactly: anything else gets XML) on every
 * request, and `X-Plex-Token` when a token is configured, except on the operations the spec marks tokenless
 * (PIN create and check) and on requests that carry their own token.
 */
export function plexHeaders(identity: Readonly<PlexIdentity>, token?: TokenSource): Middleware {
  const headers = Object.entries(identityHeaders(identity));
  return {
    async onRequest({ request, schemaPath }) {
      for (const [name, value] of headers) request.headers.set(name, value);
      request.headers.set("Accept", "application/json");
      if (token === undefined || request.headers.has("X-Plex-Token")) return;
      if (tokenlessOperations.has(`${request.method} ${schemaPath}`)) return;
      const value = await resolveToken(token);
      if (value) request.headers.set("X-Plex-Token", value);
    },
  };
}

/** Turns a 2xx answer that is not JSON (an XML or HTML page) into an UnexpectedResponseError. */
export const requireJsonBody: Middleware = {
  onResponse({ request, response, schemaPath }) {
    if (!response.ok || response.status === 204 || response.headers.get("Content-Length") === "0") return;
    const type = response.headers.get("Content-Type") ?? "";
    if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
      throw new UnexpectedResponseError(
        `${request.method} ${schemaPath}: expected JSON from plex.tv, got ${type ? `"${type.split(";")[0]}"` : "no Content-Type"}`,
        { status: response.status },
      );
    }
  },
};
