#!/usr/bin/env node
// Runs before `npm test`: installs what the tests need beyond `npm ci`, when it is missing.
// - runtimes/: Bun, Deno and a current Node (npm packages), kept apart so their `node` never shadows this one.
// - Chromium for the browser tests: Debian's package (never a downloaded browser), or $CHROMIUM_PATH.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const runtimes = join(root, "runtimes");
const run = (command, args, options = {}) => execFileSync(command, args, { stdio: "inherit", ...options });
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

// Versions are pinned exactly in runtimes/package.json. No lockfile: theirs would list platform packages this
// registry does not carry, and `npm ci` refuses a lockfile without them.
const wanted = Object.entries(readJson(join(runtimes, "package.json")).devDependencies);
const missing = wanted.filter(([name, version]) => {
  const manifest = join(runtimes, "node_modules", name, "package.json");
  return !existsSync(manifest) || readJson(manifest).version !== version;
});
if (missing.length) {
  console.log(`setup: installing ${missing.map(([name, version]) => `${name}@${version}`).join(", ")} into runtimes/`);
  run("npm", ["install", "--no-package-lock", "--no-save", "--no-audit", "--no-fund", "--prefer-offline"], {
    cwd: runtimes,
  });
}

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync("/usr/bin/apt-get")) {
    console.error(
      `setup: the browser tests need Chromium at ${chromium}: install Debian's \`chromium\` or set CHROMIUM_PATH.`,
    );
    process.exit(1);
  }
  console.log("setup: installing Debian's chromium");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  run("apt-get", ["update", "-qq"], { env });
  run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], { env });
}
