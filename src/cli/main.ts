// plex-tv-auth: sign in with Plex from a terminal.

import { parseArgs, type ParseArgsConfig } from "node:util";
import {
  claimCommand,
  CliError,
  EXIT,
  noAnswerFromPlexTv,
  loginCommand,
  logoutCommand,
  passwordLoginCommand,
  serversCommand,
  switchCommand,
  usageError,
  whoamiCommand,
  type CommandContext,
} from "./commands";
import { checkBaseUrl, DEFAULT_BASE_URL } from "../transport/base-url";
import { checkAuthAppBase } from "../plex-tv/urls";
import { PlexTvError } from "../transport/errors";
import { configFile, configStore } from "./config";
import { closest } from "./suggest";
import { printable, terminal, type Terminal } from "./terminal";

declare const PACKAGE_VERSION: string;

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Options every command takes, after it or before it (`plex-tv-auth --base-url URL whoami`). */
const shared: Options = {
  "base-url": { type: "string" },
  help: { type: "boolean", short: "h" },
};
const beforeCommand: Options = { ...shared, version: { type: "boolean", short: "v" } };
const sharedHelp = `  --base-url URL     plex.tv's address (default https://plex.tv; env PLEX_TV_AUTH_BASE_URL)
  -h, --help         this help`;

const exitCodes = `Exit codes:
  0    done
  1    failed (the message says why), or whoami: the token is invalid and was removed
  2    plex.tv could not be asked (no answer, an error page, a timeout); the stored token was kept
  3    the stored sign-in is for another plex.tv than --base-url: nothing was sent; the token was kept
  64   wrong usage (an unknown command or option, a bad --base-url, a missing value, an extra argument)
  130  cancelled (Ctrl-C at any prompt or while waiting, or SIGTERM)`;

interface CommandBase {
  summary: string;
  usage: string;
  options: Options;
  optionsHelp: string;
  /** How many positional arguments it takes (default none). */
  positionals?: number;
}

/** A command that talks to plex.tv (at --base-url) and keeps its sign-in in the config file. */
interface PlexTvCommand extends CommandBase {
  /** It uses the stored token: when plex.tv gives no answer of its own, that is exit 2, the token kept. */
  usesToken?: boolean;
  run(context: CommandContext, values: Record<string, unknown>, positionals: string[]): Promise<number>;
}

/** A command that talks to no plex.tv and keeps no config: no --base-url, and exit codes of its own. */
interface StandaloneCommand extends CommandBase {
  exitCodes: string;
  serve(context: { term: Terminal; signal: AbortSignal }, values: Record<string, unknown>): Promise<number>;
}

type Command = PlexTvCommand | StandaloneCommand;

