export type { components, operations, paths } from "../generated/plex-tv";
export { createPlexTvClient, type PlexTvClient, type PlexTvClientOptions } from "./plex-tv/client";
export { identityHeaders, type PlexIdentity } from "./plex-tv/identity";
export { plexHeaders } from "./plex-tv/middleware";
export type { TokenSource, FetchLike } from "./transport/fetch";
export { serverNow, type ServerClock } from "./transport/clock";
export {
  InvalidTokenError,
  PlexTvError,
  PlexTvNetworkError,
  PlexTvTimeoutError,
  RateLimitedError,
  UnexpectedResponseError,
} from "./transport/errors";
export {
  HomePinError,
  InvalidCredentialsError,
  PinExpiredError,
  PopupBlockedError,
  SignInThrottledError,
  TwoFactorRequiredError,
} from "./plex-tv/errors";
export {
  createPin,
  checkPin,
  type CheckPinOptions,
  type CreatePinOptions,
  type GetPinAuthPinContainer,
  type ReceivedPin,
} from "./plex-tv/pin";
export { authAppUrl, linkUrl, type AuthAppUrlOptions } from "./plex-tv/urls";
export {
  waitForAuthToken,
  type AuthTokenResult,
  type PollEvent,
  type WaitForAuthTokenOptions,
} from "./flows/wait-for-auth-token";
export { login, type LoginOptions, type Verification } from "./flows/login";
export { loadOrCreateClientIdentifier } from "./stores/client-identifier";
export { memoryStore, webStorageStore, type KeyValueStore, type WebStorage } from "./stores/key-value";

import type { components } from "../generated/plex-tv";
export type PlexErrors = components["schemas"]["PlexErrors"];
export {
  getUser,
  ping,
  signOut,
  getGeoData,
  type GeoData,
  validateToken,
  type TokenOptions,
  type TokenValidation,
  type UserPlexAccount,
} from "./plex-tv/account";
export { linkPin, type LinkPinOptions } from "./plex-tv/link";
export {
  getHomeUsers,
  switchHomeUser,
  type PlexHome,
  type PlexHomeUser,
  type PlexSwitchedAccount,
  type SwitchHomeUserOptions,
} from "./plex-tv/home";
export { signInWithPassword, type SignInWithPasswordOptions } from "./plex-tv/password-sign-in";
export { getCompanions, getFriends, type PlexCompanion, type PlexFriend } from "./plex-tv/friends";
export { getClaimToken } from "./plex-tv/claim-token";
export {
  createTokenValidator,
  ChecksOverloadedError,
  type CachedTokenValidation,
  type TokenValidator,
  type TokenValidatorOptions,
  type ValidatedUser,
} from "./flows/token-validator";
export { memoryExpiringStore, type ExpiringStore } from "./stores/expiring-store";
export { PLEX_USER_FIELDS, PLEX_USER_SUBSCRIPTION_FIELDS, toPlexUser, type PlexUser } from "./plex-tv/plex-user";
export { getServerAccessToken, type ServerAccessTokenOptions } from "./plex-tv/servers";
export { getServers, rankConnections, type PlexConnection, type PlexDevice, type PlexServer } from "./plex-tv/servers";
export {
  loginWithPopup,
  startRedirectLogin,
  completeRedirectLogin,
  type PopupLoginOptions,
  type RedirectLoginOptions,
} from "./flows/browser";
export {
  signInWithServer,
  startServerSignIn,
  SignInRefusedError,
  type PopupServerSignInOptions,
  type RedirectServerSignInOptions,
  type ServerSignInOptions,
} from "./flows/server-sign-in";
