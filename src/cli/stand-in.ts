// `plex-tv-auth stand-in`: the package's plex.tv stand-in (its auth page included) and a media-server stand-in as
// one program on 127.0.0.1, so apps in any language can test against them. It prints where they are and the test
// credentials it made for them (nothing else: it knows no other), and runs until SIGINT or SIGTERM.

import { randomBytes } from "node:crypto";
import { getUser } from "../plex-tv/account";
import { createPlexTvClient } from "../plex-tv/client";
import {
  accountKinds,
  startFakeMediaServer,
  startFakePlexTv,
  type AccountKind,
  type FakeMediaServer,
} from "../testing";
import { ownsLogin } from "../testing/accounts";
import { CliError, usageError } from "./commands";
import type { Terminal } from "./terminal";

export interface StandInOptions {
  /** plex.tv's port; 0 for any free one. The media server always takes a free one. */
  port: number;
  account: AccountKind;
  approveAfterMs: number | undefined;
  home: boolean;
  json: boolean;
}

/** A real Plex Media Server's machine identifier is 40 hex digits; a fixed one lets tests name it. */
const MACHINE_IDENTIFIER = "5ca1ab1e0000000000000000000000000000c1a1";
// setTimeout's longest delay: a longer one would fire at once.
const MAX_DELAY_MS = 2 ** 31 - 1;

/** The options as parseArgs read them, checked: a bad one is wrong usage (64), named. */
export function standInOptions(values: Record<string, unknown>): StandInOptions {
  const port = values.port === undefined ? 0 : wholeNumber(values.port as string, 65_535);
  if (port === undefined) throw usageError("--port must be a port number from 0 (any free one) to 65535");
  const account = (values.account as string | undefined) ?? "free";
  if (!(accountKinds as readonly string[]).includes(account)) {
    throw usageError(`--account must be one of ${accountKinds.join(", ")}`);
  }
  let approveAfterMs: number | undefined;
  if (values["approve-after-ms"] !== undefined) {
    approveAfterMs = wholeNumber(values["approve-after-ms"] as string, MAX_DELAY_MS);
    if (approveAfterMs === undefined) {
      throw usageError(`--approve-after-ms must be a whole number of milliseconds from 0 to ${MAX_DELAY_MS}`);
    }
  }
  return {
    port,
    account: account as AccountKind,
    approveAfterMs,
    home: values.home === true,
    json: values.json === true,
  };
}

const wholeNumber = (text: string, max: number) => (/^\d{1,10}$/.test(text) && +text <= max ? +text : undefined);

/** Why a server could not listen, in one line. */
function listenFailure(error: unknown, port: number): CliError {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `127.0.0.1:${port}`;
  if (code === "EADDRINUSE") return new CliError(`${where} is in use: pick another --port (0 takes any free one)`);
  if (code === "EACCES") return new CliError(`may not listen on ${where} (a port below 1024 needs privileges)`);
  return new CliError(`could not listen on ${where}: ${(error as Error).message}`);
}

/** What the program prints: where each server is, and the stand-in's own test credentials. */
export interface Printed {
  plexTv: string;
  authApp: string;
  mediaServer: string;
  machineIdentifier: string;
  /** The default user, whom `token` and approved PINs sign in. */
  account: { kind: AccountKind; username: string; title: string; uuid: string };
  token: string;
  /** A password account of its own, for POST /api/v2/users/signin. */
  login: string;
  password: string;
  /** The media server's token, as plex.tv's resources list it. */
  serverToken: string;
  approveAfterMs: number | null;
  /** With --home: the Home's users, admin first (a Home PIN where one is set). */
  homeUsers: { title: string; uuid: string; pin: string | null }[] | null;
}

function printText(term: Terminal, printed: Printed): void {
  const rows: [string, string][] = [
    ["plex.tv", printed.plexTv],
    ["auth page", printed.authApp],
    ["media server", printed.mediaServer],
    ["account", `${printed.account.username || printed.account.title} (${printed.account.kind})`],
    ["token", printed.token],
    ["login", printed.login],
    ["password", printed.password],
  ];
  if (printed.homeUsers) {
    const users = printed.homeUsers.map(({ title, pin }) => (pin ? `${title} (PIN ${pin})` : title));
    rows.push(["home users", users.join(", ")]);
  }
  for (const [label, value] of rows) term.line(`${`${label}:`.padEnd(14)}${value}`);
}

