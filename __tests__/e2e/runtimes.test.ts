import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { startFakePlexTv, type FakePlexTv } from "../../src/testing";
import { root } from "../support/paths";

const run = promisify(execFile);
const script = join(root, "__tests__/e2e/runtimes/sign-in.mjs");
const bin = (name: string) => join(root, "runtimes/node_modules/.bin", name);

// Each runtime runs the PIN sign-in and the JWT sign-in, verification and refresh, over real HTTP.
const runtimes: [string, string, string[], RegExp][] = [
  ["Node 20 (this machine)", process.execPath, [script], /^node 20\./],
  [`a current Node (node-${process.platform}-${process.arch})`, bin("node"), [script], /^node 2[2-9]\./],
  ["Bun", bin("bun"), [script], /^bun 1\./],
  ["Deno", bin("deno"), ["run", "--allow-net=127.0.0.1", "--allow-read", "--allow-env", script], /^deno 2\./],
];

describe("the sign-in flows on other runtimes", () => {
  let server: FakePlexTv;
  beforeAll(async () => {
    server = await startFakePlexTv();
  });
  afterAll(() => server.close());

  const installed = runtimes.filter(([name, command]) => {
    if (existsSync(command) || process.env.CI === "true") return true;
    process.stderr.write(`skipped: ${name}: not installed in runtimes/ (npm test's setup installs it)\n`);
    return false;
  });

  it.each(installed)("%s", async (_, command, args, version) => {
    const { stdout } = await run(command, [...args, server.url], { cwd: root, timeout: 30_000 });
    const result = JSON.parse(stdout.trim());
    expect(result).toEqual({
      runtime: expect.stringMatching(version),
      username: "standin",
      jwtUsername: "standin",
      boundToKey: true,
    });
  });
});
