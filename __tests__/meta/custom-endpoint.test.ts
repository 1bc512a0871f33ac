// The README's "add a server endpoint of your own" round trip, as a user does it: copy the media server's spec, add
// an operation, regenerate, call it typed through createPlexServerClient<paths>, and run it against a server.

import { execFile } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { generateWithSessions } from "../support/custom-spec";
import { answer, startPlainServer } from "../support/plain-server";
import { root } from "../support/paths";
import { typecheckProject } from "../support/typecheck";

const run = promisify(execFile);
const dir = join(root, ".tmp/custom-endpoint");

const program = (path: string) => `
import { createPlexServerClient } from "../../src/media-server";
import type { paths } from "./generated/plex-media-server";

const server = createPlexServerClient<paths>(process.env.SERVER_URI!, {
  clientIdentifier: "custom-endpoint-test",
  product: "Custom Endpoint",
  token: process.env.SERVER_TOKEN,
});
const { data, error } = await server.GET("${path}", { params: { query: { limit: 2 } } });
if (error !== undefined) throw new Error("the call failed");
const count: number = data.MediaContainer.size;
console.log(JSON.stringify({ count, first: data.MediaContainer.Metadata?.[0]?.title }));
`;

describe("adding a server endpoint to the spec", () => {
  beforeAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await mkdir(join(dir, "generated"), { recursive: true });
    await generateWithSessions(dir);
    await writeFile(join(dir, "good.ts"), program("/status/sessions"));
    await writeFile(join(dir, "typo.ts"), program("/status/sesions"));
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const typecheck = async (file: string) => {
    await writeFile(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: "../../tsconfig.json",
        compilerOptions: { types: ["node"] },
        include: [],
        files: [file],
      }),
    );
    return typecheckProject(join(dir, "tsconfig.json"));
  };

  it("regenerates the types with the new operation", async () => {
    const types = await readFile(join(dir, "generated/plex-media-server.ts"), "utf8");
    expect(types).toContain('"/status/sessions"');
    expect(types).toContain("getSessions");
  });

  it("type-checks a typed call of it, and refuses a path the spec does not have", async () => {
    expect(await typecheck("good.ts")).toBe("");
    expect(await typecheck("typo.ts")).toMatch(/typo\.ts.*"\/status\/sesions"/);
  }, 60_000);

  it("runs the call against a server, with the token in the header only", async () => {
    const server = await startPlainServer((request, response) =>
      request.url === "/status/sessions?limit=2" && request.headers.accept === "application/json"
        ? answer(response, 200, { MediaContainer: { size: 1, Metadata: [{ title: "Alien" }] } })
        : answer(response, 404, "no", "text/html"),
    );
    try {
      const bundled = join(dir, "good.mjs");
      await build({
        entryPoints: [join(dir, "good.ts")],
        bundle: true,
        platform: "node",
        format: "esm",
        outfile: bundled,
        logLevel: "silent",
      });
      const { stdout } = await run(process.execPath, [bundled], {
        env: { ...process.env, SERVER_URI: server.url, SERVER_TOKEN: "custom-SECRET" },
      });
      expect(JSON.parse(stdout)).toEqual({ count: 1, first: "Alien" });
      expect(server.requests[0]!.headers["x-plex-token"]).toBe("custom-SECRET");
      expect(server.requests[0]!.url).not.toContain("custom-SECRET");
    } finally {
      await server.close();
    }
  }, 30_000);
});