export async function standInCommand(
  { term, signal }: { term: Terminal; signal: AbortSignal },
  options: StandInOptions,
): Promise<number> {
  const plexTv = await startFakePlexTv({
    port: options.port,
    account: options.account,
    autoApproveAfterMs: options.approveAfterMs,
  }).catch((error: unknown) => {
    throw listenFailure(error, options.port);
  });
  let mediaServer: FakeMediaServer | undefined;
  try {
    const serverToken = `standin-server-${randomBytes(12).toString("base64url")}`;
    // Unclaimed, so a claim script can claim it; plex.tv redeems the claim tokens it issued.
    mediaServer = await startFakeMediaServer({
      accessToken: serverToken,
      machineIdentifier: MACHINE_IDENTIFIER,
      claimed: false,
      claim: (claimToken) => plexTv.redeemClaimToken(claimToken),
    });
    const { port } = new URL(mediaServer.uri);
    plexTv.setResources([
      {
        name: "Stand-in Media Server",
        clientIdentifier: MACHINE_IDENTIFIER,
        provides: "server",
        owned: true,
        accessToken: serverToken,
        publicAddress: "127.0.0.1",
        connections: [
          {
            protocol: "http",
            address: "127.0.0.1",
            port: +port,
            uri: mediaServer.uri,
            local: true,
            relay: false,
            IPv6: false,
          },
        ],
      },
    ]);
    const token = plexTv.issueToken();
    // Who the default user is, asked as any client would.
    const plex = createPlexTvClient({
      clientIdentifier: "plex-tv-auth-stand-in",
      product: "plex-tv-auth stand-in",
      baseUrl: plexTv.url,
    });
    const user = await getUser(plex, { token });
    const members = options.home ? plexTv.setUpHome() : [];
    // Managed users and the guest see only the servers shared with them: each of them gets the media server.
    if (options.account && !ownsLogin(options.account)) {
      plexTv.shareServer(MACHINE_IDENTIFIER, { uuid: user.uuid });
    }
    for (const member of members) if (member.managed) plexTv.shareServer(MACHINE_IDENTIFIER, member.user);
    const login = "password-user";
    const password = `standin-${randomBytes(9).toString("base64url")}`;
    plexTv.addPasswordAccount({
      username: login,
      password,
      account: options.account === "plex-pass" ? "plex-pass" : "free",
    });

    const printed: Printed = {
      plexTv: plexTv.url,
      authApp: plexTv.authAppUrl,
      mediaServer: mediaServer.uri,
      machineIdentifier: MACHINE_IDENTIFIER,
      account: { kind: options.account, username: user.username ?? "", title: user.title ?? "", uuid: user.uuid },
      token,
      login,
      password,
      serverToken,
      approveAfterMs: options.approveAfterMs ?? null,
      homeUsers: options.home
        ? members.map(({ user, pin }) => ({ title: user.title ?? "", uuid: user.uuid, pin: pin ?? null }))
        : null,
    };
    if (options.json) term.line(JSON.stringify(printed));
    else printText(term, printed);
    term.note(
      [
        "These are test credentials of this stand-in, valid nowhere else. The media server is unclaimed: claim it with a",
        "claim token from plex.tv's GET /api/claim/token.json.",
        options.approveAfterMs === undefined
          ? "A PIN waits for approval: open the auth page with its code (auth#?code=CODE), or POST /__standin/approve with code=CODE."
          : `A PIN is approved ${options.approveAfterMs} ms after it is made.`,
        "Stop it with Ctrl-C or SIGTERM.",
      ].join("\n"),
    );
    // A signal is how it ends, not a failure: the servers close, and the exit is 0.
    await new Promise<void>((resolve) =>
      signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve(), { once: true }),
    );
  } finally {
    await Promise.all([plexTv.close(), mediaServer?.close()]);
  }
  term.note("Stopped: both servers closed.");
  return 0;
}
