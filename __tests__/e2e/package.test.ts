import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { root } from "../support/paths";
import { typecheckProject } from "../support/typecheck";

const run = promisify(execFile);
const npm = (args: string[], cwd: string) =>
  run("npm", args, { cwd, env: { ...process.env, npm_config_loglevel: "error" } });

// A sign-in against the stand-in, as a consumer of the installed package writes it.
const signIn = (load: string) => `
${load}
(async () => {
  const server = await testing.startFakePlexTv({ autoApproveAfterPolls: 2 });
  try {
    const plex = lib.createPlexTvClient({ clientIdentifier: "consumer-app", product: "Consumer", baseUrl: server.url });
    const { authToken } = await lib.login(plex, { intervalMs: 20, onVerification: () => {} });
    const user = await lib.getUser(plex, { token: authToken });
    console.log(JSON.stringify({ username: user.username, errors: typeof lib.PlexTvError }));
  } finally {
    await server.close();
  }
})();
`;

// The entries beside the root throw the root's own classes: one PlexTvError, whichever entry an app loads.
const sharedClasses = (load: string) => `
${load}
(async () => {
  const plex = lib.createPlexTvClient({ clientIdentifier: "consumer-app", product: "Consumer" });
  const caught = (promise) => promise.then(() => "resolved", (e) => (e instanceof lib.PlexTvError ? e.name : "foreign " + e.name));
  console.log(JSON.stringify({
    jwt: await caught(jwt.verifyPlexJwt(plex, "not-a-jwt", { clientIdentifier: "consumer-app" })),
    server: await caught(server.findReachableConnection({ name: "none", clientIdentifier: "x", connections: [] }, { timeoutMs: 100 })),
  }));
})();
`;

const typedConsumer = `
import { createPlexTvClient, createPin, type GeoData, type GetPinAuthPinContainer, type paths, type components } from "plex-tv-auth";
import { startFakePlexTv, type Device, type User as StandInUser } from "plex-tv-auth/testing";
import { fileStore } from "plex-tv-auth/node";
import { webStorageStore, type WebStorage } from "plex-tv-auth";
import { generateDeviceKey, type DeviceKey } from "plex-tv-auth/jwt";

export async function keys(storage: WebStorage): Promise<[DeviceKey, unknown, Device[], StandInUser[]]> {
  return [await generateDeviceKey(), [webStorageStore(storage), fileStore("x.json")], [], []];
}

export async function main(): Promise<string> {
  const server = await startFakePlexTv();
  const plex = createPlexTvClient({ clientIdentifier: "typed", product: "Typed", baseUrl: server.url });
  const pin: GetPinAuthPinContainer = await createPin(plex);
  // plex.tv leaves \`location\` out of some answers: the type says so.
  const where: GeoData | undefined = pin.location;
  const postal: string | undefined = where?.postal_code;
  const { data } = await plex.GET("/api/v2/pins/{pinID}", { params: { path: { pinID: pin.id } } });
  const token: string | null | undefined = data?.authToken;
  type User = components["schemas"]["UserPlexAccount"];
  const path: keyof paths = "/api/v2/user";
  // @ts-expect-error: the types are real, so a path the spec lacks is an error
  await plex.GET("/api/v2/not-in-the-spec");
  // @ts-expect-error: and so is a wrong type for a field
  const wrong: number = pin.code;
  await server.close();
  return [postal, token, path, wrong, ({} as User).username].join();
}
`;

