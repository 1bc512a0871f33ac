// Every TypeScript block in the README compiles as written, under the repo's own strict tsconfig: a newcomer can
// paste any of them. (They import "plex-tv-auth" itself, so they are checked against the built declarations.)

import { execFile } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { generateWithSessions } from "../support/custom-spec";
import { root } from "../support/paths";

const dir = join(root, ".tmp/readme");

describe("the README's TypeScript", () => {
  let blocks: string[];
  beforeAll(async () => {
    const readme = await readFile(join(root, "README.md"), "utf8");
    blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    // The block that calls an endpoint added to the media server's spec imports the types it generates.
    await generateWithSessions(dir);
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("has blocks, with no placeholders", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    for (const block of blocks) expect(block).not.toMatch(/…|\.\.\.\s*[),;]/);
  });

  it("type-checks every block as written", async () => {
    const files = await Promise.all(
      blocks.map(async (block, index) => {
        const file = join(dir, `block-${index + 1}.ts`);
        // Each block is a module of its own (they reuse names such as `plex`).
        await writeFile(
          file,
          block.includes("import ") || block.includes("export ") ? block : `${block}\nexport {};\n`,
        );
        return file;
      }),
    );
    await writeFile(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: "../../tsconfig.json",
        compilerOptions: { noUnusedLocals: false, types: ["node"] },
        include: files.map((file) => file.slice(dir.length + 1)),
      }),
    );
    const tsc = join(root, "node_modules/typescript/bin/tsc");
    const result = await promisify(execFile)(process.execPath, [tsc, "-p", dir]).catch((error) => error);
    expect(result.stdout ?? "").toBe("");
  }, 60_000);
});
