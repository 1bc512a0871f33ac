import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { root } from "../support/paths";

const run = promisify(execFile);
const generator = join(root, "scripts/generate.mjs");

describe("scripts/generate.mjs", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "plex-tv-auth-gen-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("--check passes on the committed generated/", async () => {
    await expect(run(process.execPath, [generator, "--check"], { cwd: root })).resolves.toBeDefined();
  });

  it("--check fails after a hand edit to generated/", async () => {
    await cp(join(root, "generated"), join(dir, "generated"), { recursive: true });
    const file = join(dir, "generated/plex-tv.ts");
    await writeFile(file, (await readFile(file, "utf8")).replace("authToken?: string | null;", "authToken?: string;"));
    const check = run(process.execPath, [generator, "--check", "--out", join(dir, "generated")], { cwd: root });
    await expect(check).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/differs from what/) });
  });

  it("--check covers every spec: a hand edit to the media server's types fails it", async () => {
    await cp(join(root, "generated"), join(dir, "generated"), { recursive: true });
    const file = join(dir, "generated/plex-media-server.ts");
    await writeFile(file, (await readFile(file, "utf8")).replace("claimed?: boolean;", "claimed?: string;"));
    const check = run(process.execPath, [generator, "--check", "--out", join(dir, "generated")], { cwd: root });
    await expect(check).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("plex-media-server.ts differs from what its spec gives"),
    });
  });

  it("--check fails on a generated file that no spec gives any more", async () => {
    await cp(join(root, "generated"), join(dir, "generated"), { recursive: true });
    await writeFile(join(dir, "generated/old-spec.ts"), "export {};\n");
    const check = run(process.execPath, [generator, "--check", "--out", join(dir, "generated")], { cwd: root });
    await expect(check).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("old-spec.ts comes from no spec"),
    });
  });

  it("generates one types file and one operations file per spec in spec/", async () => {
    await run(process.execPath, [generator, "--out", join(dir, "out")], { cwd: root });
    const { readdir } = await import("node:fs/promises");
    expect((await readdir(join(dir, "out"))).sort()).toEqual([
      "plex-media-server.operations.ts",
      "plex-media-server.ts",
      "plex-tv.operations.ts",
      "plex-tv.ts",
    ]);
    const operations = await readFile(join(dir, "out/plex-media-server.operations.ts"), "utf8");
    expect(operations).toContain('["GET /identity", "POST /myplex/claim"]');
  });

  it("--check fails when generated/ is missing", async () => {
    const check = run(process.execPath, [generator, "--check", "--out", join(dir, "nothing")], { cwd: root });
    await expect(check).rejects.toMatchObject({ code: 1 });
  });

  it("a field added to the spec appears in the generated types", async () => {
    const spec = await readFile(join(root, "spec/plex-tv.yaml"), "utf8");
    const edited = spec.replace(
      "        newRegistration:\n",
      "        pairingHint:\n          type: string\n          description: Added by the round-trip test.\n        newRegistration:\n",
    );
    expect(edited).not.toBe(spec);
    await writeFile(join(dir, "plex-tv.yaml"), edited);
    const out = join(dir, "generated");
    await run(process.execPath, [generator, "--spec", join(dir, "plex-tv.yaml"), "--out", out], { cwd: root });
    const types = await readFile(join(out, "plex-tv.ts"), "utf8");
    const pin = types.slice(types.indexOf("GetPinAuthPinContainer: {"));
    expect(pin).toMatch(/\/\*\* @description Added by the round-trip test\. \*\/\s+pairingHint\?: string;/);
    const committed = await readFile(join(root, "generated/plex-tv.ts"), "utf8");
    expect(committed).not.toMatch(/pairingHint/);
  });
});
