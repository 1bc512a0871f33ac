// The command line's commands, each a thin layer over the library's public helpers.

import { getUser, signOut, type SignedIn, type UserPlexAccount } from "../plex-tv/account";
import { checkBaseUrl, DEFAULT_BASE_URL } from "../transport/base-url";
import { createPlexTvClient, type PlexTvClient } from "../plex-tv/client";
import {
  InvalidTokenError,
  PlexTvError,
  PlexTvNetworkError,
  RateLimitedError,
  UnexpectedResponseError,
} from "../transport/errors";
import { login } from "../flows/login";
import { findReachableConnection } from "../media-server/reachable";
import { getServers, type PlexServer } from "../plex-tv/servers";
import type { FileStore } from "../stores/file-store";
import { randomUuid } from "../stores/client-identifier";
import { configFile } from "./config";
import { getClaimToken } from "../plex-tv/claim-token";
import { HomePinError, InvalidCredentialsError, TwoFactorRequiredError } from "../plex-tv/errors";
import { getHomeUsers, switchHomeUser, type PlexHomeUser } from "../plex-tv/home";
import { signInWithPassword } from "../plex-tv/password-sign-in";
import { forgetSignIn, readSignIn, replaceToken, storeSignIn, type StoredSignIn } from "./sign-in";
import { formatRemaining, printable, prompter, textOf, widthOf, type Terminal } from "./terminal";

export interface CommandContext {
  store: FileStore;
  term: Terminal;
  product: string;
  /** The plex.tv this run talks to, checked and without a trailing slash. */
  baseUrl: string;
  json: boolean;
  signal: AbortSignal;
}

/** A failure to report as one line, with this exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** The exit codes the help documents, beyond 0 (done) and 1 (failed). */
export const EXIT = {
  /** plex.tv could not be asked, or gave no answer of its own; the stored token was kept. */
  noAnswer: 2,
  /** The stored sign-in is for another plex.tv: nothing was sent, the token was kept. */
  otherPlexTv: 3,
  usage: 64,
  cancelled: 130,
} as const;

/** Wrong usage: one line naming the problem, exit 64. */
export const usageError = (problem: string) => new CliError(`${problem} (see --help)`, EXIT.usage);

/**
 * plex.tv did not answer for itself: no answer, a timeout, a 429, a 5xx, or an answer that is not its JSON (a
 * proxy's page, a 4xx without Plex's error body). Says nothing about the token.
 */
export const noAnswerFromPlexTv = (error: unknown) =>
  error instanceof PlexTvNetworkError ||
  error instanceof UnexpectedResponseError ||
  error instanceof RateLimitedError ||
  (error instanceof PlexTvError && (error.status === undefined || error.status >= 500 || error.code === undefined));

/** A client with the stored client identifier, or a new one (stored only with a token: see storeSignIn). */
function client(context: CommandContext, clientIdentifier: string | undefined): PlexTvClient {
  return createPlexTvClient({
    clientIdentifier: clientIdentifier ?? randomUuid(),
    product: context.product,
    platform: "CLI",
    baseUrl: context.baseUrl,
  });
}

/** A base URL as the checked ones are spelled (older config files kept it as typed). */
const canonical = (url: string) => {
  try {
    return checkBaseUrl(url, "plex-tv-auth");
  } catch {
    return url.replace(/\/+$/, "");
  }
};

/** The stored sign-in, with its token, refused unless this run talks to the plex.tv it came from. */
async function signedIn(context: CommandContext): Promise<StoredSignIn & { token: string }> {
  const stored = await readSignIn(context.store);
  const { token } = stored;
  if (!token) throw new CliError(`not signed in (no token in ${configFile()}): run \`plex-tv-auth login\` first`);
  checkTokenOrigin(context, stored);
  return { ...stored, token };
}

function checkTokenOrigin(context: CommandContext, stored: StoredSignIn): void {
  const from = canonical(stored.baseUrl ?? DEFAULT_BASE_URL);
  const to = context.baseUrl;
  if (from !== to) {
    throw new CliError(
      `the stored sign-in is for ${from}, not ${to}: it is not sent there, and was kept. Use --base-url ${from}, or run \`plex-tv-auth login\` for ${to} (${configFile()})`,
      EXIT.otherPlexTv,
    );
  }
}