const commands: Record<string, Command> = {
  login: {
    summary:
      "Sign in with Plex: shows a link (or a code for plex.tv/link) and a QR code, waits for approval, then stores the token",
    usage: "plex-tv-auth login [--link | --password] [--product NAME] [--auth-app-url URL] [--json] [--base-url URL]",
    options: {
      link: { type: "boolean" },
      password: { type: "boolean" },
      product: { type: "string" },
      "auth-app-url": { type: "string" },
      json: { type: "boolean" },
    },
    optionsHelp: `  --link             a 4-character code to enter at https://plex.tv/link instead of a link
  --password         ask for username, password (not echoed) and 2FA code instead (the link is preferred:
                     with it your password never passes through this program)
  --product NAME     the app name plex.tv shows the user (default "plex-tv-auth CLI")
  --auth-app-url URL where the link leads (default https://app.plex.tv/auth; the stand-in's is
                     http://127.0.0.1:PORT/auth; env PLEX_TV_AUTH_APP_URL)
  --json             JSON lines on stdout`,
    run: (context, values) => {
      if (values.link && values.password) throw usageError("--link and --password do not go together");
      if (values.password) return passwordLoginCommand(context);
      const authAppBaseUrl = authAppUrlOf(values["auth-app-url"] as string | undefined);
      return loginCommand(context, { link: values.link === true, authAppBaseUrl });
    },
  },
  switch: {
    summary:
      "Lists the users of your Plex Home (the current one marked); switch NAME switches the stored sign-in to that user",
    usage: "plex-tv-auth switch [NAME [--pin]] [--json] [--base-url URL]",
    options: { pin: { type: "boolean" }, json: { type: "boolean" } },
    optionsHelp: `  NAME               a Home user's name (or username, or uuid)
  --pin              ask for that user's Home PIN (not echoed)
  --json             the list as a JSON array on stdout`,
    positionals: 1,
    usesToken: true,
    run: (context, values, [name]) => switchCommand(context, { name, askPin: values.pin === true }),
  },
  claim: {
    summary: `Prints a claim token for a new Plex Media Server: docker run -e PLEX_CLAIM="$(plex-tv-auth claim)" …`,
    usage: "plex-tv-auth claim [--base-url URL]",
    options: {},
    optionsHelp: "",
    usesToken: true,
    run: (context) => claimCommand(context),
  },
  whoami: {
    summary: "Checks the stored token and prints who it belongs to",
    usage: "plex-tv-auth whoami [--json] [--base-url URL]",
    options: { json: { type: "boolean" } },
    optionsHelp: `  --json             {"status": "valid" | "invalid" | "unknown", …} on stdout`,
    usesToken: true,
    run: (context) => whoamiCommand(context),
  },
  servers: {
    summary: "Lists your servers, each with its first connection in rank (local, remote, relay; https first)",
    usage: "plex-tv-auth servers [--probe] [--json] [--base-url URL]",
    options: { probe: { type: "boolean" }, json: { type: "boolean" } },
    optionsHelp: `  --probe            also try every connection and show the one kept
  --json             a JSON array on stdout (server tokens are never shown)`,
    usesToken: true,
    run: (context, values) => serversCommand(context, { probe: values.probe === true }),
  },
  logout: {
    summary: "Signs out at plex.tv and deletes the stored token (kept when plex.tv could not be told)",
    usage: "plex-tv-auth logout [--base-url URL]",
    options: {},
    optionsHelp: "",
    usesToken: true,
    run: (context) => logoutCommand(context),
  },
  "stand-in": {
    summary:
      "Runs the plex.tv stand-in (its auth page too) and a media-server stand-in on 127.0.0.1 for apps in any language to test against, and prints their URLs and its test credentials",
    usage:
      "plex-tv-auth stand-in [--port N] [--account free|plex-pass|managed|guest] [--approve-after-ms N] [--home] [--json]",
    options: {
      port: { type: "string" },
      account: { type: "string" },
      "approve-after-ms": { type: "string" },
      home: { type: "boolean" },
      json: { type: "boolean" },
    },
    optionsHelp: `  --port N           plex.tv's port (default 0: any free one; the media server always takes a free one)
  --account KIND     the default user's account: free (default), plex-pass, managed or guest
  --approve-after-ms N
                     approve every PIN N ms after it is made (default: only the auth page or
                     POST /__standin/approve with code=CODE approves)
  --home             the default user is the admin of a Plex Home with "Kids" (PIN 1234) and "Living Room"
  --json             one JSON line on stdout instead of one line per URL and credential`,
    exitCodes: `Exit codes:
  0    stopped by SIGINT (Ctrl-C) or SIGTERM, which is how it ends: both servers closed
  1    could not start (the port is in use, or needs privileges)
  64   wrong usage (an unknown option, a bad --port, --account or --approve-after-ms)`,
    // Loaded only when run: the other commands' start pays nothing for the stand-ins.
    serve: async (context, values) => {
      const { standInCommand, standInOptions } = await import("./stand-in");
      return standInCommand(context, standInOptions(values));
    },
  },
};

const commandHelp = (command: Command) =>
  "serve" in command
    ? `Usage: ${command.usage}\n\n${command.summary}.\n\nOptions:\n${command.optionsHelp}\n  -h, --help         this help\n\n${command.exitCodes}`
    : `Usage: ${command.usage}\n\n${command.summary}.\n\nOptions:\n${[command.optionsHelp, sharedHelp].filter(Boolean).join("\n")}\n\n${exitCodes}\n\nConfig: ${configFile()} (mode 0600) holds the client identifier and the token.`;

const help = () => `Usage: plex-tv-auth [--base-url URL] <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(10)}${command.summary}`)
  .join("\n")}
  help      plex-tv-auth help COMMAND shows a command's options (so does COMMAND --help)

Options:
${sharedHelp}
  -v, --version      the version

${exitCodes}
(stand-in has exit codes of its own: plex-tv-auth help stand-in)

