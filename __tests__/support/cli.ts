// The one way the tests run the built command line: a child process with its own config directory, pointed at a
// plex.tv stand-in started before each test.

import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FakePlexTv, FakePlexTvOptions } from "../../src/testing";
import { fromRoot } from "./paths";
import { standIn } from "./stand-in";

export const cliPath = fromRoot("dist/cli.mjs");

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface StartOptions {
  env?: Record<string, string>;
  command?: string;
  stdin?: string;
  /** A stdin pipe left open, for the test to write to. */
  openStdin?: boolean;
}

export interface Started {
  child: ReturnType<typeof spawn>;
  output: { stdout: string; stderr: string };
  done: Promise<Run>;
  /** Resolves once stdout or stderr holds `text`; rejects if the process ends first. */
  until(text: string): Promise<void>;
}

/** `value` as one word for sh. */
const shellWord = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

export interface Cli {
  readonly server: FakePlexTv;
  /** The XDG_CONFIG_HOME of this test's runs. */
  readonly config: string;
  /** The config file the command line keeps. */
  file(): string;
  /** What the config file holds now. */
  stored(): Promise<Record<string, any>>;
  /** Writes a sign-in to the config file, as `login` would have. */
  signIn(token: string, clientIdentifier?: string): Promise<void>;
  /** Starts `plex-tv-auth ARGS` (or `command ARGS`), writing `stdin` to it (or leaving it open, with openStdin). */
  start(args: string[], options?: StartOptions): Started;
  /**
   * Starts `plex-tv-auth ARGS` on a pseudo-terminal (`script`), `columns` wide when given: what it writes (stdout
   * and stderr) arrives on `output.stdout`, and keys written to `child.stdin` arrive as typed.
   */
  onTty(args: string[], options?: { env?: Record<string, string>; columns?: number }): Started;
  /** Closes this test's stand-in and starts another with `options`. */
  replaceServer(options?: FakePlexTvOptions): Promise<void>;
  /** Runs it to the end. */
  run(args: string[], options?: StartOptions): Promise<Run>;
}

/**
 * Starts `command ARGS` with `env` (and this PATH, nothing else), its stdout and stderr gathered as they arrive
 * (decoded as streams: a character split between two chunks, a QR code's █, stays whole).
 */
export function spawnCaptured(
  command: string,
  args: string[],
  { env = {}, stdin = "ignore" }: { env?: Record<string, string>; stdin?: "ignore" | "pipe" } = {},
): Started {
  const child = spawn(command, args, { env: { PATH: process.env.PATH, ...env }, stdio: [stdin, "pipe", "pipe"] });
  const output = { stdout: "", stderr: "" };
  const waiting = new Set<() => void>();
  const arrived = () => waiting.forEach((check) => check());
  child.stdout!.setEncoding("utf8");
  child.stderr!.setEncoding("utf8");
  child.stdout!.on("data", (chunk) => ((output.stdout += chunk), arrived()));
  child.stderr!.on("data", (chunk) => ((output.stderr += chunk), arrived()));
  const done = new Promise<Run>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, ...output })));
  const until = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!output.stdout.includes(text) && !output.stderr.includes(text)) return;
        waiting.delete(check);
        resolve();
      };
      waiting.add(check);
      check();
      void done.then(() => reject(new Error(`ended before ${JSON.stringify(text)}: ${JSON.stringify(output)}`)));
    });
  return { child, output, done, until };
}

/** A stand-in (with `options`) and a fresh config directory before each test, both gone after it. */
export function useCli(options?: FakePlexTvOptions): Cli {
  const state = {} as { server: FakePlexTv; config: string };
  beforeEach(async () => {
    state.server = await standIn(options);
    state.config = await mkdtemp(join(tmpdir(), "plex-tv-auth-cli-"));
  });
  afterEach(async () => {
    await state.server.close();
    await rm(state.config, { recursive: true, force: true });
  });
  const file = () => join(state.config, "plex-tv-auth", "config.json");
  const cli: Cli = {
    get server() {
      return state.server;
    },
    get config() {
      return state.config;
    },
    file,
    stored: async () => JSON.parse(await readFile(file(), "utf8")),
    async signIn(token, clientIdentifier = "cli-test-client") {
      await mkdir(join(state.config, "plex-tv-auth"), { recursive: true });
      await writeFile(file(), JSON.stringify({ clientIdentifier, token, baseUrl: state.server.url }), { mode: 0o600 });
    },
    start(args, { env = {}, command, stdin, openStdin = false } = {}) {
      const started = spawnCaptured(command ?? process.execPath, command ? args : [cliPath, ...args], {
        env: { XDG_CONFIG_HOME: state.config, PLEX_TV_AUTH_BASE_URL: state.server.url, ...env },
        stdin: stdin === undefined && !openStdin ? "ignore" : "pipe",
      });
      if (stdin !== undefined) started.child.stdin!.end(stdin);
      return started;
    },
    onTty(args, { env, columns } = {}) {
      const run = [process.execPath, cliPath, ...args].map(shellWord).join(" ");
      const line = columns === undefined ? `exec ${run}` : `stty cols ${columns} && exec ${run}`;
      return cli.start(["-q", "-e", "-c", line, "/dev/null"], { command: "script", env, openStdin: true });
    },
    run: (args, runOptions) => cli.start(args, runOptions).done,
    async replaceServer(replacement) {
      await state.server.close();
      state.server = await standIn(replacement);
    },
  };
  return cli;
}

/** The token appears in neither output. */
export function expectNoTokenIn(result: Run, token: string): void {
  expect(result.stdout).not.toContain(token);
  expect(result.stderr).not.toContain(token);
}