/** Only plex.tv's own 401 (its JSON error body, code 1001) says a token is dead; a proxy's 401 page does not. */
const isPlex401 = (error: unknown) => error instanceof InvalidTokenError && error.code !== undefined;

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Who an account is, for a line of text: its username, else its title (a managed user has no username). */
const accountName = (user: Pick<UserPlexAccount, "username" | "title">) => textOf(user.username) ?? textOf(user.title);

/** A Home user's name: the title, else the username, else the uuid. */
const homeUserName = (user: PlexHomeUser) =>
  textOf(user.title) ?? textOf(user.username) ?? textOf(user.uuid) ?? "(no name)";

export async function loginCommand(
  context: CommandContext,
  { link, authAppBaseUrl }: { link: boolean; authAppBaseUrl?: string | undefined },
): Promise<number> {
  const { term, store, json, signal } = context;
  const stored = await readSignIn(store);
  // The identifier is reused from earlier runs, and stored only with a token: a cancelled login leaves nothing.
  const plex = client(context, stored.clientIdentifier);
  // Progress and notices go to stderr, so --json's stdout stays clean.
  if (stored.token) {
    term.note(`You are signed in already: signing in again replaces that sign-in (${configFile()}).`);
  }
  term.note(`Asking ${plex.baseUrl} for a sign-in code…`);
  let countdown: { stop(): void } | undefined;
  try {
    const { authToken } = await login(plex, {
      strong: !link,
      authAppBaseUrl,
      signal,
      onVerification: ({ url, code, expiresAt, qr }) => {
        countdown?.stop();
        if (json) return term.line(JSON.stringify({ event: "verification", url, code, qr, expiresAt }));
        if (link) {
          term.line(`Go to ${term.bold("https://plex.tv/link")} and enter the code ${term.bold(code)}`);
        } else {
          term.line(`Open this link to sign in with Plex:\n\n  ${term.bold(url)}\n`);
        }
        // A QR code wider than the terminal wraps into something no camera reads.
        const picture = term.qr(url);
        if (term.columns !== undefined && widthOf(picture) > term.columns) {
          term.line(
            `(No QR code: it needs ${widthOf(picture)} columns, this terminal has ${term.columns}. Widen the terminal${link ? "" : ", or use --link for a short code"}.)\n`,
          );
        } else {
          term.line(picture);
        }
        const expires = Date.parse(expiresAt);
        if (!term.isTTY) term.line(`Waiting for approval (the ${link ? "code" : "link"} expires at ${expiresAt})`);
        countdown = term.countdown(() =>
          term.dim(`Waiting for approval… ${formatRemaining(expires - Date.now())} left`),
        );
      },
      renew: true,
      maxPins: 3,
    });
    countdown?.stop();
    await storeSignIn(store, {
      clientIdentifier: plex.identity.clientIdentifier,
      baseUrl: context.baseUrl,
      token: authToken,
    });
    const user = await getUser(plex, { token: authToken, signal }).catch(() => undefined);
    const name = user && accountName(user);
    if (json) {
      term.line(
        JSON.stringify({
          event: "signedIn",
          username: textOf(user?.username) ?? null,
          clientIdentifier: plex.identity.clientIdentifier,
          configFile: configFile(),
        }),
      );
    } else {
      term.line(`Signed in${name ? ` as ${term.bold(printable(name))}` : ""}. Token saved to ${configFile()}`);
    }
    return 0;
  } finally {
    countdown?.stop();
  }
}

export async function whoamiCommand(context: CommandContext): Promise<number> {
  const { term, store, json, signal } = context;
  const stored = await signedIn(context);
  try {
    const user = await getUser(client(context, stored.clientIdentifier), { token: stored.token, signal });
    const email = textOf(user.email);
    term.line(
      json
        ? JSON.stringify({
            status: "valid",
            username: textOf(user.username) ?? null,
            title: textOf(user.title) ?? null,
            email: email ?? null,
          })
        : printable(`${accountName(user) ?? "(no username)"}${email ? ` <${email}>` : ""}`),
    );
    return 0;
  } catch (error) {
    signal.throwIfAborted();
    if (isPlex401(error)) {
      const removed = await forgetSignIn(store, stored);
      if (json) term.line(JSON.stringify({ status: "invalid" }));
      throw new CliError(
        removed
          ? "the stored token is no longer valid; it was removed. Run `plex-tv-auth login`"
          : "the token checked is no longer valid; the sign-in stored since (by another run) was kept",
        1,
      );
    }
    // Anything else (plex.tv down, a proxy's page, a timeout) says nothing about the token.
    if (json) term.line(JSON.stringify({ status: "unknown" }));
    throw new CliError(`could not check the token (${reasonOf(error)}); it was kept`, EXIT.noAnswer);
  }
}

