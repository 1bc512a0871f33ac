// The helpers read every recorded plex.tv answer (__tests__/fixtures/plex-tv/recorded), and every variant of it
// with one field removed or null, at any depth: each ends in a result or a typed PlexTvError, never a TypeError
// from a field a type said was there. A plain server replays them: not our stand-in, which wrote none of them.

import { readFileSync } from "node:fs";
import {
  createPlexTvClient,
  createTokenValidator,
  getClaimToken,
  getCompanions,
  getFriends,
  getHomeUsers,
  getServerAccessToken,
  getServers,
  getUser,
  login,
  PlexTvError,
  signInWithPassword,
  switchHomeUser,
  validateToken,
  checkPin,
  UnexpectedResponseError,
  type PlexTvClient,
} from "../../../src";
import { createPlexServerClient, getServerIdentity } from "../../../src/media-server";
import { fromRoot } from "../../support/paths";
import { answer, startPlainServer, type PlainServer } from "../../support/plain-server";
import { identity } from "../../support/stand-in";

interface Recorded {
  file: string;
  operation: string;
  status: number;
}

const folder = fromRoot("__tests__/fixtures/plex-tv/recorded");
const index: Recorded[] = JSON.parse(readFileSync(`${folder}/index.json`, "utf8"));
const read = (file: string) => JSON.parse(readFileSync(`${folder}/${file}`, "utf8"));
const first = (operation: string) =>
  read(index.find((entry) => entry.operation === operation && entry.status < 300)!.file);

type Json = unknown;

/** Every path to a field of `value` (array items all at once, as "services[].token"), `depth` levels deep. */
function fieldPaths(value: Json, depth = 3, prefix: (string | number)[] = []): (string | number)[][] {
  if (depth === 0 || value === null || typeof value !== "object") return [];
  if (Array.isArray(value)) {
    const keys = new Set(value.flatMap((item) => (item && typeof item === "object" ? Object.keys(item) : [])));
    return [...keys].flatMap((key) => {
      const path = [...prefix, -1, key];
      const children = value.flatMap((item) => fieldPaths((item as Record<string, Json>)?.[key], depth - 1, path));
      return [path, ...children];
    });
  }
  return Object.entries(value).flatMap(([key, child]) => [
    [...prefix, key],
    ...fieldPaths(child, depth - 1, [...prefix, key]),
  ]);
}

/** A copy of `value` with the field at `path` removed (or set to null); -1 in a path means every array item. */
function changed(value: Json, path: (string | number)[], to: "removed" | "null"): Json {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (head === -1) return Array.isArray(value) ? value.map((item) => changed(item, rest, to)) : value;
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  const copy: Record<string, Json> = { ...(value as Record<string, Json>) };
  if (!(String(head) in copy)) return value;
  if (rest.length) copy[head as string] = changed(copy[head as string], rest, to);
  else if (to === "removed") delete copy[head as string];
  else copy[head as string] = null;
  return copy;
}

const show = (path: (string | number)[]) =>
  path
    .map((key) => (key === -1 ? "[]" : `.${key}`))
    .join("")
    .replace(/^\./, "");

/** Each variant of a recorded answer: as it is, then each field removed, then each field null. */
function variants(body: Json): { name: string; body: Json }[] {
  const paths = fieldPaths(body);
  return [
    { name: "as recorded", body },
    ...paths.map((path) => ({ name: `${show(path)} removed`, body: changed(body, path, "removed") })),
    ...paths.map((path) => ({ name: `${show(path)} null`, body: changed(body, path, "null") })),
  ];
}

// What the replay server answers now, by route; anything else a 404/1020 as plex.tv's.
let routes: Record<string, { status: number; body: Json; type?: string }> = {};
let server: PlainServer;
let plex: PlexTvClient;
beforeAll(async () => {
  server = await startPlainServer((request, response) => {
    const path = new URL(request.url!, "http://x").pathname
      .replace(/^\/api\/v2\/pins\/\d+$/, "/api/v2/pins/{pinID}")
      .replace(/^\/api\/v2\/home\/users\/[^/]+\/switch$/, "/api/v2/home/users/{uuid}/switch");
    const route = routes[`${request.method} ${path}`];
    if (!route) return answer(response, 404, { errors: [{ code: 1020, message: "Code not found or expired" }] });
    const text = typeof route.body === "string" ? route.body : JSON.stringify(route.body);
    answer(response, route.status, text, route.type ?? "application/json");
  });
  plex = createPlexTvClient({ ...identity, baseUrl: server.url, token: "FakeToken-Replay" });
});
afterAll(() => server.close());

