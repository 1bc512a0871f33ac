// plex-tv-auth login, as a child process against the stand-in: the link or code, the stored sign-in, the
// countdown on a terminal, and a cancel.

import { stat } from "node:fs/promises";
import { cliPath, expectNoTokenIn, useCli } from "../../support/cli";

describe("plex-tv-auth command line", () => {
  const cli = useCli({ autoApproveAfterMs: 100 });
  const { run, start } = cli;

  it("login (strong) shows the auth URL, stores the token and client identifier in a 0600 file", async () => {
    const result = await run(["login", "--product", "CLI test"]);
    // Progress goes to stderr, naming the plex.tv it asks.
    expect(result.stderr).toBe(`Asking ${cli.server.url} for a sign-in code…\n`);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/https:\/\/app\.plex\.tv\/auth#\?clientID=[0-9a-f-]{36}&code=[a-z0-9]{25}/);
    expect(result.stdout).toContain("context%5Bdevice%5D%5Bproduct%5D=CLI%20test");
    expect(result.stdout).toMatch(/█/); // the QR code
    expect(result.stdout).toMatch(/Signed in as standin/);
    expect((await stat(cli.file())).mode & 0o777).toBe(0o600);
    const { token, clientIdentifier } = await cli.stored();
    expect(cli.server.requests.at(-1)!.headers["x-plex-token"]).toBe(token);
    expect(cli.server.requests[0]!.headers["x-plex-client-identifier"]).toBe(clientIdentifier);
    expectNoTokenIn(result, token);
  });

  it("login --link shows the 4-character code and plex.tv/link, and reuses the client identifier", async () => {
    await run(["login"]);
    const { clientIdentifier } = await cli.stored();
    const result = await run(["login", "--link"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Go to https:\/\/plex\.tv\/link and enter the code [A-Z0-9]{4}/);
    const creates = cli.server.requests.filter((r) => r.route === "POST /api/v2/pins");
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
        clientIdentifier: (await cli.stored()).clientIdentifier,
        configFile: cli.file(),
      },
    ]);
    expectNoTokenIn(result, (await cli.stored()).token);
  });

  it("login --auth-app-url: the link leads to the stand-in's auth page, whose Approve signs the CLI in", async () => {
    await cli.replaceServer();
    const login = start(["login", "--json", "--auth-app-url", cli.server.authAppUrl]);
    await login.until('"event":"verification"');
    const { url } = JSON.parse(login.output.stdout.split("\n")[0]!);
    expect(url.startsWith(`${cli.server.authAppUrl}#?clientID=`)).toBe(true);
    const code = new URLSearchParams(new URL(url).hash.slice(2)).get("code")!;
    const approve = await fetch(new URL("/__standin/approve", url), {
      method: "POST",
      body: new URLSearchParams({ code }),
    });
    expect(approve.status).toBe(204);
    const result = await login.done;
    expect([result.code, JSON.parse(result.stdout.trim().split("\n")[1]!).username]).toEqual([0, "standin"]);
    // From the environment too; a value that is no http(s) base is wrong usage, before plex.tv is asked.
    const fromEnv = start(["login", "--json"], { env: { PLEX_TV_AUTH_APP_URL: cli.server.authAppUrl } });
    await fromEnv.until(cli.server.authAppUrl);
    fromEnv.child.kill("SIGTERM");
    expect((await fromEnv.done).code).toBe(130);
    const bad = await run(["login", "--auth-app-url", "javascript:alert(1)"]);
    expect([bad.code, bad.stderr.trim()]).toEqual([
      64,
      "plex-tv-auth: --auth-app-url must be an http(s) URL with no query or fragment, such as https://app.plex.tv/auth (see --help)",
    ]);
  });

  it("on a terminal, shows a live countdown and colour, and no colour with NO_COLOR", async () => {
    await cli.replaceServer({ autoApproveAfterMs: 2300 }); // long enough for the countdown to redraw
    // `script` runs the command under a pseudo-terminal, as a user's shell would.
    const onTty = (env: Record<string, string>) =>
      run(["-q", "-e", "-c", `${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)} login`, "/dev/null"], {
        env,
        command: "script",
      });
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

  it("in a terminal narrower than the QR code, shows none and says to widen it or use --link", async () => {
    const qrLines = (output: string) => output.split(/\r?\n/).filter((line) => /[█▀▄]/.test(line));
    const narrow = await cli.onTty(["login"], { columns: 40 }).done;
    expect(narrow.code).toBe(0);
    expect(qrLines(narrow.stdout)).toEqual([]);
    const needed = narrow.stdout.match(
      /\(No QR code: it needs (\d+) columns, this terminal has 40\. Widen the terminal, or use --link for a short code\.\)/,
    );
    expect(Number(needed?.[1])).toBeGreaterThan(40);
    // The --link QR code is smaller, and is shown when it fits; so is the link's in a wide terminal.
    const link = await cli.onTty(["login", "--link"], { columns: 40 }).done;
    expect(link.stdout).not.toContain("No QR code");
    expect(qrLines(link.stdout).length).toBeGreaterThan(10);
    expect(Math.max(...qrLines(link.stdout).map((line) => line.length))).toBeLessThanOrEqual(40);
    const wide = await cli.onTty(["login"], { columns: 120 }).done;
    expect(qrLines(wide.stdout).length).toBeGreaterThan(10);
    expect(Number(needed?.[1])).toBe(Math.max(...qrLines(wide.stdout).map((line) => line.length)));
  });

  it.each(["SIGINT", "SIGTERM"] as const)(
    "%s during login (Ctrl-C, a service manager) exits cleanly: 130, nothing stored",
    async (signal) => {
      await cli.replaceServer(); // never approves
      const { child, output, done } = start(["login"]);
      await new Promise<void>((resolve) => {
        const check = () => (output.stdout.includes("Waiting for approval") ? resolve() : setTimeout(check, 20));
        check();
      });
      child.kill(signal);
      const result = await done;
      expect([result.code, result.signal]).toEqual([130, null]);
      expect(result.stderr).toBe(`Asking ${cli.server.url} for a sign-in code…\nplex-tv-auth: cancelled\n`);
      await expect(stat(cli.file())).rejects.toMatchObject({ code: "ENOENT" });
    },
  );

  it("login says when it replaces an existing sign-in", async () => {
    await run(["login"]);
    const again = await run(["login"]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`You are signed in already: signing in again replaces that sign-in (${cli.file()})`);
  });
});