function serverRow(server: PlexServer, reachable: string | null | undefined) {
  return {
    name: textOf(server.name) ?? null,
    clientIdentifier: textOf(server.clientIdentifier) ?? null,
    owned: server.owned ?? null,
    product: textOf(server.product) ?? null,
    version: textOf(server.productVersion) ?? null,
    /** First in rank (local, remote, relay; https first): not tried. */
    firstConnection: server.connections[0]?.uri ?? null,
    /** With --probe: the first connection that answered, or null when none did. */
    ...(reachable === undefined ? {} : { reachableConnection: reachable }),
    connections: server.connections.map(({ uri, local, relay }) => ({
      uri,
      local: local ?? null,
      relay: relay ?? null,
    })),
  };
}

export async function serversCommand(context: CommandContext, { probe }: { probe: boolean }): Promise<number> {
  const { term, json, signal } = context;
  const { token, clientIdentifier } = await signedIn(context);
  const servers = await getServers(client(context, clientIdentifier), { token, signal });
  // Without --probe a connection is only first in rank; with it, the one the race kept.
  const rows = await Promise.all(
    servers.map(async (server) => {
      const reachable = probe
        ? await findReachableConnection(server, { timeoutMs: 3000, signal }).then(
            (c) => c.uri,
            () => null,
          )
        : undefined;
      return serverRow(server, reachable);
    }),
  );
  if (json) {
    term.line(JSON.stringify(rows, null, 2));
    return 0;
  }
  if (rows.length === 0) {
    term.line("No servers.");
    return 0;
  }
  const table = [
    ["NAME", "OWNED", "VERSION", probe ? "REACHABLE CONNECTION" : "FIRST CONNECTION (untried)"],
    ...rows.map((r) =>
      [
        r.name ?? "(no name)",
        r.owned ? "yes" : "no",
        r.version ?? "",
        (probe ? r.reachableConnection : r.firstConnection) ?? (probe ? "(none answered)" : "(none)"),
      ].map(printable),
    ),
  ];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  for (const [index, row] of table.entries()) {
    const text = row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join("  ")
      .trimEnd();
    term.line(index === 0 ? term.bold(text) : text);
  }
  return 0;
}

/**
 * Signs the token out at plex.tv, then forgets it. When plex.tv could not be told, the token is kept: it still
 * works there, and only from here can it still be signed out.
 */
export async function logoutCommand(context: CommandContext): Promise<number> {
  const { term, store, signal } = context;
  const stored = await readSignIn(store);
  if (!stored.token) {
    term.line("Not signed in.");
    return 0;
  }
  checkTokenOrigin(context, stored);
  try {
    await signOut(client(context, stored.clientIdentifier), { token: stored.token, signal });
  } catch (error) {
    signal.throwIfAborted();
    // 401: the token was already invalid, which is what signing out wants.
    if (!isPlex401(error)) {
      throw new CliError(
        `plex.tv could not be told to sign out (${reasonOf(error)}): the token was kept, as it still works there. Run \`plex-tv-auth logout\` again once plex.tv answers (or delete ${configFile()} to forget it here only)`,
        noAnswerFromPlexTv(error) ? EXIT.noAnswer : 1,
      );
    }
  }
  const forgotten = await forgetSignIn(store, stored);
  term.line(forgotten ? "Signed out." : "Signed out; the sign-in stored meanwhile (by another run) was kept.");
  return 0;
}

/** Prints a claim token, alone on stdout: `docker run -e PLEX_CLAIM="$(plex-tv-auth claim)" …`. */
export async function claimCommand(context: CommandContext): Promise<number> {
  const { token, clientIdentifier } = await signedIn(context);
  const claimToken = await getClaimToken(client(context, clientIdentifier), { token, signal: context.signal });
  context.term.line(claimToken);
  context.term.note("A claim token lives about 4 minutes: start the new server with it now (PLEX_CLAIM).");
  return 0;
}

