// Every TypeScript block in the README compiles as written, under the repo's own strict tsconfig and under Node's
// own module rules (module and moduleResolution nodenext, in an ES module package): a newcomer can paste any of them
// into either kind of project. (They import "plex-tv-auth" itself, so they are checked against the built
// declarations.) And what the README says of the package's shape and its command line holds.

import { execFile } from "node:child_process";
import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { generateWithSessions } from "../support/custom-spec";
import { forwardAuthCaddyfile } from "../support/caddy";
import { forwardAuthServerBlock } from "../support/nginx";
import { root } from "../support/paths";
import { typecheckProject } from "../support/typecheck";

const dir = join(root, ".tmp/readme");
const run = promisify(execFile);

/** Calls of `name` that run when the module loads: outside any function (a click handler, a callback). */
function topLevelCalls(code: string, name: string): string[] {
  const file = ts.createSourceFile("block.ts", code, ts.ScriptTarget.Latest, true);
  const calls: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isCallExpression(node) && node.expression.getText(file) === name) calls.push(node.getText(file));
    node.forEachChild(visit);
  };
  file.forEachChild(visit);
  return calls;
}

describe("the README", () => {
  let readme: string;
  let blocks: string[];
  beforeAll(async () => {
    readme = await readFile(join(root, "README.md"), "utf8");
    blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
    await rm(dir, { recursive: true, force: true });
    await mkdir(join(dir, "node_modules"), { recursive: true });
    // An ES module package that has installed plex-tv-auth, as a newcomer's would.
    await writeFile(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
    await symlink(root, join(dir, "node_modules/plex-tv-auth"), "dir");
    // The block that calls an endpoint added to the media server's spec imports the types it generates.
    await generateWithSessions(dir);
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("has TypeScript blocks, with no placeholders", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    for (const block of blocks) expect(block).not.toMatch(/…|\.\.\.\s*[),;]/);
  });

  it.each([
    ["the project's own settings", { extends: "../../tsconfig.json" }],
    [
      "module and moduleResolution nodenext",
      { extends: "../../tsconfig.json", compilerOptions: { module: "nodenext", moduleResolution: "nodenext" } },
    ],
  ])(
    "type-checks every block as written, under %s",
    async (name, config) => {
      const files = await Promise.all(
        blocks.map(async (block, index) => {
          const file = `block-${index + 1}.ts`;
          // Each block is a module of its own (they reuse names such as `plex`).
          await writeFile(
            join(dir, file),
            block.includes("import ") || block.includes("export ") ? block : `${block}\nexport {};\n`,
          );
          return file;
        }),
      );
      const tsconfig = `tsconfig.${name.includes("nodenext") ? "nodenext" : "project"}.json`;
      await writeFile(
        join(dir, tsconfig),
        JSON.stringify({
          ...config,
          compilerOptions: {
            ...("compilerOptions" in config ? config.compilerOptions : {}),
            noUnusedLocals: false,
            types: ["node"],
            tsBuildInfoFile: null,
            incremental: false,
          },
          include: files,
        }),
      );
      expect(typecheckProject(join(dir, tsconfig))).toBe("");
    },
    60_000,
  );

  it("starts a redirect sign-in only from a click, never as the page loads (which would redirect on every load)", () => {
    const redirecting = blocks.filter((block) => block.includes("startRedirectLogin("));
    expect(redirecting.length).toBeGreaterThan(0);
    for (const block of redirecting) {
      expect(topLevelCalls(block, "startRedirectLogin")).toEqual([]);
      expect(topLevelCalls(block, "completeRedirectLogin")).toHaveLength(1); // on load: back from the auth app?
    }
  });

  it("says that import and require load two copies of each class, as they do", async () => {
    expect(readme.replace(/\s+/g, " ")).toMatch(/`import` and `require` of the package in one process load it twice/);
    const check = `import { createRequire } from "node:module";
      import { PlexTvError } from "plex-tv-auth";
      const required = createRequire(import.meta.url)("plex-tv-auth");
      console.log(required.PlexTvError === PlexTvError, new required.PlexTvError("x") instanceof PlexTvError);`;
    await writeFile(join(dir, "copies.mjs"), check);
    const { stdout } = await run(process.execPath, [join(dir, "copies.mjs")]);
    expect(stdout).toBe("false false\n");
  });

  it("quotes every command substitution of plex-tv-auth claim, so the shell never splits it", () => {
    const substitutions = [...readme.matchAll(/.?\$\(plex-tv-auth claim\)/g)].map((match) => match[0]);
    expect(substitutions.length).toBeGreaterThan(0);
    for (const substitution of substitutions) expect(substitution).toMatch(/^"/);
  });

  it("shows the nginx block and the Caddyfile for forward auth that the nginx and Caddy tests run", () => {
    const nginx = forwardAuthServerBlock("80", "http://127.0.0.1:9090", "http://127.0.0.1:8080");
    expect(readme).toContain(`\`\`\`nginx\n${nginx}\n\`\`\``);
    const caddy = forwardAuthCaddyfile("media.example", "127.0.0.1:9090", "127.0.0.1:8080");
    expect(readme).toContain(`\`\`\`caddyfile\n${caddy}\n\`\`\``);
  });

  it("lists the command line's exit codes as its help does", () => {
    const codes = readme.match(/Exit\s+codes are ([^]*?)The token is stored/)?.[1] ?? "";
    const listed = [...codes.matchAll(/(?:^|,\s)(\d+)\s/g)].map((match) => match[1]);
    expect(listed).toEqual(["0", "1", "2", "3", "64", "130"]);
  });
});
