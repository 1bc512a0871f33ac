// plex-tv-auth/express: the sign-in handler mounted in an Express 5 app, and the access check as route middleware.
// Express is an optional peer dependency; only its types are imported.

import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { AccessCheck } from "../access-check";
import type { SignInHandler } from "../sign-in-handler";
import type { PlexUser } from "../../plex-tv/plex-user";
import { MAX_NODE_BODY_BYTES, sendFetchResponse, toFetchRequest } from "./node-http";

// The bridge plexSignIn uses, for other Fetch-standard handlers on Express (Auth.js's Auth(), say).
export { sendFetchResponse, toFetchRequest } from "./node-http";

/** What the handler's `authorize` and `onSignIn` get as `context` under Express. */
export interface ExpressContext {
  req: Request;
  res: Response;
}

/**
 * `app.use(plexSignIn(signIn))`: the handler's routes ({base}/pin, {base}/callback) answered by it, every other
 * request passed on. Works before or after express.json().
 */
export function plexSignIn(handler: SignInHandler<ExpressContext>): RequestHandler {
  if (typeof handler !== "function" || typeof handler.handles !== "function") {
    throw new TypeError("plexSignIn: pass the handler createSignInHandler made");
  }
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!handler.handles(new URL(req.originalUrl, "http://path.invalid").pathname)) return next();
    const request = await toFetchRequest(req);
    if (!request) {
      res.status(413).json({ status: "error", error: "too_large", message: `at most ${MAX_NODE_BODY_BYTES} bytes` });
      return;
    }
    await sendFetchResponse(res, await handler(request, { req, res }));
  };
}

export interface RequirePlexUserOptions {
  /** The access check (createAccessCheck) that answers for each request. */
  check: AccessCheck;
  /** The request's plex.tv token, from the app's session; none means not signed in (401). */
  token: (req: Request) => string | null | undefined | Promise<string | null | undefined>;
  /** plex.tv said the token is invalid (signed out, revoked): drop the session here. The answer is 401 still. */
  onInvalid?: (req: Request, res: Response) => void | Promise<void>;
  /** Seconds a 503 asks the client to wait. Default 5. */
  retryAfterSeconds?: number;
}

/** What requirePlexUser leaves in `res.locals` for the route. */
export interface PlexLocals {
  plexUser: PlexUser;
  /** Whether the user owns the access check's server. */
  plexOwner: boolean;
}

/**
 * Route middleware: lets a request through when its user may use the server, with `res.locals.plexUser`; else 401
 * (not signed in, or plex.tv says the token is invalid), 403 (signed in, no access) or 503 (plex.tv could not say:
 * the session is kept, never signed out).
 */
export function requirePlexUser(options: RequirePlexUserOptions): RequestHandler {
  const { check, token, onInvalid, retryAfterSeconds = 5 } = options ?? ({} as RequirePlexUserOptions);
  if (typeof check?.check !== "function" || typeof token !== "function") {
    throw new TypeError("requirePlexUser: needs `check` (createAccessCheck) and `token` (a function of the request)");
  }
  const refuse = (res: Response, status: number, error: string, message: string) =>
    void res.status(status).set("Cache-Control", "no-store").json({ status: "error", error, message });
  return async (req: Request, res: Response, next: NextFunction) => {
    const value = await token(req);
    if (typeof value !== "string" || value === "") return refuse(res, 401, "signed_out", "sign in with Plex first");
    const result = await check.check(value);
    switch (result.status) {
      case "allowed":
        Object.assign(res.locals, { plexUser: result.user, plexOwner: result.owner } satisfies PlexLocals);
        return next();
      case "invalid":
        await onInvalid?.(req, res);
        return refuse(res, 401, "invalid_token", "the Plex sign-in is no longer valid: sign in again");
      case "denied":
        return refuse(res, 403, "denied", "this Plex account has no access to this server");
      case "unknown":
        res.set("Retry-After", String(retryAfterSeconds));
        return refuse(res, 503, "unavailable", "plex.tv could not be reached: try again shortly");
    }
  };
}
