// plex.tv's own typed errors: what a status means in its sign-in operations. Like every PlexTvError, none holds a
// token, a password or a PIN.

import { PlexTvError, RateLimitedError } from "../transport/errors";

/** The PIN is unknown, expired, or was created under another client identifier (404/1020), or its time ran out. */
export class PinExpiredError extends PlexTvError {
  override name = "PinExpiredError";
}

/**
 * A wrong or missing Home PIN (code 1041, 403 or 401). Never an InvalidTokenError: the token switched from is still
 * valid and must be kept.
 */
export class HomePinError extends PlexTvError {
  override name = "HomePinError";
}

/** 401/1001: the login or the password is wrong. (No token was involved: there is none to discard.) */
export class InvalidCredentialsError extends PlexTvError {
  override name = "InvalidCredentialsError";
}

/** 401/1029 or 1028: the account has two-factor authentication: ask for the 6-digit code (or the one sent was wrong). */
export class TwoFactorRequiredError extends PlexTvError {
  override name = "TwoFactorRequiredError";
}

/** 401/1031: "This IP is having trouble signing in": too many tries. A RateLimitedError, as a 429 is. */
export class SignInThrottledError extends RateLimitedError {
  override name = "SignInThrottledError";
}

/** The browser refused to open the popup: sign in with a redirect instead (startRedirectLogin). */
export class PopupBlockedError extends PlexTvError {
  override name = "PopupBlockedError";
}
