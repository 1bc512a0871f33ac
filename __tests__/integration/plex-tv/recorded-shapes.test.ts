// Recorded shapes of plex.tv's answers (__tests__/fixtures/plex-tv), replayed by a plain HTTP server: not our
// stand-in, so the client is checked against answers it did not write. Our client parses every one.

import { readFileSync } from "node:fs";
import {
  checkPin,
  createPin,
  createPlexTvClient,
  getServers,
  getUser,
  login,
  validateToken,
  type UserPlexAccount,
} from "../../../src";
import { answer, startPlainServer, type PlainServer } from "../../support/plain-server";
import { identity } from "../../support/stand-in";
import { fromRoot } from "../../support/paths";

const fixture = (name: string) => JSON.parse(readFileSync(fromRoot("__tests__/fixtures/plex-tv", name), "utf8"));

/** Replays `routes` ("GET /api/v2/user" → body), each answer with `date` as its Date header when given. */
async function replay(routes: Record<string, { status?: number; body: unknown; date?: string }>) {
  return startPlainServer((request, response) => {
    const path = new URL(request.url!, "http://x").pathname.replace(/^\/api\/v2\/pins\/\d+$/, "/api/v2/pins/{pinID}");
    const route = routes[`${request.method} ${path}`];
    if (!route) return answer(response, 404, { errors: [{ code: 1020, message: "Code not found or expired" }] });
    if (route.date) response.setHeader("Date", route.date);
    answer(response, route.status ?? 200, route.body, "application/json; charset=utf-8");
  });
}

let server: PlainServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const clientOf = (s: PlainServer) => createPlexTvClient({ ...identity, baseUrl: s.url, token: "FakeToken" });

describe.each([
  ["a free account", "user-free.json"],
  ["a Plex Pass account", "user-plex-pass.json"],
  ["a guest", "user-guest.json"],
])("GET /api/v2/user for %s", (_, file) => {
  it("getUser and validateToken read it", async () => {
    const recorded: UserPlexAccount = fixture(file);
    server = await replay({ "GET /api/v2/user": { body: recorded } });
    const plex = clientOf(server);
    await expect(getUser(plex)).resolves.toEqual(recorded);
    const check = await validateToken(plex, "FakeToken");
    expect(check).toEqual({ status: "valid", user: recorded });
  });
});

describe("GET /api/v2/resources with an owned server, a shared server and a player", () => {
  it("getServers keeps both servers, ranks their connections, and keeps each one's own token", async () => {
    server = await replay({ "GET /api/v2/resources": { body: fixture("resources-shared.json") } });
    const servers = await getServers(clientOf(server));
    expect(servers.map((s) => [s.name, s.owned, s.ownerId, s.sourceTitle, s.accessToken])).toEqual([
      ["Basement", true, null, null, "FakeOwnedServerToken-01"],
      ["Grace's Plex", false, 87654321, "grace", "FakeSharedServerToken-02"],
    ]);
    expect(servers[0]!.connections.map((c) => [c.local, c.relay])).toEqual([
      [true, false],
      [false, false],
      [false, true],
    ]);
  });
});

describe("PINs", () => {
  it("a fresh PIN with millisecond times and a string postal code", async () => {
    server = await replay({ "POST /api/v2/pins": { status: 201, body: fixture("pin-created.json") } });
    const pin = await createPin(clientOf(server));
    expect(pin).toMatchObject({ id: 1934786655, location: { postal_code: "811 06" }, authToken: null });
  });

  it("an older answer without expiresIn, trusted or half the GeoData: the flow works from plex.tv's Date", async () => {
    const older = fixture("pin-older-answer.json");
    // Recorded four seconds after the PIN was made: 896 s left, by plex.tv's clock.
    const date = "Tue, 16 Jul 2024 17:03:09 GMT";
    server = await replay({
      "POST /api/v2/pins": { status: 201, body: { ...older, authToken: null, newRegistration: null }, date },
      "GET /api/v2/pins/{pinID}": { body: older, date },
    });
    const plex = clientOf(server);
    let expiresAt = "";
    const { authToken } = await login(plex, {
      strong: false,
      intervalMs: 10,
      onVerification: (verification) => void (expiresAt = verification.expiresAt),
    });
    expect(authToken).toBe("FakeApprovedToken-0004");
    const left = Date.parse(expiresAt) - Date.now();
    expect(left).toBeGreaterThan(890_000);
    expect(left).toBeLessThanOrEqual(896_000);
    await expect(checkPin(plex, older.id)).resolves.toMatchObject({ location: { postal_code: "80202" } });
  });
});
