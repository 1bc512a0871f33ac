// plex-tv-auth: sign in with Plex from a terminal.

import { parseArgs, type ParseArgsConfig } from "node:util";
import {
  claimCommand,
  CliError,
  loginCommand,
  logoutCommand,
  passwordLoginCommand,
  serversCommand,
  switchCommand,
  whoamiCommand,
  type CommandContext,
} from "./commands";
import { DEFAULT_BASE_URL } from "../transport/base-url";
import { PlexTvError } from "../transport/errors";
import { configFile, configStore } from "./config";
import { printable, terminal } from "./terminal";

declare const PACKAGE_VERSION: string;

type Options = NonNullable<ParseArgsConfig["options"]>;

const shared: Options = {
  "base-url": { type: "string" },
  help: { type: "boolean", short: "h" },
};
const sharedHelp = `  --base-url URL     plex.tv's address (default https://plex.tv; env PLEX_TV_AUTH_BASE_URL)
  -h, --help         this help`;

const exitCodes = `Exit codes:
  0    done
  1    failed (the message says why), or whoami: the token is invalid and was removed
  2    whoami/logout: plex.tv could not be asked; the token was kept
  64   wrong usage (an unknown command or option, a missing value, an extra argument)
  130  cancelled (Ctrl-C or SIGTERM)`;

interface Command {
  summary: string;
  usage: string;
  options: Options;
  optionsHelp: string;
  /** How many positional arguments it takes (default none). */
  positionals?: number;
  run(context: CommandContext, values: Record<string, unknown>, positionals: string[]): Promise<number>;
}

const commands: Record<string, Command> = {
  login: {
    summary:
      "Sign in with Plex: shows a link (or a code for plex.tv/link) and a QR code, waits for approval, then stores the token",
    usage: "plex-tv-auth login [--link | --password] [--product NAME] [--json] [--base-url URL]",
    options: {
      link: { type: "boolean" },
      password: { type: "boolean" },
      product: { type: "string" },
      json: { type: "boolean" },
    },
    optionsHelp: `  --link             a 4-character code to enter at https://plex.tv/link instead of a link
  --password         ask for username, password (not echoed) and 2FA code instead (the link is preferred:
                     with it your password never passes through this program)
  --product NAME     the app name plex.tv shows the user (default "plex-tv-auth CLI")
  --json             JSON lines on stdout`,
    run: (context, values) => {
      if (values.link && values.password) throw usageError("--link and --password do not go together");
      return values.password ? passwordLoginCommand(context) : loginCommand(context, { link: values.link === true });
    },
  },
  switch: {
    summary: "Lists the users of your Plex Home; switch NAME switches the stored sign-in to that user",
    usage: "plex-tv-auth switch [NAME [--pin]] [--json] [--base-url URL]",
    options: { pin: { type: "boolean" }, json: { type: "boolean" } },
    optionsHelp: `  NAME               a Home user's name (or username, or uuid)
  --pin              ask for that user's Home PIN (not echoed)
  --json             the list as a JSON array on stdout`,
    positionals: 1,
    run: (context, values, [name]) => switchCommand(context, { name, askPin: values.pin === true }),
  },
  claim: {
    summary: "Prints a claim token for a new Plex Media Server: docker run -e PLEX_CLAIM=$(plex-tv-auth claim) …",
    usage: "plex-tv-auth claim [--base-url URL]",
    options: {},
    optionsHelp: "",
    run: (context) => claimCommand(context),
  },
  whoami: {
    summary: "Checks the stored token and prints who it belongs to",
    usage: "plex-tv-auth whoami [--json] [--base-url URL]",
    options: { json: { type: "boolean" } },
    optionsHelp: `  --json             {"status": "valid" | "invalid" | "unknown", …} on stdout`,
    run: (context) => whoamiCommand(context),
  },
  servers: {
    summary: "Lists your servers, each with its first connection in rank (local, remote, relay; https first)",
    usage: "plex-tv-auth servers [--probe] [--json] [--base-url URL]",
    options: { probe: { type: "boolean" }, json: { type: "boolean" } },
    optionsHelp: `  --probe            also try every connection and show the first that answers
  --json             a JSON array on stdout (server tokens are never shown)`,
    run: (context, values) => serversCommand(context, { probe: values.probe === true }),
  },
  logout: {
    summary: "Signs out at plex.tv and deletes the stored token",
    usage: "plex-tv-auth logout [--base-url URL]",
    options: {},
    optionsHelp: "",
    run: (context) => logoutCommand(context),
  },
};

const commandHelp = (command: Command) =>
  `Usage: ${command.usage}\n\n${command.summary}.\n\nOptions:\n${[command.optionsHelp, sharedHelp].filter(Boolean).join("\n")}\n\n${exitCodes}\n\nConfig: ${configFile()} (mode 0600) holds the client identifier and the token.`;

const help = () => `Usage: plex-tv-auth <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(9)}${command.summary}`)
  .join("\n")}
  help       plex-tv-auth help COMMAND shows a command's options (so does COMMAND --help)

Options:
${sharedHelp}
  -v, --version      the version

${exitCodes}

Config: ${configFile()} (mode 0600) holds the client identifier and the token.`;

const usageError = (problem: string) => new CliError(`${problem} (see --help)`, 64);

/** parseArgs's errors, as one line naming the problem, exit 64. */
function parse(args: string[], options: Options) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.split("\n")[0]!.replace(/\. To specify a positional argument.*$/, "");
    throw usageError(message.replace(/^Unknown option/, "unknown option").replace(/^Option/, "option"));
  }
}

async function main(argv: string[]): Promise<number> {
  const term = terminal();
  const [first, ...rest] = argv;
  if (first === "-v" || first === "--version") return (term.line(PACKAGE_VERSION), 0);
  if (first === undefined || first === "-h" || first === "--help") return (term.line(help()), first ? 0 : 64);
  if (first === "help") {
    const [topic, extra] = rest;
    if (extra !== undefined) throw usageError(`unexpected argument: ${extra}`);
    if (topic === undefined) return (term.line(help()), 0);
    const command = commands[topic];
    if (!command) throw usageError(`unknown command: ${topic}`);
    return (term.line(commandHelp(command)), 0);
  }
  const command = commands[first];
  if (!command)
    throw usageError(first.startsWith("-") ? `a command comes first, not ${first}` : `unknown command: ${first}`);
  const { values, positionals } = parse(rest, { ...command.options, ...shared });
  if (values.help) return (term.line(commandHelp(command)), 0);
  if (positionals.length > (command.positionals ?? 0)) {
    throw usageError(`unexpected argument: ${positionals[command.positionals ?? 0]}`);
  }

  // Ctrl-C and SIGTERM (a service manager, a container stopping) end the same way: cleanly, storing nothing.
  const controller = new AbortController();
  const onSignal = () => controller.abort(new CliError("cancelled", 130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const baseUrl = (values["base-url"] as string | undefined) ?? process.env.PLEX_TV_AUTH_BASE_URL;
  const context: CommandContext = {
    store: configStore(),
    term,
    product: (values.product as string | undefined) ?? "plex-tv-auth CLI",
    json: values.json === true,
    signal: controller.signal,
    ...(baseUrl ? { baseUrl } : {}),
  };
  try {
    return await command.run(context, values, positionals);
  } catch (error) {
    // A failure talking to plex.tv names which plex.tv, and the config file in play.
    if (error instanceof PlexTvError) {
      throw new CliError(`${error.message} (plex.tv at ${baseUrl ?? DEFAULT_BASE_URL}; config ${configFile()})`, 1);
    }
    throw error;
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
