// plex-tv-auth: sign in with Plex from a terminal.

import { parseArgs } from "node:util";
import { CliError, loginCommand, logoutCommand, serversCommand, whoamiCommand, type CommandContext } from "./commands";
import { configStore } from "./config";
import { printable, terminal } from "./terminal";

declare const PACKAGE_VERSION: string;

const help = `Usage: plex-tv-auth <command> [options]

Commands:
  login      Sign in with Plex: shows a link (or a code for plex.tv/link) and a QR code, waits for approval,
             then stores the token in your config directory
  whoami     Checks the stored token (exit 0 valid, 1 invalid and removed, 2 unknown and kept)
  servers    Lists your servers with their best connection
  logout     Signs out at plex.tv and deletes the stored token

Options:
  --link             login with a 4-character code at https://plex.tv/link instead of a link
  --product NAME     the app name plex.tv shows (default "plex-tv-auth CLI")
  --json             machine-readable output (JSON lines for login)
  --probe            servers: find the best connection by trying them all
  --base-url URL     plex.tv's address (default https://plex.tv; env PLEX_TV_AUTH_BASE_URL)
  -h, --help         this help
  -v, --version      the version

Files: $XDG_CONFIG_HOME/plex-tv-auth/config.json (mode 0600) holds the client identifier and the token.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      link: { type: "boolean", default: false },
      product: { type: "string", default: "plex-tv-auth CLI" },
      json: { type: "boolean", default: false },
      probe: { type: "boolean", default: false },
      "base-url": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
      version: { type: "boolean", short: "v", default: false },
    },
  });
  const term = terminal();
  if (values.version) return (term.line(PACKAGE_VERSION), 0);
  const [command, ...extra] = positionals;
  if (values.help || !command) return (term.line(help), command || values.help ? 0 : 64);
  if (extra.length) throw new CliError(`unexpected argument: ${extra[0]}`, 64);

  const controller = new AbortController();
  const onSigint = () => controller.abort(new CliError("cancelled", 130));
  process.once("SIGINT", onSigint);
  const baseUrl = values["base-url"] ?? process.env.PLEX_TV_AUTH_BASE_URL;
  const context: CommandContext = {
    store: configStore(),
    term,
    product: values.product,
    json: values.json,
    signal: controller.signal,
    ...(baseUrl ? { baseUrl } : {}),
  };
  try {
    switch (command) {
      case "login":
        return await loginCommand(context, { link: values.link });
      case "whoami":
        return await whoamiCommand(context);
      case "servers":
        return await serversCommand(context, { probe: values.probe });
      case "logout":
        return await logoutCommand(context);
      default:
        throw new CliError(`unknown command: ${command} (see --help)`, 64);
    }
  } finally {
    process.off("SIGINT", onSigint);
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
