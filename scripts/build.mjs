#!/usr/bin/env node
// Builds dist/: each entry as ESM (.mjs) and CommonJS (.cjs) with esbuild, declarations with tsc, and a
// .d.mts/.d.cts pair per entry so both `import` and `require` resolve types of the right module kind.
// The declarations are tsc's build of tsconfig.build.json in dist/types, kept between builds: `tsc -b` (npm test's
// type-check) makes them, and here it only catches up on what changed since.
import { execFileSync } from "node:child_process";
import { chmod, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
const dist = join(root, "dist");
const entries = {
  index: "src/index.ts",
  jwt: "src/jwt/index.ts",
  "media-server": "src/media-server/index.ts",
  testing: "src/testing/index.ts",
  node: "src/node.ts",
  redis: "src/redis.ts",
  server: "src/server/index.ts",
  express: "src/server/adapters/express.ts",
  passport: "src/server/adapters/passport.ts",
  "auth-js": "src/server/adapters/auth-js.ts",
};
// The root and the entries beside it share their classes (PlexTvError and the rest): each must exist once, or
// `instanceof` fails across entries. So one module holds all three (chunks/core.mjs, index.cjs), and each entry
// re-exports its own names from it. (esbuild's chunks would split the root into four files, and each file costs a
// cold import more than its bytes do.) The server side and its adapters call the root's operations with the app's
// client, whose transport the root's module keeps: they must share that module too.
const shared = ["index", "jwt", "media-server", "server", "express", "passport", "auth-js"];

for (const name of await readdir(dist).catch(() => [])) {
  if (name !== "types") await rm(join(dist, name), { recursive: true, force: true });
}
const common = {
  bundle: true,
  packages: "external",
  platform: "neutral",
  target: "es2022",
  sourcemap: true,
  logLevel: "warning",
};
const all = {
  contents: shared.map((name) => `export * from "./${entries[name]}";`).join("\n"),
  resolveDir: root,
  sourcefile: "core.ts",
  loader: "ts",
};
await build({ ...common, stdin: all, outfile: join(dist, "chunks/core.mjs"), format: "esm" });
await build({ ...common, stdin: all, outfile: join(dist, "index.cjs"), format: "cjs" });
const owner = new Map();
for (const name of shared) {
  // The entry's runtime names, as esbuild sees them (types have none).
  const { metafile } = await build({
    ...common,
    entryPoints: [join(root, entries[name])],
    outdir: join(dist, "chunks"),
    write: false,
    metafile: true,
    format: "esm",
  });
  const { exports } = Object.values(metafile.outputs).find((output) => output.entryPoint);
  // The shared module holds every entry's names: a name two entries export would be neither's (`export *` drops it).
  for (const exported of exports) {
    if (owner.has(exported))
      throw new Error(`build: ${exported} is exported by both ${owner.get(exported)} and ${name}`);
    owner.set(exported, name);
  }
  await writeFile(join(dist, `${name}.mjs`), `export { ${exports.sort().join(", ")} } from "./chunks/core.mjs";\n`);
  if (name !== "index") {
    await writeFile(join(dist, `${name}.cjs`), `"use strict";\nmodule.exports = require("./index.cjs");\n`);
  }
}
for (const [format, extension] of [
  ["esm", ".mjs"],
  ["cjs", ".cjs"],
]) {
  await build({
    ...common,
    entryPoints: Object.fromEntries(
      Object.entries(entries)
        .filter(([name]) => !shared.includes(name))
        .map(([name, file]) => [name, join(root, file)]),
    ),
    outdir: dist,
    format,
    outExtension: { ".js": extension },
  });
}
// The command line: one ESM file with a shebang.
{
  await build({
    ...common,
    platform: "node",
    entryPoints: [join(root, "src/cli/main.ts")],
    outfile: join(dist, "cli.mjs"),
    format: "esm",
    banner: { js: "#!/usr/bin/env node" },
    define: { PACKAGE_VERSION: JSON.stringify(pkg.version) },
  });
  await chmod(join(dist, "cli.mjs"), 0o755);
}

execFileSync(
  process.execPath,
  [join(root, "node_modules/typescript/bin/tsc"), "-b", join(root, "tsconfig.build.json")],
  {
    stdio: "inherit",
  },
);
for (const [name, file] of Object.entries(entries)) {
  const target = `./types/${file.replace(/\.ts$/, ".js")}`;
  const body = `export * from "${target}";\n`;
  await writeFile(join(dist, `${name}.d.mts`), body);
  await writeFile(join(dist, `${name}.d.cts`), body);
}
console.log("dist/ built");
