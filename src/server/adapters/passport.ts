// plex-tv-auth/passport: a Passport strategy for Sign in with Plex. It authenticates a posted plex.tv token (the
// popup flow's result), or a sign-in the server-side handler completed (its one-time ticket cookie). Passport is an
// optional peer dependency; only its types are imported (passport needs only `authenticate` of a strategy).

import type { Request } from "express";
import type { Strategy, StrategyCreatedStatic } from "passport";
import type { PlexTvClient } from "../../plex-tv/client";
import { PlexTvError } from "../../transport/errors";
import { createAccessCheck, type AccessCheck } from "../access-check";
import type { SignInHandler } from "../sign-in-handler";
import { hasTicket, type CompletedSignIn } from "../tickets";

export interface PlexStrategyOptions {
  plex: PlexTvClient;
  /** Only users of this server (the owner, and those it is shared with): 403 for the others. */
  serverId?: string;
  /** An access check to share (with requirePlexUser, say); default one made from `plex` and `serverId`. */
  accessCheck?: AccessCheck;
  /** The server-side handler whose completed sign-ins (tickets) this strategy accepts. */
  signIn?: Pick<SignInHandler<any>, "redeemTicket" | "clearTicketCookie">;
  /** The body field holding a posted token. Default "authToken" (needs express.json() or urlencoded()). */
  tokenField?: string;
  /** The strategy's name. Default "plex". */
  name?: string;
}

/** What `verify` gets: the user, their token (a secret: keep it in the session store), their access. */
export type PlexSignIn = Omit<CompletedSignIn, "owner"> & { owner?: boolean; req: Request };

export type PlexVerify = (
  signIn: PlexSignIn,
  done: (error: unknown, user?: Express.User | false | null, info?: object) => void,
) => void | Promise<void>;

/**
 * `passport.use(new PlexStrategy({ plex, serverId }, verify))`. fail(400) without a token or ticket, fail(401) for
 * an invalid token or ticket, fail(403) for a user without access; error() when plex.tv cannot be asked (a 503 of
 * the app's, never a sign-out); otherwise `verify` decides, as with any strategy.
 */
export class PlexStrategy implements Strategy {
  readonly name: string;
  /**
   * Passport calls it on an object made with Object.create(strategy), holding success/fail/error: so it is a
   * closure over the options, not a method reading private fields (which that object does not have).
   */
  readonly authenticate: (this: StrategyCreatedStatic, req: Request) => void;

  constructor(options: PlexStrategyOptions, verify: PlexVerify) {
    if (!options?.plex && !options?.accessCheck) throw new TypeError("PlexStrategy: `plex` is required");
    if (typeof verify !== "function") throw new TypeError("PlexStrategy: `verify` must be a function");
    this.name = options.name ?? "plex";
    const check = options.accessCheck ?? createAccessCheck(options.plex, { serverId: options.serverId });
    const { signIn, tokenField = "authToken" } = options;

    async function settle(strategy: StrategyCreatedStatic, req: Request): Promise<void> {
      const done = (error: unknown, user?: Express.User | false | null, info?: object) => {
        if (error) return strategy.error(error);
        if (!user) return strategy.fail(info ?? { message: "refused by the app" }, 403);
        strategy.success(user, info);
      };
      if (signIn && hasTicket(req)) {
        const completed = await signIn.redeemTicket(req);
        req.res?.append("Set-Cookie", signIn.clearTicketCookie);
        if (!completed)
          return strategy.fail({ message: "the sign-in ticket is not valid (expired, spent or forged)" }, 401);
        return void (await verify({ ...completed, req }, done));
      }
      const token = (req.body as Record<string, unknown> | undefined)?.[tokenField];
      if (typeof token !== "string" || token === "") {
        return strategy.fail({ message: "no Plex token or sign-in ticket" }, 400);
      }
      const result = await check.check(token);
      switch (result.status) {
        case "invalid":
          return strategy.fail({ message: "the Plex token is not valid" }, 401);
        case "denied":
          return strategy.fail({ message: "this Plex account has no access to this server" }, 403);
        case "unknown":
          return strategy.error(
            new PlexTvError("plex.tv could not be asked about the sign-in", { status: 503, cause: result.cause }),
          );
        case "allowed":
          return void (await verify({ user: result.user, authToken: token, owner: result.owner, req }, done));
      }
    }

    this.authenticate = function (req) {
      void settle(this, req).catch((error: unknown) => this.error(error));
    };
  }
}
