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
  /** Starts `plex-tv-auth ARGS` (or `command ARGS`), writing `stdin` to it. */
  start(
    args: string[],
    options?: { env?: Record<string, string>; command?: string; stdin?: string },
  ): { child: ReturnType<typeof spawn>; output: { stdout: string; stderr: string }; done: Promise<Run> };
  /** Closes this test's stand-in and starts another with `options`. */
  replaceServer(options?: FakePlexTvOptions): Promise<void>;
  /** Runs it to the end. */
  run(args: string[], options?: { env?: Record<string, string>; command?: string; stdin?: string }): Promise<Run>;
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
    start(args, { env = {}, command, stdin } = {}) {
      const child = spawn(command ?? process.execPath, command ? args : [cliPath, ...args], {
        env: {
          PATH: process.env.PATH,
          XDG_CONFIG_HOME: state.config,
          PLEX_TV_AUTH_BASE_URL: state.server.url,
          ...env,
        },
        stdio: [stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      });
      const output = { stdout: "", stderr: "" };
      child.stdout!.on("data", (chunk) => (output.stdout += chunk));
      child.stderr!.on("data", (chunk) => (output.stderr += chunk));
      if (stdin !== undefined) child.stdin!.end(stdin);
      const done = new Promise<Run>((resolve) =>
        child.on("close", (code, signal) => resolve({ code, signal, ...output })),
      );
      return { child, output, done };
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
