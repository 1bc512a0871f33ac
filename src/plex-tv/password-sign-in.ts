// Sign-in with a login and password (and a 2FA code). The PIN flow is preferred: there the password never passes
// through the app. Scripts and headless set-ups still need this.

import type { ErrorMeaning } from "../transport/errors";
import { FORM_CONTENT_TYPE, formBody } from "../transport/form-body";
import { send } from "../transport/operation";
import { signedIn, type SignedIn } from "./account";
import type { PlexTvClient } from "./client";
import { InvalidCredentialsError, SignInThrottledError, TwoFactorRequiredError } from "./errors";

export interface SignInWithPasswordOptions {
  /** The account's username or email. */
  login: string;
  password: string;
  /** The 6-digit 2FA code, when plex.tv asks for it (TwoFactorRequiredError). */
  verificationCode?: string;
  /** Ask for a long-lived sign-in. */
  rememberMe?: boolean;
  signal?: AbortSignal;
}

/**
 * POST /api/v2/users/signin: the account and its token. The password travels only in the form body, never in a URL,
 * an error or a log. 1001 → InvalidCredentialsError, 1029 (a code is needed) and 1028 (the code sent is wrong) →
 * TwoFactorRequiredError, 1031 → SignInThrottledError,
 * 429 → RateLimitedError.
 */
export async function signInWithPassword(
  plex: PlexTvClient,
  { login, password, verificationCode, rememberMe, signal }: SignInWithPasswordOptions,
): Promise<SignedIn> {
  if (typeof login !== "string" || !login)
    throw new TypeError("signInWithPassword: `login` must be a non-empty string");
  if (typeof password !== "string" || !password) {
    throw new TypeError("signInWithPassword: `password` must be a non-empty string");
  }
  if (verificationCode !== undefined && !/^\d{6}$/.test(verificationCode)) {
    throw new TypeError("signInWithPassword: `verificationCode` must be 6 digits");
  }
  const operation = "POST /api/v2/users/signin";
  const init = { body: { login, password, rememberMe, verificationCode }, bodySerializer: formBody, signal };
  // No token was involved: a 401 here says what was wrong with the sign-in, never that a token is invalid.
  const meaning: ErrorMeaning = (status, code) =>
    status === 401 &&
    (code === 1029 || code === 1028
      ? TwoFactorRequiredError
      : code === 1031
        ? SignInThrottledError
        : InvalidCredentialsError);
  return signedIn(operation, send(plex, operation, { ...init, headers: FORM_CONTENT_TYPE }, { meaning }));
}