Config: ${configFile()} (mode 0600) holds the client identifier and the token.`;

/** parseArgs's errors, as one line naming the problem, exit 64. */
function parse(args: string[], options: Options) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message
      .split("\n")[0]!
      .replace(/\. To specify a positional argument.*$/, "")
      .replace(/\.$/, "");
    throw usageError(message.replace(/^Unknown option/, "unknown option").replace(/^Option/, "option"));
  }
}

const commandNamed = (name: string) => (Object.hasOwn(commands, name) ? commands[name] : undefined);

const unknownCommand = (name: string) => {
  const guess = closest(name, [...Object.keys(commands), "help"]);
  return usageError(`unknown command: ${printable(name)}${guess ? `; did you mean ${guess}?` : ""}`);
};

/**
 * Splits the arguments at the command: the options before it (only `beforeCommand`'s), its name, and the rest.
 * An option of some command given before it is named as such.
 */
function splitAtCommand(argv: string[]) {
  const { tokens } = parseArgs({
    args: argv,
    options: beforeCommand,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const at = tokens.find((token) => token.kind === "positional" || token.kind === "option-terminator");
  const index = at === undefined ? argv.length : at.kind === "positional" ? at.index : at.index + 1;
  const before = argv.slice(0, at?.index ?? argv.length);
  for (const token of tokens) {
    if (token.kind !== "option" || token.index >= before.length || token.name in beforeCommand) continue;
    const taker = Object.keys(commands).find((name) => token.name in commands[name]!.options);
    if (taker)
      throw usageError(`${token.rawName} goes after the command, as in plex-tv-auth ${taker} ${token.rawName}`);
  }
  return { before: parse(before, beforeCommand).values, name: argv[index], rest: argv.slice(index + 1) };
}

/**
 * A URL from its option, else from its environment variable, checked: a bad one is wrong usage, named by where it
 * came from. The value is not quoted: a URL with a password in it would put it on the screen.
 */
function urlOption(
  fromOption: string | undefined,
  [option, variable]: [string, string],
  check: (url: string) => string,
  rule: string,
): string | undefined {
  const [value, source] = fromOption !== undefined ? [fromOption, option] : [process.env[variable], variable];
  if (!value) return undefined;
  try {
    return check(value);
  } catch {
    throw usageError(`${source} must be ${rule}`);
  }
}

/** The plex.tv to talk to. */
const baseUrlOf = (fromOption: string | undefined): string =>
  urlOption(
    fromOption,
    ["--base-url", "PLEX_TV_AUTH_BASE_URL"],
    (url) => checkBaseUrl(url, "plex-tv-auth"),
    `plex.tv's address as a bare https URL such as ${DEFAULT_BASE_URL} (http only for loopback; no user, query or fragment)`,
  ) ?? DEFAULT_BASE_URL;

/** Where the auth app is; undefined for plex.tv's own. */
const authAppUrlOf = (fromOption: string | undefined): string | undefined =>
  urlOption(
    fromOption,
    ["--auth-app-url", "PLEX_TV_AUTH_APP_URL"],
    (url) => checkAuthAppBase(url),
    "an http(s) URL with no query or fragment, such as https://app.plex.tv/auth",
  );

async function main(argv: string[]): Promise<number> {
  const term = terminal();
  const { before, name, rest } = splitAtCommand(argv);
  if (name === undefined) {
    if (before.version) return (term.line(PACKAGE_VERSION), 0);
    return (term.line(help()), before.help ? 0 : EXIT.usage);
  }
  if (name === "help") {
    const [topic, extra] = rest;
    if (extra !== undefined) throw usageError(`unexpected argument: ${printable(extra)}`);
    if (topic === undefined) return (term.line(help()), 0);
    const command = commandNamed(topic);
    if (!command) throw unknownCommand(topic);
    return (term.line(commandHelp(command)), 0);
  }
  const command = commandNamed(name);
  if (!command) throw unknownCommand(name);
  if (before.version) throw usageError("--version takes no command");
  const standalone = "serve" in command;
  const { values, positionals } = parse(rest, {
    ...command.options,
    ...(standalone ? { help: shared.help! } : shared),
  });
  if (values.help || before.help) return (term.line(commandHelp(command)), 0);
  if (positionals.length > (command.positionals ?? 0)) {
    throw usageError(`unexpected argument: ${printable(positionals[command.positionals ?? 0])}`);
  }
  if (standalone) {
    if (before["base-url"] !== undefined)
      throw usageError(`--base-url does not go with ${name}: it talks to no plex.tv`);
    return withSignals((signal) => command.serve({ term, signal }, values));
  }
  if (before["base-url"] !== undefined && values["base-url"] !== undefined) {
    throw usageError("--base-url is given twice (before and after the command)");
  }
  const baseUrl = baseUrlOf((values["base-url"] ?? before["base-url"]) as string | undefined);

  return withSignals(async (signal) => {
    const context: CommandContext = {
      store: configStore(),
      term,
      product: (values.product as string | undefined) ?? "plex-tv-auth CLI",
      json: values.json === true,
      signal,
      baseUrl,
    };
    try {
      return await command.run(context, values, positionals);
    } catch (error) {
      // A failure talking to plex.tv names which plex.tv, and the config file in play.
      if (error instanceof PlexTvError && !signal.aborted) {
        const where = `(plex.tv at ${baseUrl}; config ${configFile()})`;
        if (command.usesToken && noAnswerFromPlexTv(error)) {
          throw new CliError(`${error.message}; the token was kept ${where}`, EXIT.noAnswer);
        }
        throw new CliError(`${error.message} ${where}`, 1);
      }
      throw error;
    }
  });
}

/**
 * Runs `task` with a signal that Ctrl-C and SIGTERM (a service manager, a container stopping) abort. A task that
 * fails once aborted was cancelled (130); one that ends by itself decides its own exit.
 */
async function withSignals(task: (signal: AbortSignal) => Promise<number>): Promise<number> {
  const controller = new AbortController();
  const onSignal = () => controller.abort(new CliError("cancelled", EXIT.cancelled));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    return await task(controller.signal);
  } catch (error) {
    throw controller.signal.aborted ? controller.signal.reason : error;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // One line, no stack: every message here is built without a token.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`plex-tv-auth: ${printable(message)}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : 1;
  },
);
