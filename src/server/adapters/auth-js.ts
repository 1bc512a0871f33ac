// plex-tv-auth/auth-js: Sign in with Plex as an Auth.js provider, for @auth/core's Auth() and NextAuth v5 configs.
// Credentials-based: its `authorize` takes a plex.tv token (the popup flow's result) or a sign-in the server-side
// handler completed (its one-time ticket cookie), under the same policy as the other adapters. @auth/core is an
// optional peer dependency; its error class is loaded only when a sign-in fails.

import type { CredentialsConfig } from "@auth/core/providers/credentials";
import type { User } from "@auth/core/types";
import type { PlexTvClient } from "../../plex-tv/client";
import { createAccessCheck, type AccessCheck } from "../access-check";
import type { SignInHandler } from "../sign-in-handler";
import type { CompletedSignIn } from "../tickets";

export interface PlexProviderOptions {
  plex: PlexTvClient;
  /** Only users of this server (the owner, and those it is shared with). */
  serverId?: string;
  /** An access check to share; default one made from `plex` and `serverId`. */
  accessCheck?: AccessCheck;
  /** The server-side handler whose completed sign-ins (tickets) the provider accepts. */
  signIn?: Pick<SignInHandler<any>, "redeemTicket">;
  /** Auth.js's user for a sign-in. Default id, name, email, image; never the token (map it here if you want it). */
  profile?: (signIn: Omit<CompletedSignIn, "owner"> & { owner?: boolean }) => User | Promise<User>;
  /** The provider's id (its callback is {basePath}/callback/{id}). Default "plex". */
  id?: string;
  name?: string;
}

/**
 * Why a sign-in failed, as Auth.js reports it: `?error=CredentialsSignin&code=…` on its sign-in page, or in the
 * JSON of a fetch that sent X-Auth-Return-Redirect. "plex_unavailable" means plex.tv could not be asked: try again.
 */
export type PlexSignInCode = "plex_no_credentials" | "plex_invalid" | "plex_denied" | "plex_unavailable";

async function signInError(code: PlexSignInCode): Promise<Error> {
  const { CredentialsSignin } = await import("@auth/core/errors");
  return Object.assign(new CredentialsSignin(), { code });
}

const defaultProfile = ({ user }: { user: CompletedSignIn["user"] }): User => ({
  id: String(user.id ?? user.uuid),
  name: user.username || user.title || null,
  email: user.email || null,
  image: user.thumb || null,
});

/** `providers: [PlexProvider({ plex, serverId, signIn })]`. Sessions must be "jwt" (Auth.js's rule for credentials). */
export function PlexProvider(options: PlexProviderOptions): CredentialsConfig {
  if (!options?.plex && !options?.accessCheck) throw new TypeError("PlexProvider: `plex` is required");
  const check = options.accessCheck ?? createAccessCheck(options.plex, { serverId: options.serverId });
  const { signIn, profile = defaultProfile } = options;
  return {
    id: options.id ?? "plex",
    name: options.name ?? "Plex",
    type: "credentials",
    credentials: { authToken: { type: "hidden" } },
    async authorize(credentials, request) {
      const completed = signIn && (await signIn.redeemTicket(request));
      if (completed) return profile(completed);
      const token = credentials?.authToken;
      if (typeof token !== "string" || token === "") throw await signInError("plex_no_credentials");
      const result = await check.check(token);
      if (result.status === "allowed") return profile({ user: result.user, authToken: token, owner: result.owner });
      throw await signInError(
        result.status === "invalid" ? "plex_invalid" : result.status === "denied" ? "plex_denied" : "plex_unavailable",
      );
    },
  };
}
