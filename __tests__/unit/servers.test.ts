// Ranking a server's connections, and where a server's token may travel.

import { rankConnections } from "../../src";
import { findReachableConnection, mayCarryToken } from "../../src/media-server";
import { connection } from "../support/connections";

describe("rankConnections", () => {
  it("puts local before remote before relay, https before http, otherwise keeping order", () => {
    const ranked = rankConnections([
      connection("http://relay", { relay: true }),
      connection("https://remote", { local: false }),
      connection("http://local", { local: true }),
      connection("http://remote", { local: false }),
      connection("https://local", { local: true }),
      connection("https://relay", { relay: true, local: false }),
      connection("https://remote-2"),
    ]);
    expect(ranked.map((c) => c.uri)).toEqual([
      "https://local",
      "http://local",
      "https://remote",
      "https://remote-2",
      "http://remote",
      "https://relay",
      "http://relay",
    ]);
  });
});

describe("mayCarryToken: where a server's token may travel", () => {
  it.each([
    ["https://203-0-113-7.abc.plex.direct:32400", true],
    ["http://127.0.0.1:32400", true],
    ["http://localhost:32400", true],
    ["http://[::1]:32400", true],
    ["http://192.168.1.20:32400", true],
    ["http://10.0.0.2:32400", true],
    ["http://172.16.5.4:32400", true],
    ["http://172.31.255.1:32400", true],
    ["http://169.254.10.10:32400", true],
    ["http://[fd12:3456::1]:32400", true],
    ["http://[fe80::1]:32400", true],
    ["http://203.0.113.7:32400", false],
    ["http://172.32.0.1:32400", false],
    ["http://10.0.0.2.attacker.example:32400", false],
    ["http://192-168-1-20.abc.plex.direct:32400", false],
    ["http://[2001:db8::1]:32400", false],
  ])("%s: %s", (uri, expected) => {
    expect(mayCarryToken(uri)).toBe(expected);
  });

  it("a plain-http connection to a public address is probed without the token", async () => {
    const seen: (string | null)[] = [];
    const fetch = async (request: Request) => {
      seen.push(request.headers.get("X-Plex-Token"));
      throw new TypeError(`not reachable here: ${request.url}`);
    };
    await findReachableConnection(
      { name: "Remote", accessToken: "server-secret", connections: [connection("http://203.0.113.7:32400")] },
      { fetch, timeoutMs: 500 },
    ).catch(() => undefined);
    expect(seen).toEqual([null]);
  });
});