describe("the packed package, installed into a new project", () => {
  let dir: string;
  let installed: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "plex-tv-auth-consumer-"));
    const { stdout } = await npm(["pack", "--json", "--pack-destination", dir], root);
    const [{ filename, files }] = JSON.parse(stdout);
    (globalThis as { packedFiles?: string[] }).packedFiles = files.map((f: { path: string }) => f.path);
    installed = join(dir, "app");
    await run("mkdir", ["-p", installed]);
    await writeFile(join(installed, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    // Its dependencies come from the npm cache that `npm ci` filled.
    await npm(["install", "--prefer-offline", "--no-audit", "--no-fund", join(dir, filename)], installed);
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("holds only what users need", () => {
    const files: string[] = (globalThis as { packedFiles?: string[] }).packedFiles!;
    expect(files).toEqual(
      expect.arrayContaining([
        "package.json",
        "README.md",
        "LICENSE",
        "dist/index.mjs",
        "dist/index.cjs",
        "dist/cli.mjs",
        "spec/plex-tv.yaml",
        "spec/plex-media-server.yaml",
      ]),
    );
    expect(files.filter((f) => !/^(dist\/|spec\/[\w-]+\.yaml$|package\.json$|README\.md$|LICENSE$)/.test(f))).toEqual(
      [],
    );
    expect(files.filter((f) => f.endsWith(".map") || f.includes("/cli/") || f.startsWith("src/"))).toEqual([]);
  });

  it("imports from ESM and signs in against the stand-in", async () => {
    await writeFile(
      join(installed, "esm.mjs"),
      signIn(`import * as lib from "plex-tv-auth"; import * as testing from "plex-tv-auth/testing";`),
    );
    const { stdout } = await run(process.execPath, ["esm.mjs"], { cwd: installed });
    expect(JSON.parse(stdout)).toEqual({ username: "standin", errors: "function" });
  });

  it("requires from CommonJS and signs in against the stand-in", async () => {
    await writeFile(
      join(installed, "cjs.cjs"),
      signIn(`const lib = require("plex-tv-auth"); const testing = require("plex-tv-auth/testing");`),
    );
    const { stdout } = await run(process.execPath, ["cjs.cjs"], { cwd: installed });
    expect(JSON.parse(stdout)).toEqual({ username: "standin", errors: "function" });
  });

  it.each([
    [
      "ESM",
      "shared.mjs",
      `import * as lib from "plex-tv-auth"; import * as jwt from "plex-tv-auth/jwt"; import * as server from "plex-tv-auth/media-server";`,
    ],
    [
      "CommonJS",
      "shared.cjs",
      `const lib = require("plex-tv-auth"); const jwt = require("plex-tv-auth/jwt"); const server = require("plex-tv-auth/media-server");`,
    ],
  ])(
    "loads plex-tv-auth/jwt and plex-tv-auth/media-server from %s, sharing the root's error classes",
    async (_, file, load) => {
      await writeFile(join(installed, file), sharedClasses(load));
      const { stdout } = await run(process.execPath, [file], { cwd: installed });
      expect(JSON.parse(stdout)).toEqual({ jwt: "PlexJwtError", server: "ServerUnreachableError" });
    },
  );

  it.each(["nodenext", "bundler", "nodenext, lib ES2022 without the DOM"])(
    "type-checks a TypeScript consumer (moduleResolution %s; skipLibCheck off)",
    async (resolution) => {
      await writeFile(join(installed, "typed.ts"), typedConsumer);
      const module =
        resolution === "bundler"
          ? { module: "preserve", moduleResolution: "bundler" }
          : { module: "nodenext", moduleResolution: "nodenext" };
      // A Node project whose lib has no DOM: our declarations must not need Storage, CryptoKey or JsonWebKey.
      const lib = resolution.includes("without the DOM") ? { lib: ["es2022"], skipLibCheck: false } : {};
      const config = join(installed, `tsconfig.${resolution.replace(/\W+/g, "-")}.json`);
      const compilerOptions = { noEmit: true, strict: true, target: "es2022", types: ["node"], ...module, ...lib };
      const typeRoots = [join(root, "node_modules/@types")];
      await writeFile(
        config,
        JSON.stringify({ compilerOptions: { ...compilerOptions, typeRoots }, files: ["typed.ts"] }),
      );
      expect(typecheckProject(config)).toBe("");
    },
  );

  it("installs the plex-tv-auth command", async () => {
    const { stdout } = await run(join(installed, "node_modules/.bin/plex-tv-auth"), ["--version"]);
    expect(stdout.trim()).toBe(require("../../package.json").version);
  });
});
