// Forward auth: a gateway (nginx auth_request, Traefik forwardAuth, Caddy forward_auth) asks before each request to
// the media app behind it (each page, thumbnail and HLS segment) whether it may pass. The answer comes from the
// cached access check (token valid, user allowed on the server), for a token from the gateway's own session cookie
// or an X-Plex-Token header. A gateway has no app of its own, so the handler keeps the sessions too: its sign-in page
// and routes under `basePath`, and a session cookie that never holds the bare token.
//
// Routes, under `basePath` (default /auth/plex):
// - GET {base}/check     the gateway's question: 200 with X-Plex-User-Id, X-Plex-User-Uuid and X-Plex-Username;
//                        401 with where to sign in (Location); 403 for a user without access; 503 when plex.tv (or
//                        the session store) cannot say about a token it has no answer for. A request with two tokens
//                        or one too long is a 401 too (gateways act only on 2xx, 401 and 403). `?redirect=1` answers
//                        a signed-out browser's page load 302 instead of 401, for gateways that hand the answer on as
//                        it is (Traefik, Caddy); a script (no page asked for) still gets the 401.
// - GET {base}/          the sign-in page (`?rd=/path`: where to go after); GET {base}/sign-in.js its script;
// - POST {base}/sign-out the session ends (and its token is signed out at plex.tv);
// - {base}/pin, {base}/callback: createSignInHandler's.

import { signOut } from "../plex-tv/account";
import type { PlexTvClient } from "../plex-tv/client";
import type { ExpiringStore } from "../stores/expiring-store";
import { createAccessCheck, type AccessCheck } from "./access-check";
import { json, problem } from "./answers";
import type { Secret } from "./secret";
import { sessions as makeSessions } from "./sessions";
import { site } from "./site";
import { signInPage, signInScript } from "./sign-in-page";
import { createSignInHandler } from "./sign-in-handler";

export interface ForwardAuthOptions {
  /** Signs and seals the sessions and the sign-in's cookies: at least 32 bytes, the same on every gateway. */
  secret: Secret | readonly Secret[];
  /** "Users of my server": the owner always, others when plex.tv lists the server for them with a token. */
  serverId?: string;
  /** Where the routes live. Default "/auth/plex". */
  basePath?: string;
  /**
   * A store several gateways share (plex-tv-auth/redis): sessions (the cookie then holds a signed id), the sign-in's
   * marks, and the access check's answers. Default: sessions in the cookie, the rest in this process.
   */
  store?: ExpiringStore;
  /** How long a session lasts. Default 30 days. */
  sessionTtlMs?: number;
  /** The session cookie's name. Default "plex_session". */
  cookieName?: string;
  /** The access check to ask (one of your own, shared with the app); default one made with `serverId`, `store`. */
  accessCheck?: AccessCheck;
  /** The site's public origin, when the handler sees another one (it always does behind a gateway: set it). */
  origin?: string;
  /** Secure cookies. Default: when the site's origin is https. */
  secureCookies?: boolean;
  /** Where the auth app lives; default https://app.plex.tv/auth. For tests and Plex-compatible stand-ins. */
  authAppBaseUrl?: string;
  /** Told of failures the browser only sees as a status. */
  onError?: (error: unknown) => void;
}

export interface ForwardAuth {
  (request: Request): Promise<Response>;
  readonly basePath: string;
}

/** The longest X-Plex-Token taken: a Plex JWT is under 1 KB. */
const MAX_TOKEN_CHARS = 4096;
/** A header value as bytes can carry it: printable ASCII as it is, anything else percent-encoded (UTF-8). */
const headerValue = (value: unknown) => {
  const text = value === undefined || value === null ? "" : String(value);
  return /^[ -~]*$/.test(text) ? text : encodeURIComponent(text);
};

const who = "createForwardAuth";

/** A browser loading a page (a navigation, or HTML asked for), not a script or a page's own fetch. */
const wantsPage = (request: Request) => {
  const mode = request.headers.get("Sec-Fetch-Mode");
  return mode ? mode === "navigate" : /\btext\/html\b/.test(request.headers.get("Accept") ?? "");
};

