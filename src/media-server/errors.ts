// The media server's own typed errors. Like every PlexTvError, none holds a token or a claim token.

import { PlexTvError } from "../transport/errors";

/** No connection of the server answered (or none answered as that server) in time. */
export class ServerUnreachableError extends PlexTvError {
  override name = "ServerUnreachableError";
}

/**
 * A connection answered /identity as another server (a reused address, a stale DNS entry, a proxy): its token must
 * not be used there. connectToServer rejects with it when no connection is the server itself and one is another.
 */
export class ServerIdentityMismatchError extends ServerUnreachableError {
  override name = "ServerIdentityMismatchError";
  constructor(
    message: string,
    /** The machine identifier expected (the server's clientIdentifier in plex.tv's resources). */
    readonly expected: string,
    /** The machine identifier the connection answered. */
    readonly actual: string,
  ) {
    super(message);
  }
}

/** claimServer: the server belongs to an account already (its /identity says `claimed`). */
export class ServerAlreadyClaimedError extends PlexTvError {
  override name = "ServerAlreadyClaimedError";
}

/** claimServer: the server refused the claim token: unknown, used, or expired (it lives about 4 minutes). */
export class ClaimTokenRejectedError extends PlexTvError {
  override name = "ClaimTokenRejectedError";
}
