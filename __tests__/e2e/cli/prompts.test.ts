// The command line's prompts on a pseudo-terminal, typed at as a user would: what they echo, what Up brings back,
// and Ctrl-C.

import { stat } from "node:fs/promises";
import { useCli } from "../../support/cli";

const UP = "\x1b[A";
const CTRL_C = "\x03";

describe("plex-tv-auth prompts", () => {
  const cli = useCli({ home: true });
  const password = "pa55-w0rd-SECRET";
  beforeEach(() => {
    cli.server.addPasswordAccount({ username: "erin", password, verificationCode: "135790" });
  });

  it("Up at the 2FA prompt brings back no earlier answer: the password is never on the screen", async () => {
    const login = cli.onTty(["login", "--password"]);
    await login.until("Plex username or email: ");
    login.child.stdin!.write("erin\r");
    await login.until("Password: ");
    login.child.stdin!.write(`${password}\r`);
    await login.until("Two-factor code: ");
    // Up twice (readline's history would hold the password, then the username), then the code.
    login.child.stdin!.write(`${UP}${UP}135790\r`);
    const result = await login.done;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Signed in as");
    expect(result.stdout).not.toContain("pa55");
    expect(result.stdout).not.toMatch(/Two-factor code: .*erin/);
    expect((await cli.stored()).token).toMatch(/^standin-/);
  });

  it("answers typed ahead of their question are not echoed either", async () => {
    const login = cli.onTty(["login", "--password"]);
    await login.until("Plex username or email: ");
    login.child.stdin!.write(`erin\r${password}\r`); // the password typed (pasted) before its prompt
    await login.until("Two-factor code: ");
    login.child.stdin!.write("135790\r");
    const result = await login.done;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("erin"); // the visible answer still shows
    expect(result.stdout).not.toContain("pa55");
  });

  it.each([
    ["the login", "Plex username or email: ", ""],
    ["the password", "Password: ", "erin\r"],
    ["the 2FA code", "Two-factor code: ", `erin\r${password}\r`],
  ])("Ctrl-C at %s prompt exits 130 (cancelled), storing nothing", async (_, prompt, before) => {
    const login = cli.onTty(["login", "--password"]);
    await login.until("Plex username or email: ");
    login.child.stdin!.write(before);
    await login.until(prompt);
    login.child.stdin!.write(CTRL_C);
    const result = await login.done;
    expect(result.code).toBe(130);
    expect(result.stdout).toMatch(/plex-tv-auth: cancelled\r?\n$/);
    await expect(stat(cli.file())).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("Ctrl-C at the Home PIN prompt exits 130 and keeps the sign-in", async () => {
    const token = cli.server.issueToken();
    await cli.signIn(token);
    const before = await cli.stored();
    const pin = cli.onTty(["switch", "Kids", "--pin"]);
    await pin.until("Home PIN for Kids: ");
    pin.child.stdin!.write(`12${CTRL_C}`);
    const result = await pin.done;
    expect(result.code).toBe(130);
    expect(result.stdout.split("Home PIN for Kids: ")[1]).toBe("\r\nplex-tv-auth: cancelled\r\n");
    expect(await cli.stored()).toEqual(before);
  });

  it("SIGINT at a prompt read from a pipe exits 130 too", async () => {
    const login = cli.start(["login", "--password"], { openStdin: true });
    await login.until("Plex username or email: ");
    login.child.kill("SIGINT");
    const result = await login.done;
    expect([result.code, result.stderr]).toEqual([130, "Plex username or email: plex-tv-auth: cancelled\n"]);
  });
});
