// A server connection as plex.tv's resources list it, from its uri.

import type { PlexConnection } from "../../src";

/** The connection at `uri`: protocol, address and port from it; local when its address is loopback or private. */
export function connection(uri: string, extra: Partial<PlexConnection> = {}): PlexConnection {
  const { protocol, hostname, port } = new URL(uri);
  const local = /^(127\.|10\.|192\.168\.|localhost$)/.test(hostname);
  return {
    uri,
    protocol: protocol.slice(0, -1) as PlexConnection["protocol"],
    address: hostname,
    port: Number(port),
    local,
    relay: false,
    IPv6: false,
    ...extra,
  };
}