/** Runs `use` on every variant of `body` served at `route`; returns the variants that threw anything but a PlexTvError. */
async function untyped(route: string, status: number, body: Json, use: () => Promise<unknown>, extra = {}) {
  const failures: string[] = [];
  for (const variant of variants(body)) {
    routes = { ...extra, [route]: { status, body: variant.body } };
    const outcome = await use().then(
      () => undefined,
      (error: unknown) => error,
    );
    if (outcome !== undefined && !(outcome instanceof PlexTvError)) {
      failures.push(`${variant.name}: ${(outcome as Error)?.name}: ${(outcome as Error)?.message}`);
    }
  }
  return failures;
}

// Which helpers read which operation's answer.
const readers: Record<string, [string, () => Promise<unknown>][]> = {
  "POST /api/v2/pins": [
    [
      "login, polling a linked PIN",
      () => login(plex, { onVerification: () => {}, intervalMs: 1, signal: AbortSignal.timeout(5000) }),
    ],
  ],
  "GET /api/v2/pins/{pinID}": [["checkPin", () => checkPin(plex, 1899765704)]],
  "GET /api/v2/user": [
    ["getUser", () => getUser(plex)],
    ["validateToken", () => validateToken(plex, "FakeToken-Replay").then(expectNoFalseInvalid)],
    ["a token validator", () => createTokenValidator(plex).validate("FakeToken-Replay").then(expectNoFalseInvalid)],
  ],
  "POST /api/v2/users/signin": [["signInWithPassword", () => signInWithPassword(plex, { login: "a", password: "b" })]],
  "GET /api/v2/resources": [
    ["getServers", () => getServers(plex)],
    ["getServerAccessToken", () => getServerAccessToken(plex, { serverId: "machine-1" })],
  ],
  "GET /api/v2/home/users": [["getHomeUsers", () => getHomeUsers(plex)]],
  "POST /api/v2/home/users/{uuid}/switch": [["switchHomeUser", () => switchHomeUser(plex, { user: "uuid-1" })]],
  "GET /api/v2/friends": [["getFriends", () => getFriends(plex)]],
  "GET /api/v2/companions": [["getCompanions", () => getCompanions(plex)]],
  "GET /api/claim/token.json": [["getClaimToken", () => getClaimToken(plex)]],
};

/** "invalid" only for a 401: a 2xx is "valid", or "unknown" when it held no user. */
function expectNoFalseInvalid(result: { status: string }) {
  const answered = routes["GET /api/v2/user"]!.status;
  if ((result.status === "invalid") !== (answered === 401))
    throw new Error(`${answered} made the token ${result.status}`);
}

// What else the helpers ask on the way: a PIN check that is approved, an account for a Home of one.
const around = () => ({
  "GET /api/v2/pins/{pinID}": { status: 200, body: first("GET /api/v2/pins/{pinID}") },
  "GET /api/v2/user": { status: 200, body: first("GET /api/v2/user") },
});

describe.each(index.filter((entry) => readers[entry.operation]).map((entry) => [entry.file, entry] as const))(
  "%s",
  (_, entry) => {
    it.each(readers[entry.operation]!)("%s: a result or a typed error for every variant", async (_name, use) => {
      const extra = Object.fromEntries(Object.entries(around()).filter(([route]) => route !== entry.operation));
      expect(await untyped(entry.operation, entry.status, read(entry.file), use, extra)).toEqual([]);
    });
  },
);

describe("XML where JSON was asked", () => {
  it.each(Object.entries(readers))("%s: UnexpectedResponseError", async (operation) => {
    routes = {
      ...around(),
      [operation]: { status: 200, body: '<?xml version="1.0"?><MediaContainer/>', type: "application/xml" },
    };
    for (const [, use] of readers[operation]!) {
      const outcome = await use().catch((error: unknown) => error);
      // validateToken and the validator answer "unknown" rather than throw.
      if (outcome instanceof Error) expect(outcome).toBeInstanceOf(UnexpectedResponseError);
    }
  });
});

describe("a media server's recorded /identity", () => {
  it("getServerIdentity reads it, and every variant ends in a result or a typed error", async () => {
    const entry = index.find((e) => e.operation === "PMS GET /identity")!;
    const pms = await startPlainServer((_request, response) => answer(response, 200, routes["GET /identity"]!.body));
    try {
      const client = createPlexServerClient(pms.url, identity);
      const failures: string[] = [];
      for (const variant of variants(read(entry.file))) {
        routes = { "GET /identity": { status: 200, body: variant.body } };
        const outcome = await getServerIdentity(client).catch((error: unknown) => error);
        if (outcome instanceof Error && !(outcome instanceof PlexTvError))
          failures.push(`${variant.name}: ${outcome.message}`);
      }
      expect(failures).toEqual([]);
    } finally {
      await pms.close();
    }
  });
});
