// The command line's commands, each a thin layer over the library's public helpers.

import { getUser, signOut, type SignedIn } from "../plex-tv/account";
import { DEFAULT_BASE_URL } from "../transport/base-url";
import { createPlexTvClient, type PlexTvClient } from "../plex-tv/client";
import { CLIENT_IDENTIFIER_KEY } from "../stores/client-identifier";
import { InvalidTokenError } from "../transport/errors";
import { login } from "../flows/login";
import { findReachableConnection } from "../media-server/reachable";
import { getServers, type PlexServer } from "../plex-tv/servers";
import type { KeyValueStore } from "../stores/key-value";
import { BASE_URL_KEY, configFile, TOKEN_KEY } from "./config";
import { getClaimToken } from "../plex-tv/claim-token";
import { HomePinError, InvalidCredentialsError, TwoFactorRequiredError } from "../plex-tv/errors";
import { getHomeUsers, switchHomeUser } from "../plex-tv/home";
import { signInWithPassword } from "../plex-tv/password-sign-in";
import { formatRemaining, printable, prompter, type Terminal } from "./terminal";

export interface CommandContext {
  store: KeyValueStore;
  term: Terminal;
  product: string;
  baseUrl?: string;
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

/** A client with the stored client identifier, or a new one (stored only with a token: see storeSignIn). */
async function client(context: CommandContext): Promise<PlexTvClient> {
  return createPlexTvClient({
    clientIdentifier: (await context.store.get(CLIENT_IDENTIFIER_KEY)) ?? globalThis.crypto.randomUUID(),
    product: context.product,
    platform: "CLI",
    ...(context.baseUrl ? { baseUrl: context.baseUrl } : {}),
  });
}

const normalized = (url: string) => url.replace(/\/+$/, "");

/** The stored token, refused unless this run talks to the plex.tv it came from. */
async function storedToken(context: CommandContext): Promise<string> {
  const token = await context.store.get(TOKEN_KEY);
  if (!token) throw new CliError(`not signed in (no token in ${configFile()}): run \`plex-tv-auth login\` first`);
  await checkTokenOrigin(context);
  return token;
}

async function checkTokenOrigin(context: CommandContext): Promise<void> {
  const from = normalized((await context.store.get(BASE_URL_KEY)) ?? DEFAULT_BASE_URL);
  const to = normalized(context.baseUrl ?? DEFAULT_BASE_URL);
  if (from !== to) {
    throw new CliError(
      `the stored sign-in is for ${from}, not ${to}: it is not sent there. Use --base-url ${from}, or run \`plex-tv-auth login\` for ${to} (${configFile()})`,
    );
  }
}

/** A sign-in is kept: the token, the plex.tv address it is for, and the client identifier it was made under. */
async function storeSignIn({ store, baseUrl }: CommandContext, plex: PlexTvClient, authToken: string): Promise<void> {
  await store.set(CLIENT_IDENTIFIER_KEY, plex.identity.clientIdentifier);
  await store.set(BASE_URL_KEY, normalized(baseUrl ?? DEFAULT_BASE_URL));
  await store.set(TOKEN_KEY, authToken);
}

/** The token goes, and the plex.tv address that went with it. */
async function forgetToken(store: KeyValueStore): Promise<void> {
  await store.delete(TOKEN_KEY);
  await store.delete(BASE_URL_KEY);
}

/** Only plex.tv's own 401 (its JSON error body, code 1001) says a token is dead; a proxy's 401 page does not. */
const isPlex401 = (error: unknown) => error instanceof InvalidTokenError && error.code !== undefined;

export async function loginCommand(context: CommandContext, { link }: { link: boolean }): Promise<number> {
  const { term, store, json, signal } = context;
  // The identifier is reused from earlier runs, and stored only with a token: a cancelled login leaves nothing.
  const plex = await client(context);
  // Progress and notices go to stderr, so --json's stdout stays clean.
  if (await store.get(TOKEN_KEY)) {
    term.note(`You are signed in already: signing in again replaces that sign-in (${configFile()}).`);
  }
  term.note(`Asking ${plex.baseUrl} for a sign-in code…`);
  let countdown: { stop(): void } | undefined;
  try {
    const { authToken } = await login(plex, {
      strong: !link,
      signal,
      onVerification: ({ url, code, expiresAt, qr }) => {
        countdown?.stop();
        if (json) return term.line(JSON.stringify({ event: "verification", url, code, qr, expiresAt }));
        if (link) {
          term.line(`Go to ${term.bold("https://plex.tv/link")} and enter the code ${term.bold(code)}`);
        } else {
          term.line(`Open this link to sign in with Plex:\n\n  ${term.bold(url)}\n`);
        }
        term.line(term.qr(url));
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
    await storeSignIn(context, plex, authToken);
    const user = await getUser(plex, { token: authToken, signal }).catch(() => undefined);
    if (json) {
      term.line(
        JSON.stringify({
          event: "signedIn",
          username: user?.username ?? null,
          clientIdentifier: plex.identity.clientIdentifier,
          configFile: configFile(),
        }),
      );
    } else {
      term.line(`Signed in${user ? ` as ${term.bold(printable(user.username))}` : ""}. Token saved to ${configFile()}`);
    }
    return 0;
  } finally {
    countdown?.stop();
  }
}

export async function whoamiCommand(context: CommandContext): Promise<number> {
  const { term, store, json, signal } = context;
  const token = await storedToken(context);
  try {
    const { username, title, email } = await getUser(await client(context), { token, signal });
    term.line(
      json
        ? JSON.stringify({ status: "valid", username, title, email: email ?? null })
        : printable(`${username}${email ? ` <${email}>` : ""}`),
    );
    return 0;
  } catch (error) {
    signal.throwIfAborted();
    if (isPlex401(error)) {
      await forgetToken(store);
      if (json) term.line(JSON.stringify({ status: "invalid" }));
      throw new CliError("the stored token is no longer valid; it was removed. Run `plex-tv-auth login`", 1);
    }
    // Anything else (plex.tv down, a proxy's page, a timeout) says nothing about the token.
    if (json) term.line(JSON.stringify({ status: "unknown" }));
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`could not check the token (${reason}); it was kept`, 2);
  }
}

function serverRow(server: PlexServer, reachable: string | null | undefined) {
  return {
    name: server.name,
    clientIdentifier: server.clientIdentifier,
    owned: server.owned ?? null,
    product: server.product ?? null,
    version: server.productVersion ?? null,
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
  const token = await storedToken(context);
  const servers = await getServers(await client(context), { token, signal });
  // Without --probe a connection is only first in rank; with it, the first that answered.
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
        r.name,
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

export async function logoutCommand(context: CommandContext): Promise<number> {
  const { term, store, signal } = context;
  const token = await store.get(TOKEN_KEY);
  if (!token) {
    term.line("Not signed in.");
    return 0;
  }
  await checkTokenOrigin(context);
  let failure: Error | undefined;
  try {
    await signOut(await client(context), { token, signal });
  } catch (error) {
    // 401: the token was already invalid, which is what signing out wants.
    if (!isPlex401(error)) failure = error as Error;
  }
  await forgetToken(store);
  if (failure) throw new CliError(`signed out here, but plex.tv could not be told (${failure.message})`, 2);
  term.line("Signed out.");
  return 0;
}

/** Prints a claim token, alone on stdout: `docker run -e PLEX_CLAIM=$(plex-tv-auth claim) …`. */
export async function claimCommand(context: CommandContext): Promise<number> {
  const token = await storedToken(context);
  const claimToken = await getClaimToken(await client(context), { token, signal: context.signal });
  context.term.line(claimToken);
  context.term.note("A claim token lives about 4 minutes: start the new server with it now (PLEX_CLAIM).");
  return 0;
}

/** Without a name, lists the Home; with one, switches the stored sign-in to that Home user. */
export async function switchCommand(
  context: CommandContext,
  { name, askPin }: { name: string | undefined; askPin: boolean },
): Promise<number> {
  const { term, store, json, signal } = context;
  const token = await storedToken(context);
  const plex = await client(context);
  const users = await getHomeUsers(plex, { token, signal });
  if (name === undefined) {
    if (json) {
      term.line(
        JSON.stringify(
          users.map(({ uuid, title, admin, protected: locked }) => ({ uuid, title, admin, protected: locked })),
        ),
      );
    } else {
      for (const user of users) {
        const marks = [user.admin ? "admin" : "", user.protected ? "PIN" : "", user.username === null ? "managed" : ""];
        term.line(`${printable(user.title)}${marks.some(Boolean) ? `  (${marks.filter(Boolean).join(", ")})` : ""}`);
      }
    }
    return 0;
  }
  const wanted = name.toLowerCase();
  const target = users.find((user) =>
    [user.uuid, user.title, user.username].some((value) => value?.toLowerCase() === wanted),
  );
  if (!target) throw new CliError(`no one called ${printable(name)} in this Home (plex-tv-auth switch lists them)`);
  let pin: string | undefined;
  if (askPin) {
    const prompts = prompter(signal);
    try {
      pin = (await prompts.ask(`Home PIN for ${printable(target.title)}: `, { hidden: true })).trim();
    } finally {
      prompts.close();
    }
  }
  try {
    const { authToken } = await switchHomeUser(plex, { token, user: target, pin, signal });
    await store.set(TOKEN_KEY, authToken);
  } catch (error) {
    if (error instanceof HomePinError) {
      throw new CliError(
        `wrong or missing Home PIN for ${printable(target.title)} (try --pin); your sign-in is unchanged`,
      );
    }
    throw error;
  }
  term.line(`Switched to ${term.bold(printable(target.title))}. Token saved to ${configFile()}`);
  return 0;
}

/**
 * login --password: asks for the login, the password (not echoed) and, when plex.tv wants it, the 2FA code. The PIN
 * flow is preferred: with it the password never passes through this program.
 */
export async function passwordLoginCommand(context: CommandContext): Promise<number> {
  const { term, signal } = context;
  const plex = await client(context);
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
  await storeSignIn(context, plex, result.authToken);
  term.line(`Signed in as ${term.bold(printable(result.user.username))}. Token saved to ${configFile()}`);
  return 0;
}
