// plex-tv-auth/media-server: reaching a Plex Media Server and its authentication surface, typed by
// spec/plex-media-server.yaml.
export type {
  components as ServerComponents,
  operations as ServerOperations,
  paths as ServerPaths,
} from "../../generated/plex-media-server";
export { createPlexServerClient, type PlexServerClient, type PlexServerClientOptions } from "./client";
export { connectToServer, type ConnectToServerOptions, type ServerSession } from "./connect";
export {
  claimServer,
  getServerIdentity,
  getSourceConnectionInformation,
  getTransientToken,
  type ServerCallOptions,
  type ServerIdentity,
  type SourceConnection,
  type SourceConnectionOptions,
  type SourceDevice,
} from "./operations";
export {
  ClaimTokenRejectedError,
  ServerAlreadyClaimedError,
  ServerIdentityMismatchError,
  ServerUnreachableError,
} from "./errors";
export { findReachableConnection, type FindReachableConnectionOptions, type ReachableConnection } from "./reachable";
export type { ConnectionAttempt, RaceRuleOptions } from "./race";
export { mayCarryToken } from "../transport/base-url";
