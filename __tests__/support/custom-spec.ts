// What the README's "add a server endpoint of your own" does: the shipped media-server spec plus GET /status/sessions,
// generated into DIR/generated/plex-media-server.ts (and DIR/my-server.ts, the name the README uses).

import { execFile } from "node:child_process";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse, stringify } from "yaml";

const root = join(__dirname, "../..");

export async function generateWithSessions(dir: string): Promise<void> {
  await mkdir(join(dir, "generated"), { recursive: true });
  const spec = parse(await readFile(join(root, "spec/plex-media-server.yaml"), "utf8"));
  spec.paths["/status/sessions"] = {
    get: {
      operationId: "getSessions",
      summary: "What is playing now",
      parameters: [{ name: "limit", in: "query", schema: { type: "integer" } }],
      responses: {
        "200": {
          description: "The sessions.",
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["MediaContainer"],
                properties: {
                  MediaContainer: {
                    type: "object",
                    required: ["size"],
                    properties: {
                      size: { type: "integer" },
                      Metadata: { type: "array", items: { type: "object", properties: { title: { type: "string" } } } },
                    },
                  },
                },
              },
            },
          },
        },
        "401": { $ref: "#/components/responses/Unauthorized" },
      },
    },
  };
  const specFile = join(dir, "plex-media-server.yaml");
  await writeFile(specFile, stringify(spec));
  const generator = join(root, "scripts/generate.mjs");
  await promisify(execFile)(process.execPath, [generator, "--spec", specFile, "--out", join(dir, "generated")]);
  await copyFile(join(dir, "generated/plex-media-server.ts"), join(dir, "my-server.ts"));
}
