// plex-tv-auth whoami, servers and logout with a stored sign-in, as a child process against the stand-in.

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { refusedUri, startFakeMediaServer } from "../../../src/testing";
import { expectNoTokenIn, useCli } from "../../support/cli";
import { standIn } from "../../support/stand-in";

describe("plex-tv-auth command line", () => {
  const cli = useCli({ autoApproveAfterMs: 100 });
  const { run } = cli;

  it("whoami: 0 for a valid token, 2 when plex.tv cannot say (token kept), 1 when invalid (token removed)", async () => {
    await run(["login"]);
    const { token } = await cli.stored();
    const valid = await run(["whoami"]);
    expect([valid.code, valid.stdout.trim()]).toEqual([0, "standin <standin@example.com>"]);

    cli.server.fault("GET /api/v2/user", { kind: "status", status: 503 });
    const unknown = await run(["whoami"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^plex-tv-auth: could not check the token .*it was kept\n$/);
    expect((await cli.stored()).token).toBe(token);

    cli.server.revokeToken(token);
    const invalid = await run(["whoami", "--json"]);
    expect(invalid.code).toBe(1);
    expect(JSON.parse(invalid.stdout)).toEqual({ status: "invalid" });
    expect((await cli.stored()).token).toBeUndefined();
    for (const result of [valid, unknown, invalid]) expectNoTokenIn(result, token);
  });

  it("whoami keeps the token on a 401 that is not plex.tv's (a proxy's page)", async () => {
    await run(["login"]);
    const { token } = await cli.stored();
    cli.server.fault("GET /api/v2/user", {
      kind: "status",
      status: 401,
      body: "<html>Proxy login</html>",
      contentType: "text/html",
    });
    const result = await run(["whoami"]);
    expect(result.code).toBe(2);
    expect((await cli.stored()).token).toBe(token);
  });

  it("never prints control characters that came from plex.tv", async () => {
    await run(["login"]);
    cli.server.setResources([
      { name: "Evil\u001b]0;pwned\u0007\u001b[2J", provides: "server", productVersion: "1\u001b[31m" },
    ]);
    const servers = await run(["servers"]);
    expect(servers.code).toBe(0);
    expect(servers.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(servers.stdout).toContain("Evil\\x1b]0;pwned\\x07\\x1b[2J");
    cli.server.fault("GET /api/v2/user", {
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
    const { token, baseUrl } = await cli.stored();
    expect(baseUrl).toBe(cli.server.url);
    const other = await standIn();
    try {
      // Exit 3, as the help says: nothing was sent, and the token was kept (not 1, "invalid and removed").
      for (const command of ["whoami", "servers", "logout", "claim", "switch"]) {
        const result = await run([command], { env: { PLEX_TV_AUTH_BASE_URL: other.url } });
        expect(result.code).toBe(3);
        expect(result.stderr).toContain(`the stored sign-in is for ${cli.server.url}, not ${other.url}`);
        expect(result.stderr).toContain(cli.file());
      }
      expect((await run(["help", "whoami"])).stdout).toMatch(
        /^  3 +the stored sign-in is for another plex\.tv than --base-url: nothing was sent; the token was kept$/m,
      );
      expect(other.requests).toHaveLength(0);
      expect((await cli.stored()).token).toBe(token);
    } finally {
      await other.close();
    }
  });

  it("ignores a relative XDG_CONFIG_HOME", async () => {
    const result = await run(["whoami"], { env: { XDG_CONFIG_HOME: "relative/dir", HOME: cli.config } });
    expect(result.stderr).toMatch(/not signed in/);
    const login = await run(["login", "--json"], { env: { XDG_CONFIG_HOME: "relative/dir", HOME: cli.config } });
    expect(JSON.parse(login.stdout.trim().split("\n").pop()!).configFile).toBe(
      join(cli.config, ".config", "plex-tv-auth", "config.json"),
    );
  });

  it("a corrupt config names the file and how to fix it, and is left as it was", async () => {
    const { mkdir, writeFile } = await import("node:fs/promises");
    await mkdir(join(cli.config, "plex-tv-auth"), { recursive: true });
    for (const text of ["[1]", "{oops"]) {
      await writeFile(cli.file(), text);
      const result = await run(["login"]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${cli.file()} is not a JSON object; fix it or delete it`);
      expect(await readFile(cli.file(), "utf8")).toBe(text);
    }
  });

  it("servers lists servers with their best connection, as a table or JSON, never their tokens", async () => {
    const media = await startFakeMediaServer({ accessToken: "server-secret" });
    try {
      cli.server.setResources([
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

  it.each([
    ["a 503", { kind: "status", status: 503 }],
    ["a reset connection", { kind: "reset" }],
    ["a proxy's 401 page", { kind: "status", status: 401, body: "<html>Proxy login</html>", contentType: "text/html" }],
  ] as const)("logout keeps the token when plex.tv could not be told (%s): exit 2, and says so", async (_, fault) => {
    await cli.signIn(cli.server.issueToken());
    const before = await cli.stored();
    cli.server.fault("DELETE /api/v2/users/signout", fault);
    const result = await run(["logout"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^plex-tv-auth: plex\.tv could not be told to sign out \(.*\): the token was kept, as it still works there\. Run `plex-tv-auth logout` again/,
    );
    expect(await cli.stored()).toEqual(before);
    // Once plex.tv answers, logout can still sign it out.
    expect((await run(["logout"])).code).toBe(0);
    expect((await cli.stored()).token).toBeUndefined();
  });

  it("logout removes a token plex.tv says is invalid already (its own 401)", async () => {
    await cli.signIn(cli.server.issueToken());
    cli.server.revokeToken((await cli.stored()).token);
    const result = await run(["logout"]);
    expect([result.code, result.stdout]).toEqual([0, "Signed out.\n"]);
    expect((await cli.stored()).token).toBeUndefined();
  });

  it.each([
    ["a 503", { kind: "status", status: 503 }],
    ["a reset connection", { kind: "reset" }],
    ["a 429", { kind: "rateLimit" }],
    ["an HTML page", { kind: "body", body: "html" }],
  ] as const)("servers exits 2 when plex.tv gives no answer of its own (%s), keeping the token", async (_, fault) => {
    await cli.signIn(cli.server.issueToken());
    const before = await cli.stored();
    cli.server.fault("GET /api/v2/resources", fault);
    const result = await run(["servers"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^plex-tv-auth: GET \/api\/v2\/resources.*; the token was kept \(plex\.tv at /);
    expect(await cli.stored()).toEqual(before);
  });

  it("whoami, servers and login print sanely when plex.tv leaves out the username, email or name", async () => {
    await cli.signIn(cli.server.issueToken());
    const user = (body: object) =>
      cli.server.fault("GET /api/v2/user", { kind: "status", status: 200, body: JSON.stringify(body) });
    // A managed user's own account: empty username and email.
    user({ id: 5, uuid: "managed-uuid", username: "", email: "", title: "Kids" });
    expect((await run(["whoami"])).stdout).toBe("Kids\n");
    user({ id: 5, uuid: "bare-uuid", username: null });
    expect((await run(["whoami"])).stdout).toBe("(no username)\n");
    user({ id: 5, uuid: "bare-uuid", title: 12 });
    expect(JSON.parse((await run(["whoami", "--json"])).stdout)).toEqual({
      status: "valid",
      username: null,
      title: "12",
      email: null,
    });
    cli.server.fault("GET /api/v2/resources", {
      kind: "status",
      status: 200,
      body: JSON.stringify([{ provides: "server", name: null, productVersion: 5, connections: null }]),
    });
    const servers = await run(["servers"]);
    expect(servers.code).toBe(0);
    expect(servers.stdout.split("\n")[1]).toBe("(no name)  no     5        (none)");
    user({ id: 5, uuid: "bare-uuid" });
    const login = await run(["login"]);
    expect(login.stdout).toMatch(/^Signed in\. Token saved to /m);
    for (const result of [servers, login]) expect(result.stdout).not.toMatch(/null|undefined|\[object/);
  });

  it("logout signs out at plex.tv and deletes the token", async () => {
    await run(["login"]);
    const { token, clientIdentifier } = await cli.stored();
    const result = await run(["logout"]);
    expect([result.code, result.stdout.trim()]).toEqual([0, "Signed out."]);
    expect(cli.server.requests.at(-1)!.route).toBe("DELETE /api/v2/users/signout");
    expect(await cli.stored()).toEqual({ clientIdentifier });
    const check = await fetch(`${cli.server.url}/api/v2/user`, {
      headers: { Accept: "application/json", "X-Plex-Client-Identifier": "x", "X-Plex-Token": token },
    });
    expect(check.status).toBe(401);
  });
});
