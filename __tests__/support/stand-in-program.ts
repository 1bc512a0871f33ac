// `plex-tv-auth stand-in` (the built dist/cli.mjs) as a child process, as an app in another language starts it: on a
// free port, its URLs and test credentials read from the JSON line it prints.

import type { ChildProcess } from "node:child_process";
import type { Printed } from "../../src/cli/stand-in";
import { cliPath, spawnCaptured, type Run } from "./cli";

/** What `plex-tv-auth stand-in --json` prints. */
export type { Printed };

export interface StandInProgram {
  child: ChildProcess;
  output: { stdout: string; stderr: string };
  /** Resolves once it has printed a first line on stdout (its JSON with --json); rejects if it ends first. */
  firstLine: Promise<string>;
  ended: Promise<Run>;
  /** Resolves once stdout or stderr holds `text`; rejects if it ends first. */
  until(text: string): Promise<void>;
  /** Sends `signal` (SIGTERM by default) and waits for the end. */
  stop(signal?: NodeJS.Signals): Promise<Run>;
}

const running = new Set<StandInProgram>();

/** Starts `plex-tv-auth stand-in ARGS`; whatever is left running is killed after each test. */
export function runStandIn(args: string[]): StandInProgram {
  const { child, output, done: ended, until } = spawnCaptured(process.execPath, [cliPath, "stand-in", ...args]);
  const firstLine = new Promise<string>((resolve, reject) => {
    const check = () => {
      const end = output.stdout.indexOf("\n");
      if (end >= 0) resolve(output.stdout.slice(0, end));
    };
    child.stdout!.on("data", check);
    void ended.then((end) => reject(new Error(`stand-in ended before printing: ${JSON.stringify(end)}`)));
  });
  // A run that is meant to fail (wrong usage) never prints: that is no unhandled rejection.
  firstLine.catch(() => undefined);
  const program: StandInProgram = {
    child,
    output,
    firstLine,
    ended,
    until,
    stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return ended;
    },
  };
  running.add(program);
  void ended.then(() => running.delete(program));
  return program;
}

/** Starts it with --json and waits for what it prints. */
export async function startStandIn(args: string[] = []): Promise<StandInProgram & { printed: Printed }> {
  const program = runStandIn(["--json", ...args]);
  return { ...program, printed: JSON.parse(await program.firstLine) as Printed };
}

afterEach(async () => {
  await Promise.all([...running].map((program) => program.stop("SIGKILL")));
});

/** A request as a client in another process sends it, with the headers plex.tv needs. */
export async function plexTvJson(
  printed: Printed,
  path: string,
  { token, method = "GET" }: { token?: string; method?: string } = {},
): Promise<{ status: number; body: any }> {
  const response = await fetch(new URL(path, printed.plexTv), {
    method,
    headers: {
      Accept: "application/json",
      "X-Plex-Client-Identifier": "stand-in-program-test",
      "X-Plex-Product": "stand-in program test",
      ...(token ? { "X-Plex-Token": token } : {}),
    },
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
