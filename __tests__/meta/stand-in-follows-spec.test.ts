// The stand-ins are typed by the specs: their routes are keyed by the spec's operations and each answer typed by
// that operation's responses. So a spec change the stand-in does not follow fails tsc, in the stand-in's own file:
// here in a scratch copy of spec/, generated/ and src/, one change at a time.

import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { regenerate, scratchCopy, typecheck } from "../support/scratch";

type Json = Record<string, any>;

/** Renames a required field of a schema: its `required` entry and its property. */
function renameField(schema: Json, from: string, to: string): void {
  if (!schema.required?.includes(from)) throw new Error(`${from} is not required there`);
  schema.required = schema.required.map((name: string) => (name === from ? to : name));
  schema.properties = Object.fromEntries(
    Object.entries(schema.properties).map(([name, value]) => [name === from ? to : name, value]),
  );
}

const changes: [string, string, (spec: Json) => void, RegExp][] = [
  [
    "a required field of the pin renamed",
    "plex-tv.yaml",
    (spec) => renameField(spec.components.schemas.GetPinAuthPinContainer, "code", "pinCode"),
    /^src\/testing\/plex-tv-state\.ts\(\d+,\d+\): error TS\d+: .*'code'/m,
  ],
  [
    "a required field of the account renamed",
    "plex-tv.yaml",
    (spec) => renameField(spec.components.schemas.UserPlexAccount, "username", "userName"),
    /^src\/testing\/accounts\.ts\(\d+,\d+\): error TS\d+: .*'username'/m,
  ],
  [
    "an operation's status changed (POST /api/v2/pins answers 200, not 201)",
    "plex-tv.yaml",
    (spec) => {
      const responses = spec.paths["/api/v2/pins"].post.responses;
      responses["200"] = responses["201"];
      delete responses["201"];
    },
    /^src\/testing\/plex-tv-routes\.ts\(\d+,\d+\): error TS\d+: .*POST \/api\/v2\/pins/m,
  ],
  [
    "an operation renamed (GET /api/v2/companions → /api/v2/companion)",
    "plex-tv.yaml",
    (spec) => {
      spec.paths["/api/v2/companion"] = spec.paths["/api/v2/companions"];
      delete spec.paths["/api/v2/companions"];
    },
    /^src\/testing\/plex-home\.ts\(\d+,\d+\): error TS\d+: .*GET \/api\/v2\/companions/m,
  ],
  [
    "a required field of the media server's identity renamed",
    "plex-media-server.yaml",
    (spec) => renameField(spec.components.schemas.ServerIdentity, "machineIdentifier", "machineId"),
    /^src\/testing\/fake-media-server\.ts\(\d+,\d+\): error TS\d+: .*machineIdentifier/m,
  ],
];

const generatedFiles = ["plex-tv", "plex-media-server"].flatMap((name) => [
  `generated/${name}.ts`,
  `generated/${name}.operations.ts`,
]);

describe("a spec change the stand-ins do not follow fails tsc, naming the stand-in's file", () => {
  const entry = ["src/testing/index.ts"];
  let dir: string;
  const original: Record<string, string> = {};
  beforeAll(async () => {
    dir = await scratchCopy("stand-in-follows-spec", ["spec", "generated", "src"]);
    for (const file of ["spec/plex-tv.yaml", "spec/plex-media-server.yaml", ...generatedFiles]) {
      original[file] = await readFile(join(dir, file), "utf8");
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const restore = () => Promise.all(Object.entries(original).map(([file, text]) => writeFile(join(dir, file), text)));

  it("the unchanged copy type-checks", async () => {
    expect(await typecheck(dir, entry)).toBe("");
  }, 60_000);

  it.each(changes)(
    "%s",
    async (_what, file, change, expected) => {
      const spec = parse(original[`spec/${file}`]!);
      change(spec);
      await writeFile(join(dir, "spec", file), stringify(spec));
      await regenerate(dir, file);
      try {
        const errors = await typecheck(dir, entry);
        expect(errors).toMatch(expected);
        // The stand-in's files are where tsc stops it, not somewhere else first.
        const elsewhere = errors.split("\n").filter((line) => line && !/^src\/testing\/|^ /.test(line));
        expect(elsewhere).toEqual([]);
      } finally {
        await restore();
      }
    },
    60_000,
  );
});
