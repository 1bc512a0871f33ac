// plex-tv-auth/server: Sign in with Plex through the app's own server (a Fetch-standard handler), and the access
// check for every request after. Nothing here is for browsers: pages use signInWithServer from the root.
export {
  createSignInHandler,
  type SignInAnswer,
  type SignInDetails,
  type SignInHandler,
  type SignInHandlerOptions,
} from "./sign-in-handler";
export { createAccessCheck, type AccessCheck, type AccessCheckOptions, type AccessResult } from "./access-check";
export { createForwardAuth, type ForwardAuth, type ForwardAuthOptions } from "./forward-auth";
export { toNodeListener } from "./adapters/node-http";
export type { CompletedSignIn, TicketSource } from "./tickets";
export type { ExpiringStore } from "../stores/expiring-store";
export type { Secret } from "./secret";
export type { PlexUser } from "../plex-tv/plex-user";
