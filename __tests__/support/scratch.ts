// A scratch copy of the project's parts (spec/, generated/, src/, scripts/) under .tmp/, to change and type-check
// there: what a meta test does to show what a change to the spec or the code makes tsc say.

import { execFile } from "node:child_process";
import { cp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { root } from "./paths";
import { typecheckProject } from "./typecheck";

const run = promisify(execFile);

/** A fresh copy of `parts` of the project in .tmp/`name`; returns its folder. */
export async function scratchCopy(name: string, parts: string[]): Promise<string> {
  const dir = join(root, ".tmp", name);
  await rm(dir, { recursive: true, force: true });
  for (const part of parts) await cp(join(root, part), join(dir, part), { recursive: true });
  return dir;
}

/** Regenerates DIR/generated from one spec of DIR/spec, with `generator` (the project's, by default). */
export async function regenerate(dir: string, spec: string, generator = join(root, "scripts/generate.mjs")) {
  await run(process.execPath, [generator, "--spec", join(dir, "spec", spec), "--out", join(dir, "generated")]);
}

/** Type-checks `files` of DIR (and what they import) under the project's tsconfig: tsc's errors, "" when none. */
export async function typecheck(dir: string, files: string[]): Promise<string> {
  const config = {
    extends: join(root, "tsconfig.json"),
    compilerOptions: { types: ["node"], incremental: false, noEmit: true },
    include: [],
    files,
  };
  await writeFile(join(dir, "tsconfig.json"), JSON.stringify(config));
  return typecheckProject(join(dir, "tsconfig.json"));
}
