// `plex-tv-auth stand-in`: the stand-ins as a program (the built dist/cli.mjs), started as another language's test
// would start it, and asked over HTTP from this process (another one than the program's).

import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { connect } from "node:net";
import { promisify } from "node:util";
import { refusedUri } from "../../../src/testing";
import { cliPath } from "../../support/cli";
import { chromiumPath, launchChromium } from "../../support/chromium";
import { describeIf } from "../../support/optional";
import { plexTvJson, runStandIn, startStandIn, type Printed } from "../../support/stand-in-program";

const run = promisify(execFile);
const portOf = (url: string) => Number(new URL(url).port);

/** Whether nothing listens at `url` any more. */
const refused = (url: string) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(portOf(url), "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(true));
  });

const form = (fields: Record<string, string>) => ({
  method: "POST",
  headers: { Accept: "application/json" },
  body: new URLSearchParams(fields),
});

/** Polls the PIN until it carries a token (or a few seconds pass). */
async function tokenOfPin(printed: Printed, id: number): Promise<string | null> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { body } = await plexTvJson(printed, `/api/v2/pins/${id}`);
    if (body.authToken) return body.authToken;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

const serverOf = async (printed: Printed, token: string) => {
  const { status, body } = await plexTvJson(printed, "/api/v2/resources", { token });
  expect(status).toBe(200);
  return body as { name: string; clientIdentifier: string; accessToken: string; connections: { uri: string }[] }[];
};

