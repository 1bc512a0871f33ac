// plex-tv-auth's usage: errors as one line, exit codes, help and version.

import { refusedUri } from "../../../src/testing";
import { useCli } from "../../support/cli";

describe("plex-tv-auth command line", () => {
  const cli = useCli({ autoApproveAfterMs: 100 });
  const { run } = cli;

  it("reports errors as one line on stderr, with a non-zero exit and no stack trace", async () => {
    const notSignedIn = await run(["whoami"]);
    expect([notSignedIn.code, notSignedIn.stderr]).toEqual([
      1,
      `plex-tv-auth: not signed in (no token in ${cli.file()}): run \`plex-tv-auth login\` first\n`,
    ]);
    const unknownOption = await run(["login", "--nope"]);
    expect([unknownOption.code, unknownOption.stderr]).toEqual([
      64,
      "plex-tv-auth: unknown option '--nope' (see --help)\n",
    ]);
    const refusedAt = await refusedUri();
    const refused = await run(["login"], { env: { PLEX_TV_AUTH_BASE_URL: refusedAt } });
    expect(refused.code).toBe(1);
    expect(refused.stderr.split("\n").at(-2)).toBe(
      `plex-tv-auth: POST /api/v2/pins: no answer from plex.tv (plex.tv at ${refusedAt}; config ${cli.file()})`,
    );
  });

  it.each([
    ["--base-url", ["whoami", "--base-url", "http://plex.example"], {}],
    ["--base-url", ["--base-url", "ftp://plex.example", "login"], {}],
    ["--base-url", ["login", "--base-url=https://me:hunter2@plex.example"], {}],
    ["PLEX_TV_AUTH_BASE_URL", ["login"], { PLEX_TV_AUTH_BASE_URL: "http://plex.example" }],
    ["PLEX_TV_AUTH_BASE_URL", ["whoami"], { PLEX_TV_AUTH_BASE_URL: "not a url" }],
  ])("a bad plex.tv address is wrong usage (64) naming %s, never quoting it: %j", async (source, args, env) => {
    const result = await run(args, { env });
    expect([result.code, result.stdout]).toEqual([64, ""]);
    expect(result.stderr).toBe(
      `plex-tv-auth: ${source} must be plex.tv's address as a bare https URL such as https://plex.tv (http only for loopback; no user, query or fragment) (see --help)\n`,
    );
    expect(cli.server.requests).toEqual([]);
  });

  it("takes the global options before the command too, as --help lists them", async () => {
    await cli.signIn(cli.server.issueToken());
    const env = { PLEX_TV_AUTH_BASE_URL: await refusedUri() }; // only the option leads to the stand-in
    for (const args of [
      ["--base-url", cli.server.url, "whoami"],
      [`--base-url=${cli.server.url}`, "whoami", "--json"],
    ]) {
      const result = await run(args, { env });
      expect([result.code, result.stderr]).toEqual([0, ""]);
    }
    const help = await run(["-h", "whoami"]);
    expect([help.code, help.stdout]).toEqual([0, (await run(["whoami", "--help"])).stdout]);
    expect((await run(["--base-url", cli.server.url, "--help"])).stdout).toMatch(
      /^Usage: plex-tv-auth \[--base-url URL\] <command>/,
    );
  });

  it.each([
    [["frobnicate"], "unknown command: frobnicate"],
    [["whoamu"], "unknown command: whoamu; did you mean whoami?"],
    [["lgout"], "unknown command: lgout; did you mean logout?"],
    [["Servers"], "unknown command: Servers; did you mean servers?"],
    [["help", "swich"], "unknown command: swich; did you mean switch?"],
    [["hlep"], "unknown command: hlep; did you mean help?"],
    [["--base-url", "https://plex.tv"], null],
    [
      ["--base-url", "https://a.example", "whoami", "--base-url", "https://b.example"],
      "--base-url is given twice (before and after the command)",
    ],
    [["--product", "x", "login"], "--product goes after the command, as in plex-tv-auth login --product"],
    [["--nope", "whoami"], "unknown option '--nope'"],
    [["whoami", "extra"], "unexpected argument: extra"],
    [["whoami", "--link"], "unknown option '--link'"],
    [["logout", "--json"], "unknown option '--json'"],
    [["login", "--product"], "option '--product <value>' argument missing"],
    [["help", "nope"], "unknown command: nope"],
    [["--json", "whoami"], "--json goes after the command, as in plex-tv-auth login --json"],
  ])("wrong usage %j exits 64 with one line naming the problem", async (args, problem) => {
    const result = await run(args);
    if (problem === null) {
      // No command: the help, on stdout.
      expect([result.code, result.stdout]).toEqual([64, expect.stringMatching(/^Usage: plex-tv-auth /)]);
      return;
    }
    expect([result.code, result.stdout, result.stderr]).toEqual([64, "", `plex-tv-auth: ${problem} (see --help)\n`]);
  });

  it("help, help COMMAND and COMMAND --help; every exit code is in the help", async () => {
    const general = await run(["help"]);
    expect(general.code).toBe(0);
    for (const code of ["0", "1", "2", "3", "64", "130"]) {
      expect(general.stdout).toMatch(new RegExp(`^  ${code} `, "m"));
    }
    expect(general.stdout).toMatch(/^  2 +plex\.tv could not be asked .*; the stored token was kept$/m);
    expect(general.stdout).toMatch(/^  64 +wrong usage \(.*a bad --base-url/m);
    expect(general.stdout).toMatch(/^  130 +cancelled \(Ctrl-C at any prompt/m);
    for (const command of ["login", "whoami", "servers", "logout"]) {
      const viaHelp = await run(["help", command]);
      const viaFlag = await run([command, "--help"]);
      expect(viaHelp.code).toBe(0);
      expect(viaHelp.stdout).toBe(viaFlag.stdout);
      expect(viaHelp.stdout).toMatch(new RegExp(`^Usage: plex-tv-auth ${command}`));
    }
    expect((await run(["help", "login"])).stdout).toContain("--link");
    expect((await run(["help", "whoami"])).stdout).not.toContain("--link");
  });

  it("--help and --version", async () => {
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: plex-tv-auth \[--base-url URL\] <command> \[options\]/);
    const version = await run(["--version"]);
    expect(version.stdout.trim()).toBe(require("../../../package.json").version);
  });
});
