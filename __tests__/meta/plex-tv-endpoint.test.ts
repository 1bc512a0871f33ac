// The README's "Adding a plex.tv endpoint", done as it says, in a scratch copy of spec/, generated/, src/ and
// scripts/: its three blocks (the spec edit, the operation file, the stand-in route) applied as they stand, the
// types regenerated, tsc content with them and refusing a wrong name on either side, and the bundled call run
// against the stand-in.

import { execFile } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { parse, stringify } from "yaml";
import { root } from "../support/paths";
import { regenerate, scratchCopy, typecheck } from "../support/scratch";

const run = promisify(execFile);

/** The README section's blocks, by the file each is for (```ts src/plex-tv/user-settings.ts). */
async function readmeEdits(): Promise<Record<string, string>> {
  const readme = await readFile(join(root, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### Adding a plex.tv endpoint"));
  const end = section.indexOf("\n## ");
  const blocks = [...section.slice(0, end).matchAll(/```\w+ (\S+)\n([\s\S]*?)```/g)];
  return Object.fromEntries(blocks.map(([, file, text]) => [file!, text!]));
}

// Where the route goes: before GET /api/v2/user's, in the table of plexTvRoutes.
const ROUTE_ANCHOR = '    "GET /api/v2/user": (context) => {\n';

const program = `
import { createPlexTvClient } from "./src";
import { getUserSettings } from "./src/plex-tv/user-settings";
import { startFakePlexTv } from "./src/testing";

const server = await startFakePlexTv();
try {
  const plex = createPlexTvClient({ clientIdentifier: "endpoint-test", product: "Endpoint Test", baseUrl: server.url });
  const settings = await getUserSettings(plex, { token: server.issueToken() });
  const value: string = settings[0]!.value; // typed by the spec's 200
  const [request] = server.requests;
  console.log(JSON.stringify({ value, settings, route: request!.route, tokenInHeader: !!request!.headers["x-plex-token"] }));
} finally {
  await server.close();
}
`;

describe("adding a plex.tv endpoint: one spec edit, one operation file, one stand-in route", () => {
  let dir: string;
  let edits: Record<string, string>;
  let routes: string;
  const files = ["src/testing/index.ts", "src/plex-tv/user-settings.ts", "main.ts"];
  const writeRoutes = (text: string) => writeFile(join(dir, "src/testing/plex-tv-routes.ts"), text);
  const withRoute = (route: string) => routes.replace(ROUTE_ANCHOR, `${route}\n${ROUTE_ANCHOR}`);

  beforeAll(async () => {
    edits = await readmeEdits();
    dir = await scratchCopy("plex-tv-endpoint", ["spec", "generated", "src", "scripts"]);
    const specFile = join(dir, "spec/plex-tv.yaml");
    const spec = parse(await readFile(specFile, "utf8"));
    Object.assign(spec.paths, parse(edits["spec/plex-tv.yaml"]!));
    await writeFile(specFile, stringify(spec));
    await regenerate(dir, "plex-tv.yaml", join(dir, "scripts/generate.mjs"));
    await writeFile(join(dir, "src/plex-tv/user-settings.ts"), edits["src/plex-tv/user-settings.ts"]!);
    routes = await readFile(join(dir, "src/testing/plex-tv-routes.ts"), "utf8");
    if (!routes.includes(ROUTE_ANCHOR))
      throw new Error("plex-tv-routes.ts has no GET /api/v2/user route to add before");
    await writeRoutes(withRoute(edits["src/testing/plex-tv-routes.ts"]!));
    await writeFile(join(dir, "main.ts"), program);
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("the README shows the three edits", () => {
    expect(Object.keys(edits).sort()).toEqual([
      "spec/plex-tv.yaml",
      "src/plex-tv/user-settings.ts",
      "src/testing/plex-tv-routes.ts",
    ]);
  });

  it("regenerates the types with the new operation", async () => {
    const types = await readFile(join(dir, "generated/plex-tv.ts"), "utf8");
    expect(types).toContain('"/api/v2/user/settings"');
    expect(types).toContain("getUserSettings");
  });

  it("type-checks the three edits together", async () => {
    expect(await typecheck(dir, files)).toBe("");
  }, 60_000);

  it("a name the spec lacks fails: in the operation file, in the stand-in's route, and a missing route", async () => {
    const operation = join(dir, "src/plex-tv/user-settings.ts");
    const correct = edits["src/plex-tv/user-settings.ts"]!;
    try {
      await writeFile(operation, correct.replace('"GET /api/v2/user/settings"', '"GET /api/v2/user/setings"'));
      expect(await typecheck(dir, files)).toMatch(
        /^src\/plex-tv\/user-settings\.ts\(\d+,\d+\): error TS\d+: .*"GET \/api\/v2\/user\/setings"/m,
      );
    } finally {
      await writeFile(operation, correct);
    }
    try {
      await writeRoutes(withRoute(edits["src/testing/plex-tv-routes.ts"]!.replace("/user/settings", "/user/setings")));
      expect(await typecheck(dir, files)).toMatch(
        /^src\/testing\/plex-tv-routes\.ts\(\d+,\d+\): error TS\d+: .*"GET \/api\/v2\/user\/setings"/m,
      );
      await writeRoutes(routes);
      expect(await typecheck(dir, files)).toMatch(
        /^src\/testing\/fake-plex-tv\.ts\(\d+,\d+\): error TS\d+: .*"GET \/api\/v2\/user\/settings"/m,
      );
    } finally {
      await writeRoutes(withRoute(edits["src/testing/plex-tv-routes.ts"]!));
    }
  }, 120_000);

  it("bundled, the call runs against the stand-in, which answers it from its new route", async () => {
    const bundled = join(dir, "main.mjs");
    await build({
      entryPoints: [join(dir, "main.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      outfile: bundled,
      logLevel: "silent",
    });
    const { stdout } = await run(process.execPath, [bundled]);
    expect(JSON.parse(stdout)).toEqual({
      value: "{}",
      settings: [{ id: "experience", type: "json", value: "{}", hidden: true, updatedAt: 1700000000 }],
      route: "GET /api/v2/user/settings",
      tokenInHeader: true,
    });
  }, 60_000);
});
