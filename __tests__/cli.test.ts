import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { refusedUri, startFakeMediaServer, type FakePlexTv } from "../src/testing";
import { standIn } from "./support/stand-in";

const cli = join(__dirname, "../dist/cli.mjs");

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

describe("plex-tv-auth command line", () => {
  let server: FakePlexTv;
  let config: string;
  const file = () => join(config, "plex-tv-auth", "config.json");
  const stored = async () => JSON.parse(await readFile(file(), "utf8"));

  function start(args: string[], env: Record<string, string> = {}, command?: string) {
    const child = spawn(command ?? process.execPath, command ? args : [cli, ...args], {
      env: { PATH: process.env.PATH, XDG_CONFIG_HOME: config, PLEX_TV_AUTH_BASE_URL: server.url, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output = { stdout: "", stderr: "" };
    child.stdout.on("data", (chunk) => (output.stdout += chunk));
    child.stderr.on("data", (chunk) => (output.stderr += chunk));
    const done = new Promise<Run>((resolve) =>
      child.on("close", (code, signal) => resolve({ code, signal, ...output })),
    );
    return { child, output, done };
  }
  const run = (args: string[], env?: Record<string, string>, command?: string) => start(args, env, command).done;

  beforeEach(async () => {
    server = await standIn({ autoApproveAfterMs: 100 });
    config = await mkdtemp(join(tmpdir(), "plex-tv-auth-cli-"));
  });
  afterEach(async () => {
    await server.close();
    await rm(config, { recursive: true, force: true });
  });

  function expectNoTokenIn(result: Run, token: string) {
    expect(result.stdout).not.toContain(token);
    expect(result.stderr).not.toContain(token);
  }

  it("login (strong) shows the auth URL, stores the token and client identifier in a 0600 file", async () => {
    const result = await run(["login", "--product", "CLI test"]);
    // Progress goes to stderr, naming the plex.tv it asks.
    expect(result.stderr).toBe(`Asking ${server.url} for a sign-in code…\n`);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/https:\/\/app\.plex\.tv\/auth#\?clientID=[0-9a-f-]{36}&code=[a-z0-9]{25}/);
    expect(result.stdout).toContain("context%5Bdevice%5D%5Bproduct%5D=CLI%20test");
    expect(result.stdout).toMatch(/█/); // the QR code
    expect(result.stdout).toMatch(/Signed in as standin/);
    expect((await stat(file())).mode & 0o777).toBe(0o600);
    const { token, clientIdentifier } = await stored();
    expect(server.requests.at(-1)!.headers["x-plex-token"]).toBe(token);
    expect(server.requests[0]!.headers["x-plex-client-identifier"]).toBe(clientIdentifier);
    expectNoTokenIn(result, token);
  });

  it("login --link shows the 4-character code and plex.tv/link, and reuses the client identifier", async () => {
    await run(["login"]);
    const { clientIdentifier } = await stored();
    const result = await run(["login", "--link"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Go to https:\/\/plex\.tv\/link and enter the code [A-Z0-9]{4}/);
    const creates = server.requests.filter((r) => r.route === "POST /api/v2/pins");
    expect(creates.map((r) => r.url)).toEqual(["/api/v2/pins?strong=true", "/api/v2/pins?strong=false"]);
    expect(creates.map((r) => r.headers["x-plex-client-identifier"])).toEqual([clientIdentifier, clientIdentifier]);
  });

  it("login --json prints JSON lines that parse", async () => {
    const result = await run(["login", "--json"]);
    expect(result.code).toBe(0);
    const events = result.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(events).toEqual([
      {
        event: "verification",
        url: expect.stringMatching(/^https:\/\/app\.plex\.tv\/auth#\?/),
        code: expect.any(String),
        qr: expect.any(String),
        expiresAt: expect.any(String),
      },
      {
        event: "signedIn",
        username: "standin",
        clientIdentifier: (await stored()).clientIdentifier,
        configFile: file(),
      },
    ]);
    expectNoTokenIn(result, (await stored()).token);
  });

  it("whoami: 0 for a valid token, 2 when plex.tv cannot say (token kept), 1 when invalid (token removed)", async () => {
    await run(["login"]);
    const { token } = await stored();
    const valid = await run(["whoami"]);
    expect([valid.code, valid.stdout.trim()]).toEqual([0, "standin <standin@example.com>"]);

    server.fault("GET /api/v2/user", { kind: "status", status: 503 });
    const unknown = await run(["whoami"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^plex-tv-auth: could not check the token .*it was kept\n$/);
    expect((await stored()).token).toBe(token);

    server.revokeToken(token);
    const invalid = await run(["whoami", "--json"]);
    expect(invalid.code).toBe(1);
    expect(JSON.parse(invalid.stdout)).toEqual({ status: "invalid" });
    expect((await stored()).token).toBeUndefined();
    for (const result of [valid, unknown, invalid]) expectNoTokenIn(result, token);
  });

  it("whoami keeps the token on a 401 that is not plex.tv's (a proxy's page)", async () => {
    await run(["login"]);
    const { token } = await stored();
    server.fault("GET /api/v2/user", {
      kind: "status",
      status: 401,
      body: "<html>Proxy login</html>",
      contentType: "text/html",
    });
    const result = await run(["whoami"]);
    expect(result.code).toBe(2);
    expect((await stored()).token).toBe(token);
  });

  it("never prints control characters that came from plex.tv", async () => {
    await run(["login"]);
    server.setResources([
      { name: "Evil\u001b]0;pwned\u0007\u001b[2J", provides: "server", productVersion: "1\u001b[31m" },
    ]);
    const servers = await run(["servers"]);
    expect(servers.code).toBe(0);
    expect(servers.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(servers.stdout).toContain("Evil\\x1b]0;pwned\\x07\\x1b[2J");
    server.fault("GET /api/v2/user", {
      kind: "status",
      status: 500,
      body: JSON.stringify({ errors: [{ code: 1, message: "bad\u001b[2Jthing" }] }),
    });
    const whoami = await run(["whoami"]);
    expect(whoami.stderr).not.toContain("\u001b");
    expect(whoami.stderr).toContain("bad\\x1b[2Jthing");
  });

  it("never sends the stored token to another plex.tv than the one it came from", async () => {
    await run(["login"]);
    const { token, baseUrl } = await stored();
    expect(baseUrl).toBe(server.url);
    const other = await standIn();
    try {
      for (const command of ["whoami", "servers", "logout"]) {
        const result = await run([command], { PLEX_TV_AUTH_BASE_URL: other.url });
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(`the stored sign-in is for ${server.url}, not ${other.url}`);
        expect(result.stderr).toContain(file());
      }
      expect(other.requests).toHaveLength(0);
      expect((await stored()).token).toBe(token);
    } finally {
      await other.close();
    }
  });

  it("ignores a relative XDG_CONFIG_HOME", async () => {
    const result = await run(["whoami"], { XDG_CONFIG_HOME: "relative/dir", HOME: config });
    expect(result.stderr).toMatch(/not signed in/);
    const login = await run(["login", "--json"], { XDG_CONFIG_HOME: "relative/dir", HOME: config });
    expect(JSON.parse(login.stdout.trim().split("\n").pop()!).configFile).toBe(
      join(config, ".config", "plex-tv-auth", "config.json"),
    );
  });

  it("a corrupt config names the file and how to fix it, and is left as it was", async () => {
    const { mkdir, writeFile } = await import("node:fs/promises");
    await mkdir(join(config, "plex-tv-auth"), { recursive: true });
    for (const text of ["[1]", "{oops"]) {
      await writeFile(file(), text);
      const result = await run(["login"]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${file()} is not a JSON object; fix it or delete it`);
      expect(await readFile(file(), "utf8")).toBe(text);
    }
  });

  it("servers lists servers with their best connection, as a table or JSON, never their tokens", async () => {
    const media = await startFakeMediaServer({ accessToken: "server-secret" });
    try {
      server.setResources([
        {
          name: "Den",
          clientIdentifier: "den",
          provides: "server",
          owned: true,
          productVersion: "1.41.3",
          accessToken: "server-secret",
          connections: [
            {
              uri: await refusedUri(),
              local: false,
              protocol: "http",
              address: "127.0.0.1",
              port: 1,
              relay: false,
              IPv6: false,
            },
            { uri: media.uri, local: true, protocol: "http", address: "127.0.0.1", port: 2, relay: false, IPv6: false },
          ],
        },
        { name: "Phone", clientIdentifier: "phone", provides: "client,player", connections: [] },
      ]);
      await run(["login"]);
      const table = await run(["servers"]);
      expect(table.code).toBe(0);
      // Without --probe, a connection is what it is: first in rank, untried.
      expect(table.stdout.split("\n")[0]).toMatch(/^NAME\s+OWNED\s+VERSION\s+FIRST CONNECTION \(untried\)$/);
      expect(table.stdout).toMatch(new RegExp(`Den\\s+yes\\s+1\\.41\\.3\\s+${media.uri}`));
      const json = await run(["servers", "--json", "--probe"]);
      const servers = JSON.parse(json.stdout);
      expect(servers).toHaveLength(1);
      expect(servers[0]).toMatchObject({ name: "Den", firstConnection: media.uri, reachableConnection: media.uri });
      const probed = await run(["servers", "--probe"]);
      expect(probed.stdout.split("\n")[0]).toMatch(/REACHABLE CONNECTION$/);
      expect(json.stdout + table.stdout).not.toContain("server-secret");
    } finally {
      await media.close();
    }
  });

  it("logout signs out at plex.tv and deletes the token", async () => {
    await run(["login"]);
    const { token, clientIdentifier } = await stored();
    const result = await run(["logout"]);
    expect([result.code, result.stdout.trim()]).toEqual([0, "Signed out."]);
    expect(server.requests.at(-1)!.route).toBe("DELETE /api/v2/users/signout");
    expect(await stored()).toEqual({ clientIdentifier });
    const check = await fetch(`${server.url}/api/v2/user`, {
      headers: { Accept: "application/json", "X-Plex-Client-Identifier": "x", "X-Plex-Token": token },
    });
    expect(check.status).toBe(401);
  });

  it("on a terminal, shows a live countdown and colour, and no colour with NO_COLOR", async () => {
    await server.close();
    server = await standIn({ autoApproveAfterMs: 2300 }); // long enough for the countdown to redraw
    // `script` runs the command under a pseudo-terminal, as a user's shell would.
    const onTty = (env: Record<string, string>) =>
      run(
        ["-q", "-e", "-c", `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} login`, "/dev/null"],
        env,
        "script",
      );
    const coloured = await onTty({});
    expect(coloured.code).toBe(0);
    const redraws = coloured.stdout.match(/\r\x1b\[2K\x1b\[2mWaiting for approval… \d+:\d\d left/g) ?? [];
    expect(redraws.length).toBeGreaterThanOrEqual(2);
    expect(coloured.stdout).toMatch(/\x1b\[1mhttps:\/\/app\.plex\.tv\/auth#\?/);
    const plain = await onTty({ NO_COLOR: "1" });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/\r\x1b\[2KWaiting for approval… \d+:\d\d left/);
    expect(plain.stdout).not.toMatch(/\x1b\[[12]m/);
  });

  it.each(["SIGINT", "SIGTERM"] as const)(
    "%s during login (Ctrl-C, a service manager) exits cleanly: 130, nothing stored",
    async (signal) => {
      await server.close();
      server = await standIn(); // never approves
      const { child, output, done } = start(["login"]);
      await new Promise<void>((resolve) => {
        const check = () => (output.stdout.includes("Waiting for approval") ? resolve() : setTimeout(check, 20));
        check();
      });
      child.kill(signal);
      const result = await done;
      expect([result.code, result.signal]).toEqual([130, null]);
      expect(result.stderr).toBe(`Asking ${server.url} for a sign-in code…\nplex-tv-auth: cancelled\n`);
      await expect(stat(file())).rejects.toMatchObject({ code: "ENOENT" });
    },
  );

  it("reports errors as one line on stderr, with a non-zero exit and no stack trace", async () => {
    const notSignedIn = await run(["whoami"]);
    expect([notSignedIn.code, notSignedIn.stderr]).toEqual([
      1,
      `plex-tv-auth: not signed in (no token in ${file()}): run \`plex-tv-auth login\` first\n`,
    ]);
    const badUrl = await run(["login"], { PLEX_TV_AUTH_BASE_URL: "http://plex.example" });
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr).toMatch(/^plex-tv-auth: createPlexTvClient: `baseUrl` must be .*\n$/);
    const unknownOption = await run(["login", "--nope"]);
    expect([unknownOption.code, unknownOption.stderr]).toEqual([
      64,
      "plex-tv-auth: unknown option '--nope' (see --help)\n",
    ]);
    const refusedAt = await refusedUri();
    const refused = await run(["login"], { PLEX_TV_AUTH_BASE_URL: refusedAt });
    expect(refused.code).toBe(1);
    expect(refused.stderr.split("\n").at(-2)).toBe(
      `plex-tv-auth: POST /api/v2/pins: no answer from plex.tv (plex.tv at ${refusedAt}; config ${file()})`,
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

  it("login says when it replaces an existing sign-in", async () => {
    await run(["login"]);
    const again = await run(["login"]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`You are signed in already: signing in again replaces that sign-in (${file()})`);
  });

  it("--help and --version", async () => {
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: plex-tv-auth <command>/);
    const version = await run(["--version"]);
    expect(version.stdout.trim()).toBe(require("../package.json").version);
  });
});
