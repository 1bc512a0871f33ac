export type { components, operations, paths } from "../generated/plex-tv";
export { createPlexTvClient, type PlexTvClient, type PlexTvClientOptions } from "./client";
export { identityHeaders, type PlexIdentity } from "./identity";
export { plexHeaders, type TokenSource } from "./middleware";
export {
  InvalidTokenError,
  PinExpiredError,
  PlexTvError,
  PlexTvNetworkError,
  PlexTvTimeoutError,
  RateLimitedError,
  UnexpectedResponseError,
} from "./errors";
export { createPin, checkPin, type CreatePinOptions, type GetPinAuthPinContainer } from "./pin";
export { authAppUrl, linkUrl, type AuthAppUrlOptions } from "./urls";
export {
  waitForAuthToken,
  type AuthTokenResult,
  type PollEvent,
  type WaitForAuthTokenOptions,
} from "./wait-for-auth-token";
export { login, type LoginOptions, type Verification } from "./login";
export { loadOrCreateClientIdentifier } from "./client-identifier";
export { memoryStore, webStorageStore, type KeyValueStore, type WebStorage } from "./stores";

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
} from "./account";
export { linkPin, type LinkPinOptions } from "./link";
export { getServers, rankConnections, type PlexConnection, type PlexDevice, type PlexServer } from "./servers";
export {
  findReachableConnection,
  mayCarryToken,
  ServerUnreachableError,
  type FindReachableConnectionOptions,
} from "./reachable";
export * from "./jwt";
export {
  loginWithPopup,
  startRedirectLogin,
  completeRedirectLogin,
  PopupBlockedError,
  type PopupLoginOptions,
  type RedirectLoginOptions,
} from "./browser";