describe("plex-tv-auth stand-in", () => {
  it("prints one line per URL and credential, answers another process, and SIGTERM stops it: exit 0, both ports closed", async () => {
    const program = runStandIn([]);
    await program.until("Stop it with Ctrl-C or SIGTERM.");
    const lines = program.output.stdout.trimEnd().split("\n");
    const printed = Object.fromEntries(lines.map((line) => /^([a-z. ]+): +(\S.*)$/.exec(line)!.slice(1)));
    expect(Object.keys(printed)).toEqual([
      "plex.tv",
      "auth page",
      "media server",
      "account",
      "token",
      "login",
      "password",
    ]);
    expect(printed["plex.tv"]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(printed["auth page"]).toBe(`${printed["plex.tv"]}/auth`);
    expect(printed["media server"]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const at = { plexTv: printed["plex.tv"]! } as Printed;

    // The printed token is the default user's; that user owns the media server, listed with its connection.
    const user = await plexTvJson(at, "/api/v2/user", { token: printed.token! });
    expect(user.status).toBe(200);
    expect(printed.account).toBe(`${user.body.username} (free)`);
    const [server, ...others] = await serverOf(at, printed.token!);
    expect(others).toEqual([]);
    expect(server!.connections.map((c) => c.uri)).toEqual([printed["media server"]]);
    const identity = await fetch(`${printed["media server"]}/identity`, { headers: { Accept: "application/json" } });
    expect((await identity.json()).MediaContainer).toMatchObject({
      claimed: false,
      machineIdentifier: server!.clientIdentifier,
    });
    // The server takes the token plex.tv lists for it.
    const transient = await fetch(`${printed["media server"]}/security/token?type=delegation&scope=all`, {
      headers: { Accept: "application/json", "X-Plex-Token": server!.accessToken },
    });
    expect(transient.status).toBe(200);
    // The printed login and password sign in, the client identifier in the form body.
    const signIn = await fetch(`${printed["plex.tv"]}/api/v2/users/signin`, {
      ...form({ login: printed.login!, password: printed.password!, "X-Plex-Client-Identifier": "test" }),
    });
    expect([signIn.status, (await signIn.json()).username]).toEqual([201, printed.login]);

    const end = await program.stop("SIGTERM");
    expect([end.code, end.signal]).toEqual([0, null]);
    expect(end.stderr.endsWith("Stopped: both servers closed.\n")).toBe(true);
    expect(await refused(printed["plex.tv"]!)).toBe(true);
    expect(await refused(printed["media server"]!)).toBe(true);
  });

  it("stops the same way on SIGINT (Ctrl-C): exit 0, both ports closed", async () => {
    const program = await startStandIn();
    const end = await program.stop("SIGINT");
    expect([end.code, end.signal]).toEqual([0, null]);
    expect(await refused(program.printed.plexTv)).toBe(true);
    expect(await refused(program.printed.mediaServer)).toBe(true);
  });

  it("--json prints one line, and nothing else on stdout", async () => {
    const { printed, output, stop } = await startStandIn();
    expect(output.stdout).toBe(`${JSON.stringify(printed)}\n`);
    expect(printed).toEqual({
      plexTv: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      authApp: `${printed.plexTv}/auth`,
      mediaServer: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      machineIdentifier: expect.stringMatching(/^[0-9a-f]{40}$/),
      account: { kind: "free", username: expect.any(String), title: expect.any(String), uuid: expect.any(String) },
      token: expect.any(String),
      login: "password-user",
      password: expect.any(String),
      serverToken: expect.any(String),
      approveAfterMs: null,
      homeUsers: null,
    });
    await stop();
  });

  it.each([
    [
      "free",
      (user: any) => expect([user.roles, user.subscription.active, user.restricted]).toEqual([undefined, false, false]),
    ],
    ["plex-pass", (user: any) => expect([user.roles, user.subscription.active]).toEqual([["plexpass"], true])],
    [
      "managed",
      (user: any) => expect([user.username, user.restricted, user.home, user.guest]).toEqual(["", true, true, false]),
    ],
    ["guest", (user: any) => expect([user.username, user.restricted, user.guest]).toEqual(["", true, true])],
  ])("--account %s: the default user has that account's shape, and sees the media server", async (kind, check) => {
    const { printed, stop } = await startStandIn(["--account", kind]);
    expect(printed.account.kind).toBe(kind);
    const { status, body } = await plexTvJson(printed, "/api/v2/user", { token: printed.token });
    expect(status).toBe(200);
    check(body);
    expect(body.uuid).toBe(printed.account.uuid);
    // A managed user or the guest sees only servers shared with them: the program shares it.
    const [server] = await serverOf(printed, printed.token);
    expect(server!.connections[0]!.uri).toBe(printed.mediaServer);
    await stop();
  });

  it("--home: the default user is the admin of a Home whose managed users see the media server", async () => {
    const [home, alone] = await Promise.all([startStandIn(["--home"]), startStandIn()]);
    const users = await plexTvJson(home.printed, "/api/v2/home/users", { token: home.printed.token });
    expect(users.body.users.map((u: any) => [u.title, u.admin, u.protected])).toEqual([
      [home.printed.account.title, true, false],
      ["Kids", false, true],
      ["Living Room", false, false],
    ]);
    expect(home.printed.homeUsers!.map(({ title, pin }) => [title, pin])).toEqual([
      [home.printed.account.title, null],
      ["Kids", "1234"],
      ["Living Room", null],
    ]);
    const kids = home.printed.homeUsers![1]!;
    const switched = await fetch(`${home.printed.plexTv}/api/v2/home/users/${kids.uuid}/switch?pin=${kids.pin}`, {
      method: "POST",
      headers: { Accept: "application/json", "X-Plex-Client-Identifier": "test", "X-Plex-Token": home.printed.token },
    });
    expect(switched.status).toBe(201);
    const [shared] = await serverOf(home.printed, (await switched.json()).authToken);
    expect(shared!.connections[0]!.uri).toBe(home.printed.mediaServer);
    // Without --home, the user's Home is a Home of one.
    const single = await plexTvJson(alone.printed, "/api/v2/home/users", { token: alone.printed.token });
    expect(single.body.users).toHaveLength(1);
    await Promise.all([home.stop(), alone.stop()]);
  });

  it("--approve-after-ms N approves each PIN N ms after it is made", async () => {
    const { printed, stop } = await startStandIn(["--approve-after-ms", "100"]);
    expect(printed.approveAfterMs).toBe(100);
    const pin = await plexTvJson(printed, "/api/v2/pins?strong=true", { method: "POST" });
    expect([pin.status, pin.body.authToken]).toEqual([201, null]);
    const token = await tokenOfPin(printed, pin.body.id);
    const user = await plexTvJson(printed, "/api/v2/user", { token: token! });
    expect(user.body.username).toBe(printed.account.username);
    await stop();
  });

  it("serves its auth page, and approves a PIN as the page's Approve button does (POST /__standin/approve)", async () => {
    const { printed, stop } = await startStandIn();
    const page = await fetch(printed.authApp);
    expect([page.status, page.headers.get("content-type")]).toEqual([200, "text/html; charset=utf-8"]);
    expect(await page.text()).toContain('<button id="approve">Approve</button>');
    const pin = await plexTvJson(printed, "/api/v2/pins", { method: "POST" });
    // Not approved by itself.
    expect((await plexTvJson(printed, `/api/v2/pins/${pin.body.id}`)).body.authToken).toBeNull();
    const unknown = await fetch(`${printed.plexTv}/__standin/approve`, form({ code: "NOPE" }));
    expect(unknown.status).toBe(404);
    const approved = await fetch(`${printed.plexTv}/__standin/approve`, form({ code: pin.body.code }));
    expect(approved.status).toBe(204);
    expect(await tokenOfPin(printed, pin.body.id)).toEqual(expect.any(String));
    await stop();
  });

  it("--port N: plex.tv listens there; a port in use is exit 1 with one line", async () => {
    const port = portOf(await refusedUri());
    const first = await startStandIn(["--port", String(port)]);
    expect(first.printed.plexTv).toBe(`http://127.0.0.1:${port}`);
    const second = await runStandIn(["--port", String(port)]).ended;
    expect([second.code, second.stdout, second.stderr]).toEqual([
      1,
      "",
      `plex-tv-auth: 127.0.0.1:${port} is in use: pick another --port (0 takes any free one)\n`,
    ]);
    await first.stop();
  });

  it.each([
    [["--port", "x"], "--port must be a port number from 0 (any free one) to 65535"],
    [["--port", "65536"], "--port must be a port number from 0 (any free one) to 65535"],
    [["--port"], "option '--port <value>' argument missing"],
    [["--account", "admin"], "--account must be one of free, plex-pass, managed, guest"],
    [["--approve-after-ms", "soon"], "--approve-after-ms must be a whole number of milliseconds from 0 to 2147483647"],
    [["--approve-after-ms=-1"], "--approve-after-ms must be a whole number of milliseconds from 0 to 2147483647"],
    [["--home=yes"], "option '--home' does not take an argument"],
    [["--nope"], "unknown option '--nope'"],
    [["--base-url", "https://plex.tv"], "unknown option '--base-url'"],
    [["extra"], "unexpected argument: extra"],
  ])("wrong usage %j exits 64 with one line, starting nothing", async (args, problem) => {
    const end = await runStandIn(args).ended;
    expect([end.code, end.stdout, end.stderr]).toEqual([64, "", `plex-tv-auth: ${problem} (see --help)\n`]);
  });

  it("--base-url before stand-in is wrong usage too: it talks to no plex.tv", async () => {
    const end = await run(process.execPath, [cliPath, "--base-url", "https://plex.tv", "stand-in"]).catch((e) => e);
    expect([end.code, end.stdout, end.stderr]).toEqual([
      64,
      "",
      "plex-tv-auth: --base-url does not go with stand-in: it talks to no plex.tv (see --help)\n",
    ]);
  });

  it("help stand-in shows its options and its own exit codes", async () => {
    const { code, stdout } = await runStandIn(["--help"]).ended;
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: plex-tv-auth stand-in \[--port N\]/);
    for (const option of ["--port", "--account", "--approve-after-ms", "--home", "--json"]) {
      expect(stdout).toContain(`  ${option} `);
    }
    const codes = [...stdout.slice(stdout.indexOf("Exit codes:")).matchAll(/^ {2}(\d+) /gm)].map((m) => m[1]);
    expect(codes).toEqual(["0", "1", "64"]);
    expect(stdout).not.toContain("--base-url");
  });
});

describeIf(
  existsSync(chromiumPath),
  `the stand-in program's auth page in a browser: no Chromium at ${chromiumPath}; install Debian's chromium or set CHROMIUM_PATH to enable it`,
)("plex-tv-auth stand-in's auth page in Chromium", () => {
  it("its Approve button approves the PIN the page was opened for", async () => {
    const [{ printed, stop }, browser] = await Promise.all([startStandIn(), launchChromium()]);
    try {
      const pin = await plexTvJson(printed, "/api/v2/pins?strong=true", { method: "POST" });
      const fragment = new URLSearchParams({
        clientID: "stand-in-program-test",
        code: pin.body.code,
        "context[device][product]": "stand-in program test",
      });
      const page = await browser.newPage();
      await page.goto(`${printed.authApp}#?${fragment}`);
      await page.click("#approve");
      await page.waitForSelector("#done", { state: "visible" });
      expect(await tokenOfPin(printed, pin.body.id)).toEqual(expect.any(String));
    } finally {
      await Promise.all([browser.close(), stop()]);
    }
  });
});
