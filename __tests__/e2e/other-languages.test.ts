// Clients in other languages against the stand-in program (`plex-tv-auth stand-in`, built), each started as a
// process of its own, as such an app's CI would run them: a shell script with curl that claims a new server the way
// the widely used claim scripts do, and a Python script (standard library only) that signs in with a PIN and reads
// plex.tv's XML. Their output carries token lengths, never tokens.

import { spawn, spawnSync } from "node:child_process";
import { describeIf } from "../support/optional";
import { fromRoot } from "../support/paths";
import { startStandIn, type Printed } from "../support/stand-in-program";

const script = (name: string) => fromRoot("__tests__/e2e/other-languages", name);
const installed = (command: string) => !spawnSync(command, ["--version"], { stdio: "ignore" }).error;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a client to its end; `onStderr` sees its stderr as it comes. */
function client(command: string, args: string[], env: Record<string, string>, onStderr?: (text: string) => void) {
  const child = spawn(command, args, { env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const output = { stdout: "", stderr: "" };
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output.stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    output.stderr += chunk;
    onStderr?.(output.stderr);
  });
  // A client that hangs is killed with the test, not left behind.
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  return new Promise<Run>((resolve) =>
    child.on("close", (code) => (clearTimeout(timer), resolve({ code, ...output }))),
  );
}

/** No credential of the stand-in's in what a client printed. */
function expectNoSecretsIn(run: Run, printed: Printed): void {
  for (const secret of [printed.token, printed.password, printed.serverToken, "standin-", "claim-"]) {
    expect(run.stdout).not.toContain(secret);
    expect(run.stderr).not.toContain(secret);
  }
}

describeIf(installed("curl"), "the curl claim script needs curl on PATH (apt-get install curl)")(
  "a shell script with curl",
  () => {
    it("signs in with a form body carrying the client identifier, fetches a claim token and claims the server", async () => {
      const { printed, stop } = await startStandIn();
      const env = {
        PLEX_TV: printed.plexTv,
        SERVER: printed.mediaServer,
        LOGIN: printed.login,
        PASSWORD: printed.password,
      };
      const run = await client("sh", [script("claim.sh")], env);
      expect([run.code, run.stderr]).toEqual([0, ""]);
      expect(JSON.parse(run.stdout)).toEqual({
        claimedBy: printed.login,
        claimed: true,
        token: expect.any(Number),
      });
      expect(JSON.parse(run.stdout).token).toBeGreaterThan(20);
      expectNoSecretsIn(run, printed);
      // The server says so to anyone who asks, and a second claim is refused (a claimed server answers 401).
      const identity = await fetch(`${printed.mediaServer}/identity`, { headers: { Accept: "application/json" } });
      expect((await identity.json()).MediaContainer.claimed).toBe(true);
      const again = await client("sh", [script("claim.sh")], env);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/error: 401\b[^]*claim\.sh: the server refused the claim\n$/);
      expect(again.stdout).toBe("");
      await stop();
    });

    it("stops at a wrong password, with curl's one line and its exit code", async () => {
      const { printed, stop } = await startStandIn();
      const run = await client("sh", [script("claim.sh")], {
        PLEX_TV: printed.plexTv,
        SERVER: printed.mediaServer,
        LOGIN: printed.login,
        PASSWORD: "not-the-password",
      });
      expect([run.code, run.stdout]).toEqual([22, ""]); // curl -f's exit for an HTTP error (401)
      expect(run.stderr).toMatch(/error: 401/);
      expect(run.stderr).not.toContain("not-the-password");
      await stop();
    });
  },
);

describeIf(installed("python3"), "the Python client needs python3 on PATH")(
  "a Python script with urllib only, reading plex.tv's XML",
  () => {
    const expected = (printed: Printed) => ({
      username: printed.account.username,
      token: expect.any(Number),
      server: "Stand-in Media Server",
      machineIdentifier: printed.machineIdentifier,
      claimed: false,
    });

    it("signs in with a PIN that the test approves over HTTP with the code it printed", async () => {
      const { printed, stop } = await startStandIn();
      let approving: Promise<Response> | undefined;
      const run = await client("python3", [script("pin_sign_in.py"), printed.plexTv, printed.authApp], {}, (stderr) => {
        // The auth page's link, as the user would open it; the test approves as its Approve button does.
        const code = /^Open \S+#\?\S*\bcode=(\w+)/m.exec(stderr)?.[1];
        if (code && !approving) {
          approving = fetch(`${printed.plexTv}/__standin/approve`, {
            method: "POST",
            body: new URLSearchParams({ code }),
          });
        }
      });
      expect((await approving)?.status).toBe(204);
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(new RegExp(`^Open ${printed.authApp}#\\?clientID=python-urllib-test&code=\\w+&`));
      const answer = JSON.parse(run.stdout);
      expect(answer).toEqual(expected(printed));
      expect(answer.token).toBe(printed.token.length);
      expectNoSecretsIn(run, printed);
      await stop();
    });

    it("signs in with a PIN the program approves by itself (--approve-after-ms)", async () => {
      const { printed, stop } = await startStandIn(["--approve-after-ms", "150", "--account", "plex-pass"]);
      const run = await client("python3", [script("pin_sign_in.py"), printed.plexTv], {});
      expect(run.code).toBe(0);
      // Without an auth app given, it sends the user to Plex's own.
      expect(run.stderr).toMatch(/^Open https:\/\/app\.plex\.tv\/auth#\?/);
      expect(JSON.parse(run.stdout)).toEqual(expected(printed));
      expectNoSecretsIn(run, printed);
      await stop();
    });

    it("fails with one line when plex.tv does not answer", async () => {
      const { printed, stop } = await startStandIn();
      await stop();
      const run = await client("python3", [script("pin_sign_in.py"), printed.plexTv], {});
      expect([run.code, run.stdout]).toEqual([1, ""]);
      expect(run.stderr).toMatch(/^pin_sign_in\.py: POST \/api\/v2\/pins: <urlopen error .*refused>\n$/);
    });
  },
);
