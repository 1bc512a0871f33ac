// The command line's Home, password and claim commands, as a child process against the stand-in.

import { readFile } from "node:fs/promises";
import { cliPath, useCli } from "../../support/cli";
import { standIn } from "../../support/stand-in";

describe("plex-tv-auth switch, claim, login --password", () => {
  const cli = useCli({ home: true });

  it("switch lists the Home, the current profile marked; switch NAME --pin switches; a wrong PIN keeps it", async () => {
    const adminToken = cli.server.issueToken();
    await cli.signIn(adminToken);
    const list = await cli.run(["switch"]);
    expect(list.code).toBe(0);
    expect(list.stdout).toBe("Stand-in User  (current, admin)\nKids  (PIN, managed)\nLiving Room  (managed)\n");

    const room = await cli.run(["switch", "living room"]);
    expect(room.code).toBe(0);
    const roomToken = (await cli.stored()).token;
    expect(roomToken).not.toBe(adminToken);
    const listed = await cli.run(["switch", "--json"]);
    expect(JSON.parse(listed.stdout).map((user: { current: boolean }) => user.current)).toEqual([false, false, true]);
    expect((await cli.run(["switch"])).stdout).toContain("Living Room  (current, managed)\n");

    const missing = await cli.run(["switch", "Kids"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Kids has a Home PIN: add --pin to type it; your sign-in is unchanged");
    const wrong = await cli.run(["switch", "Kids", "--pin"], { stdin: "0000\n" });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(
      "Home PIN for Kids: \nplex-tv-auth: wrong Home PIN for Kids; your sign-in is unchanged\n",
    );
    expect(wrong.stdout).toBe("");
    expect((await cli.stored()).token).toBe(roomToken);

    const right = await cli.run(["switch", "Kids", "--pin"], { stdin: "1234\n" });
    expect(right.code).toBe(0);
    expect(right.stdout).toContain("Switched to Kids");
    expect((await cli.stored()).token).not.toBe(roomToken);

    const nobody = await cli.run(["switch", "Nobody"]);
    expect(nobody.code).toBe(1);
    expect((await cli.run(["switch", "a", "b"])).code).toBe(64);
  });

  it("switch stores its token only if the sign-in is still the one it switched from (a login elsewhere between)", async () => {
    const adminToken = cli.server.issueToken();
    await cli.signIn(adminToken);
    // The switch reads the sign-in, then waits at its PIN prompt while another run signs in to another plex.tv.
    const switching = cli.start(["switch", "Kids", "--pin"], { openStdin: true });
    await switching.until("Home PIN for Kids: ");
    const other = await standIn({ autoApproveAfterMs: 50 });
    try {
      const login = await cli.run(["login", "--base-url", other.url]);
      expect(login.code).toBe(0);
      const signedInElsewhere = await cli.stored();
      expect(signedInElsewhere.baseUrl).toBe(other.url);
      switching.child.stdin!.end("1234\n");
      const result = await switching.done;
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        "the stored sign-in changed while switching (another plex-tv-auth run?): it was left as it is, not switched to Kids",
      );
      // The other plex.tv's sign-in is whole: its address beside its own token, never this plex.tv's.
      expect(await cli.stored()).toEqual(signedInElsewhere);
      expect(other.requests.filter((r) => r.headers["x-plex-token"] === adminToken)).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it("switch copes with Home users whose title is not a string, or who lack a username", async () => {
    await cli.signIn(cli.server.issueToken());
    const [admin, kids, room] = cli.server.setUpHome();
    const users = [
      { id: admin!.user.id, uuid: admin!.user.uuid, title: 7, username: "standin", admin: true },
      { id: kids!.user.id, uuid: kids!.user.uuid, title: null, username: null, protected: true },
      { id: room!.user.id, uuid: room!.user.uuid, title: { text: "Room" } },
      { id: 99, uuid: "no-name-uuid", title: "", username: "bob" },
    ];
    const home = { kind: "status", status: 200, body: JSON.stringify({ id: 1, users }) } as const;
    cli.server.fault("GET /api/v2/home/users", home);
    const list = await cli.run(["switch"]);
    expect(list.stderr).toBe("");
    expect(list.stdout).toBe(`7  (current, admin)\n${kids!.user.uuid}  (PIN, managed)\n${room!.user.uuid}\nbob\n`);
    cli.server.fault("GET /api/v2/home/users", home);
    const json = await cli.run(["switch", "--json"]);
    expect(JSON.parse(json.stdout).map((user: { title: unknown }) => user.title)).toEqual(["7", null, null, null]);
    cli.server.fault("GET /api/v2/home/users", home);
    const switched = await cli.run(["switch", "7"]);
    expect([switched.code, switched.stdout]).toEqual([0, `Switched to 7. Token saved to ${cli.file()}\n`]);
    for (const result of [list, json, switched]) expect(result.stdout).not.toMatch(/undefined|\[object/);
  });

  it("claim prints a claim token alone on stdout: one word for the shell, unquoted or not", async () => {
    await cli.signIn(cli.server.issueToken());
    const result = await cli.run(["claim"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^claim-[\w-]+\n$/);
    expect(cli.server.redeemClaimToken(result.stdout.trim())).not.toBeNull();
    const words = await cli.run(
      ["-c", `set -- $(${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)} claim); echo $#`],
      {
        command: "sh",
      },
    );
    expect(words.stdout).toBe("1\n");
  });

  it.each([
    ["a space", "claim-abc -v /:/host"],
    ["a command substitution", "claim-$(touch pwned)"],
    ["a quote", "claim-a'b"],
    ["an escape", "claim-a\u001b]0;pwned\u0007"],
    ["a line break", "claim-a\nb"],
    ["nothing after the prefix", "claim-"],
  ])("claim refuses an answer with %s, printing nothing on stdout and never the value", async (_, hostile) => {
    await cli.signIn(cli.server.issueToken());
    cli.server.fault("GET /api/claim/token.json", {
      kind: "status",
      status: 200,
      body: JSON.stringify({ token: hostile }),
    });
    const result = await cli.run(["claim"]);
    expect([result.code, result.stdout]).toEqual([2, ""]);
    expect(result.stderr).toMatch(
      /^plex-tv-auth: GET \/api\/claim\/token\.json: plex\.tv's answer holds no claim token; the token was kept/,
    );
    expect(result.stderr).not.toContain(hostile.slice("claim-".length) || hostile);
  });

  it("claim's help quotes the command substitution", async () => {
    const help = await cli.run(["help", "claim"]);
    expect(help.stdout).toContain('PLEX_CLAIM="$(plex-tv-auth claim)"');
    expect((await cli.run(["help"])).stdout).not.toMatch(/=\$\(plex-tv-auth claim\)/);
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