export function createForwardAuth(plex: PlexTvClient, options: ForwardAuthOptions): ForwardAuth {
  const { serverId, store, secureCookies, authAppBaseUrl, onError } = options ?? {};
  const { origin, originOf, secure } = site(options?.origin, secureCookies, who);
  const sessions = makeSessions(
    { secret: options?.secret, store, ttlMs: options.sessionTtlMs, cookieName: options.cookieName },
    who,
  );
  const signIn = createSignInHandler(plex, {
    secret: options.secret,
    basePath: options.basePath,
    serverId,
    store,
    origin,
    secureCookies,
    authAppBaseUrl,
    onError,
    onSignIn: async ({ authToken, user, request }) => ({
      headers: { "Set-Cookie": await sessions.start(authToken, secure(request)) },
      body: { user },
    }),
  });
  const base = signIn.basePath === "/" ? "" : signIn.basePath;
  const access = options.accessCheck ?? createAccessCheck(plex, { serverId, cache: store });

  /** Where the browser was going, as the gateway tells it: a path of this site, or "/". */
  const returnPath = (request: Request) => {
    const uri = request.headers.get("X-Original-URI") ?? request.headers.get("X-Forwarded-Uri") ?? "/";
    return /^\/(?![/\\])[^\\\s]*$/.test(uri) && uri.length <= 2048 ? uri : "/";
  };
  const signInUrl = (request: Request) => `${origin ?? ""}${base}/?rd=${encodeURIComponent(returnPath(request))}`;

  async function check(request: Request): Promise<Response> {
    const headerTokens = request.headers.get("X-Plex-Token");
    const fromSession = await sessions.token(request);
    if (fromSession === "unknown") {
      return json(503, { status: "unavailable", message: "the session store could not be asked", retryAfterMs: 1000 });
    }
    const signedOut = (why = "sign in with Plex") => {
      const location = signInUrl(request);
      const redirect = new URL(request.url).searchParams.get("redirect") === "1" && wantsPage(request);
      return new Response(redirect ? null : `${why}\n`, {
        status: redirect ? 302 : 401,
        headers: { Location: location, "Cache-Control": "no-store", "WWW-Authenticate": 'Plex realm="plex.tv"' },
      });
    };
    // Never one of two picked silently, nor a token of any length passed on to plex.tv.
    if (headerTokens !== null && (headerTokens.includes(",") || (fromSession && fromSession !== headerTokens))) {
      return signedOut("the request carries two tokens: send one, as X-Plex-Token or the session");
    }
    const token = headerTokens ?? fromSession;
    if (token !== undefined && (token === "" || token.length > MAX_TOKEN_CHARS)) {
      return signedOut(`X-Plex-Token must be 1 to ${MAX_TOKEN_CHARS} characters`);
    }
    if (token === undefined) return signedOut();
    const result = await access.check(token, { signal: request.signal });
    switch (result.status) {
      case "allowed":
        return new Response(null, {
          status: 200,
          headers: {
            "X-Plex-User-Id": headerValue(result.user.id),
            "X-Plex-User-Uuid": headerValue(result.user.uuid),
            // A managed user's own username is "": the title names them then.
            "X-Plex-Username": headerValue(result.user.username || result.user.title),
            "Cache-Control": "no-store",
          },
        });
      case "denied":
        return problem(403, "denied", "this Plex account may not use this site");
      case "invalid":
        return signedOut();
      case "unknown":
        return json(503, { status: "unavailable", message: "plex.tv could not be asked", retryAfterMs: 5000 });
    }
  }

  async function end(request: Request): Promise<Response> {
    const from = request.headers.get("Origin");
    if (from !== null && from !== originOf(request)) {
      return problem(403, "cross_origin", "a sign-out comes only from a page of this site");
    }
    const token = await sessions.token(request);
    const cleared = await sessions.end(request, secure(request));
    if (typeof token === "string" && token !== "unknown") {
      await access.forget(token);
      // The token was made for this gateway: it stops working at plex.tv too (best effort).
      await signOut(plex, { token, signal: AbortSignal.timeout(5000) }).catch(() => {});
    }
    return new Response(null, { status: 303, headers: { Location: `${origin ?? ""}${base}/`, "Set-Cookie": cleared } });
  }

  const page = (body: string, type: string) =>
    new Response(body, {
      headers: {
        "Content-Type": type,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; script-src 'self'; connect-src 'self'; base-uri 'none'",
        "X-Frame-Options": "DENY",
      },
    });
  const ownRoutes: Record<string, Record<string, (request: Request) => Promise<Response> | Response>> = {
    "/check": { GET: check, HEAD: check },
    "/": { GET: () => page(signInPage(base), "text/html; charset=utf-8") },
    "/sign-in.js": { GET: () => page(signInScript(base), "text/javascript; charset=utf-8") },
    "/sign-out": { POST: end },
  };

  const handler = async (request: Request): Promise<Response> => {
    let pathname: string;
    try {
      pathname = new URL(request.url).pathname;
    } catch {
      return problem(400, "malformed", "not a URL");
    }
    const route = pathname.startsWith(base) ? ownRoutes[pathname.slice(base.length) || "/"] : undefined;
    if (!route) return signIn(request);
    const method = route[request.method];
    if (!method) return problem(405, "method", `${request.method} is not a method of this route`);
    try {
      return await method(request);
    } catch (error) {
      onError?.(error);
      return problem(500, "server", "forward auth failed on the server");
    }
  };
  return Object.assign(handler, { basePath: signIn.basePath });
}
