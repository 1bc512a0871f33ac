// plex-tv-auth/jwt: JWT device authentication (an Ed25519 key per device, short-lived tokens plex.tv signs).
export {
  generateDeviceKey,
  jwkThumbprint,
  type DeviceKey,
  type Ed25519PrivateJwk,
  type Ed25519PublicJwk,
} from "./device-key";
export {
  loginWithJwt,
  registerDeviceKey,
  refreshPlexJwt,
  DEFAULT_SCOPES,
  type LoginWithJwtOptions,
  type PlexJwtCredentials,
} from "./credentials";
export { verifyPlexJwt, PlexJwtError } from "./verify";
export { jwtTokenProvider, type JwtTokenProviderOptions } from "./token-provider";