/** Without a name, lists the Home (marking the stored token's user); with one, switches the stored sign-in to them. */
export async function switchCommand(
  context: CommandContext,
  { name, askPin }: { name: string | undefined; askPin: boolean },
): Promise<number> {
  const { term, store, json, signal } = context;
  const stored = await signedIn(context);
  const { token } = stored;
  const plex = client(context, stored.clientIdentifier);
  if (name === undefined) {
    // Whose token it is, asked beside the Home (no extra wait); unknown when that fails: then no one is marked.
    const [users, me] = await Promise.all([
      getHomeUsers(plex, { token, signal }),
      getUser(plex, { token, signal }).catch(() => undefined),
    ]);
    const isCurrent = (user: PlexHomeUser) =>
      me !== undefined && ((!!me.uuid && user.uuid === me.uuid) || (me.id !== undefined && user.id === me.id));
    if (json) {
      const list = users.map((user) => ({
        uuid: user.uuid,
        title: textOf(user.title) ?? null,
        admin: user.admin ?? null,
        protected: user.protected ?? null,
        current: isCurrent(user),
      }));
      term.line(JSON.stringify(list));
    } else {
      for (const user of users) {
        // A managed user has no login of their own: plex.tv sends null (or "") for its username.
        const managed = user.username === null || user.username === "";
        const marks = [
          isCurrent(user) && "current",
          user.admin && "admin",
          user.protected && "PIN",
          managed && "managed",
        ];
        const shown = marks.filter(Boolean).join(", ");
        term.line(`${printable(homeUserName(user))}${shown ? `  (${shown})` : ""}`);
      }
    }
    return 0;
  }
  const users = await getHomeUsers(plex, { token, signal });
  const wanted = name.toLowerCase();
  const target = users.find((user) =>
    [user.uuid, user.title, user.username].some((value) => textOf(value)?.toLowerCase() === wanted),
  );
  if (!target) throw new CliError(`no one called ${printable(name)} in this Home (plex-tv-auth switch lists them)`);
  const targetName = printable(homeUserName(target));
  let pin: string | undefined;
  if (askPin) {
    const prompts = prompter(signal);
    try {
      pin = (await prompts.ask(`Home PIN for ${targetName}: `, { hidden: true })).trim();
    } finally {
      prompts.close();
    }
  }
  let authToken: string;
  try {
    ({ authToken } = await switchHomeUser(plex, { token, user: target, pin, signal }));
  } catch (error) {
    if (error instanceof HomePinError) {
      throw new CliError(
        pin === undefined
          ? `${targetName} has a Home PIN: add --pin to type it; your sign-in is unchanged`
          : `wrong Home PIN for ${targetName}; your sign-in is unchanged`,
      );
    }
    throw error;
  }
  // Written only if the sign-in is still the one switched from: another run may have signed in elsewhere meanwhile.
  if (!(await replaceToken(store, stored, authToken))) {
    throw new CliError(
      `the stored sign-in changed while switching (another plex-tv-auth run?): it was left as it is, not switched to ${targetName}. Run \`plex-tv-auth switch\` again`,
    );
  }
  term.line(`Switched to ${term.bold(targetName)}. Token saved to ${configFile()}`);
  return 0;
}

/**
 * login --password: asks for the login, the password (not echoed) and, when plex.tv wants it, the 2FA code. The PIN
 * flow is preferred: with it the password never passes through this program.
 */
export async function passwordLoginCommand(context: CommandContext): Promise<number> {
  const { term, store, signal } = context;
  const plex = client(context, (await readSignIn(store)).clientIdentifier);
  const prompts = prompter(signal);
  let result: SignedIn;
  try {
    const login = (await prompts.ask("Plex username or email: ")).trim();
    const password = await prompts.ask("Password: ", { hidden: true });
    try {
      result = await signInWithPassword(plex, { login, password, signal });
    } catch (error) {
      if (!(error instanceof TwoFactorRequiredError)) throw error;
      const verificationCode = (await prompts.ask("Two-factor code: ")).trim();
      result = await signInWithPassword(plex, { login, password, verificationCode, signal });
    }
  } catch (error) {
    if (error instanceof InvalidCredentialsError || error instanceof TwoFactorRequiredError) {
      throw new CliError(`plex.tv refused the sign-in: ${error.plexMessage ?? error.message}`);
    }
    throw error;
  } finally {
    prompts.close();
  }
  await storeSignIn(store, {
    clientIdentifier: plex.identity.clientIdentifier,
    baseUrl: context.baseUrl,
    token: result.authToken,
  });
  const name = accountName(result.user);
  term.line(`Signed in${name ? ` as ${term.bold(printable(name))}` : ""}. Token saved to ${configFile()}`);
  return 0;
}
