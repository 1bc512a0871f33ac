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
    const badUrl = await run(["login"], { env: { PLEX_TV_AUTH_BASE_URL: "http://plex.example" } });
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr).toMatch(/^plex-tv-auth: createPlexTvClient: `baseUrl` must be .*\n$/);
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
    [["frobnicate"], "unknown command: frobnicate"],
    [["whoami", "extra"], "unexpected argument: extra"],
    [["whoami", "--link"], "unknown option '--link'"],
    [["logout", "--json"], "unknown option '--json'"],
    [["login", "--product"], "option '--product <value>' argument missing"],
    [["help", "nope"], "unknown command: nope"],
    [["--json", "whoami"], "a command comes first, not --json"],
  ])("wrong usage %j exits 64 with one line naming the problem", async (args, problem) => {
    const result = await run(args);
    expect([result.code, result.stdout, result.stderr]).toEqual([64, "", `plex-tv-auth: ${problem} (see --help)\n`]);
  });

  it("help, help COMMAND and COMMAND --help; every exit code is in the help", async () => {
    const general = await run(["help"]);
    expect(general.code).toBe(0);
    for (const code of ["0", "1", "2", "64", "130"]) expect(general.stdout).toMatch(new RegExp(`^  ${code} `, "m"));
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
    expect(help.stdout).toMatch(/^Usage: plex-tv-auth <command>/);
    const version = await run(["--version"]);
    expect(version.stdout.trim()).toBe(require("../../../package.json").version);
  });
});
