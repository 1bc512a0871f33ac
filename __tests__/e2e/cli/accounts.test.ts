// The command line's Home, password and claim commands, as a child process against the stand-in.

import { readFile } from "node:fs/promises";
import { useCli } from "../../support/cli";

describe("plex-tv-auth switch, claim, login --password", () => {
  const cli = useCli({ home: true });

  it("switch lists the Home; switch NAME --pin switches the stored sign-in; a wrong PIN keeps it", async () => {
    const adminToken = cli.server.issueToken();
    await cli.signIn(adminToken);
    const list = await cli.run(["switch"]);
    expect(list.code).toBe(0);
    expect(list.stdout).toBe("Stand-in User  (admin)\nKids  (PIN, managed)\nLiving Room  (managed)\n");

    const room = await cli.run(["switch", "living room"]);
    expect(room.code).toBe(0);
    const roomToken = (await cli.stored()).token;
    expect(roomToken).not.toBe(adminToken);

    const wrong = await cli.run(["switch", "Kids", "--pin"], { stdin: "0000\n" });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("wrong or missing Home PIN for Kids");
    expect(wrong.stderr + wrong.stdout).not.toContain("0000");
    expect((await cli.stored()).token).toBe(roomToken);

    const right = await cli.run(["switch", "Kids", "--pin"], { stdin: "1234\n" });
    expect(right.code).toBe(0);
    expect(right.stdout).toContain("Switched to Kids");
    expect((await cli.stored()).token).not.toBe(roomToken);

    const nobody = await cli.run(["switch", "Nobody"]);
    expect(nobody.code).toBe(1);
    expect((await cli.run(["switch", "a", "b"])).code).toBe(64);
  });

  it("claim prints a claim token alone on stdout", async () => {
    await cli.signIn(cli.server.issueToken());
    const result = await cli.run(["claim"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^claim-[\w-]+\n$/);
    expect(cli.server.redeemClaimToken(result.stdout.trim())).not.toBeNull();
  });

  it("login --password asks for the 2FA code when plex.tv wants it; the password is never shown", async () => {
    cli.server.addPasswordAccount({ username: "erin", password: "pa55-w0rd-SECRET", verificationCode: "135790" });
    const result = await cli.run(["login", "--password"], { stdin: "erin\npa55-w0rd-SECRET\n135790\n" });
    expect(result.stderr).toContain("Two-factor code: ");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Signed in as erin");
    expect(result.stdout + result.stderr).not.toContain("pa55");
    expect((await cli.stored()).token).toMatch(/^standin-/);
  });

  it("login --password with a wrong password fails with plex.tv's reason and stores nothing", async () => {
    cli.server.addPasswordAccount({ username: "erin", password: "right" });
    const result = await cli.run(["login", "--password"], { stdin: "erin\nwrong-SECRET\n" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("plex.tv refused the sign-in: User could not be authenticated");
    expect(result.stderr).not.toContain("wrong-SECRET");
    await expect(readFile(cli.file(), "utf8")).rejects.toThrow();
    expect((await cli.run(["login", "--password", "--link"])).code).toBe(64);
  });
});
