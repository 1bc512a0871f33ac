// The command line's Home, password and claim commands, as a child process against the stand-in.

import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FakePlexTv } from "../src/testing";
import { standIn } from "./support/stand-in";

const cli = join(__dirname, "../dist/cli.mjs");

describe("plex-tv-auth switch, claim, login --password", () => {
  let server: FakePlexTv;
  let config: string;
  const file = () => join(config, "plex-tv-auth", "config.json");
  const stored = async () => JSON.parse(await readFile(file(), "utf8"));

  function run(args: string[], stdin = "") {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { PATH: process.env.PATH, XDG_CONFIG_HOME: config, PLEX_TV_AUTH_BASE_URL: server.url },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdin.end(stdin);
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
      child.on("close", (code) => resolve({ code, stdout, stderr })),
    );
  }
  async function signIn(token: string) {
    await mkdir(join(config, "plex-tv-auth"), { recursive: true });
    await writeFile(file(), JSON.stringify({ clientIdentifier: "cli-accounts", token, baseUrl: server.url }), {
      mode: 0o600,
    });
  }

  beforeEach(async () => {
    server = await standIn({ home: true });
    config = await mkdtemp(join(tmpdir(), "plex-tv-auth-cli-"));
  });
  afterEach(async () => {
    await server.close();
    await rm(config, { recursive: true, force: true });
  });

  it("switch lists the Home; switch NAME --pin switches the stored sign-in; a wrong PIN keeps it", async () => {
    const adminToken = server.issueToken();
    await signIn(adminToken);
    const list = await run(["switch"]);
    expect(list.code).toBe(0);
    expect(list.stdout).toBe("Stand-in User  (admin)\nKids  (PIN, managed)\nLiving Room  (managed)\n");

    const room = await run(["switch", "living room"]);
    expect(room.code).toBe(0);
    const roomToken = (await stored()).token;
    expect(roomToken).not.toBe(adminToken);

    const wrong = await run(["switch", "Kids", "--pin"], "0000\n");
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("wrong or missing Home PIN for Kids");
    expect(wrong.stderr + wrong.stdout).not.toContain("0000");
    expect((await stored()).token).toBe(roomToken);

    const right = await run(["switch", "Kids", "--pin"], "1234\n");
    expect(right.code).toBe(0);
    expect(right.stdout).toContain("Switched to Kids");
    expect((await stored()).token).not.toBe(roomToken);

    const nobody = await run(["switch", "Nobody"]);
    expect(nobody.code).toBe(1);
    expect((await run(["switch", "a", "b"])).code).toBe(64);
  });

  it("claim prints a claim token alone on stdout", async () => {
    await signIn(server.issueToken());
    const result = await run(["claim"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^claim-[\w-]+\n$/);
    expect(server.redeemClaimToken(result.stdout.trim())).not.toBeNull();
  });

  it("login --password asks for the 2FA code when plex.tv wants it; the password is never shown", async () => {
    server.addPasswordAccount({ username: "erin", password: "pa55-w0rd-SECRET", verificationCode: "135790" });
    const result = await run(["login", "--password"], "erin\npa55-w0rd-SECRET\n135790\n");
    expect(result.stderr).toContain("Two-factor code: ");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Signed in as erin");
    expect(result.stdout + result.stderr).not.toContain("pa55");
    expect((await stored()).token).toMatch(/^standin-/);
  });

  it("login --password with a wrong password fails with plex.tv's reason and stores nothing", async () => {
    server.addPasswordAccount({ username: "erin", password: "right" });
    const result = await run(["login", "--password"], "erin\nwrong-SECRET\n");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("plex.tv refused the sign-in: User could not be authenticated");
    expect(result.stderr).not.toContain("wrong-SECRET");
    await expect(readFile(file(), "utf8")).rejects.toThrow();
    expect((await run(["login", "--password", "--link"])).code).toBe(64);
  });
});
