// The page's half of a server-side sign-in (createSignInHandler, plex-tv-auth/server): it talks to the app's own
// origin only, with no X-Plex-* headers (no CORS preflight to plex.tv, no client identifier in the browser) and no
// WebCrypto, so it works on a plain-http LAN page; the plex.tv token stays on the server.

import { PinExpiredError, PopupBlockedError } from "../plex-tv/errors";
import { PlexTvError } from "../transport/errors";
import { sleep } from "../transport/sleep";

/** The app's server refused the Plex account that approved the sign-in (its `authorize` or `serverId` said no). */
export class SignInRefusedError extends PlexTvError {
  override name = "SignInRefusedError";
}

export interface ServerSignInOptions {
  /** Where the app mounted createSignInHandler. Default "/auth/plex". */
  basePath?: string;
  signal?: AbortSignal;
}

export interface PopupServerSignInOptions extends ServerSignInOptions {
  /** window.open features; default a 600×700 window. */
  features?: string;
}

interface Answer {
  status?: string;
  message?: string;
  id?: string;
  authUrl?: string;
  expiresInMs?: number;
  retryAfterMs?: number;
  result?: unknown;
}

/** The pace the server asks for, kept within reason. */
const paced = (ms: unknown, fallback: number) =>
  Math.min(Math.max(typeof ms === "number" ? ms : fallback, 200), 30_000);

async function ask(method: string, url: string, signal?: AbortSignal, body?: object) {
  const response = await fetch(url, {
    method,
    credentials: "same-origin",
    cache: "no-store",
    headers: body ? { "Content-Type": "application/json", Accept: "application/json" } : { Accept: "application/json" },
    ...(body ? { body: JSON.stringify(body) } : {}),
    signal,
  });
  let answer: Answer = {};
  try {
    answer = (await response.json()) ?? {};
  } catch {}
  return { status: response.status, answer };
}

const failure = (status: number, answer: Answer) =>
  new PlexTvError(`the sign-in failed: ${status} ${answer.message ?? ""}`.trim(), { status });

/** Only an http(s) URL is opened: never a javascript: or data: URL, whatever the server answered. */
const isWebUrl = (url: unknown): url is string => typeof url === "string" && /^https?:\/\//i.test(url);

/** POST {base}/pin, again after a 503 or no answer (plex.tv or the app briefly away), three tries in all. */
async function begin(basePath: string, signal: AbortSignal | undefined, body: object): Promise<Answer> {
  for (let attempt = 1; ; attempt++) {
    let reply: Awaited<ReturnType<typeof ask>> | undefined;
    try {
      reply = await ask("POST", `${basePath}/pin`, signal, body);
    } catch (error) {
      if (signal?.aborted || attempt >= 3) throw signal?.aborted ? signal.reason : error;
    }
    if (reply?.status === 201 && typeof reply.answer.id === "string" && isWebUrl(reply.answer.authUrl)) {
      return reply.answer;
    }
    if (reply && (reply.status !== 503 || attempt >= 3)) throw failure(reply.status, reply.answer);
    await sleep(paced(reply?.answer.retryAfterMs, 1000 * attempt), signal);
  }
}

/** Polls GET {base}/pin at the server's pace until the sign-in ends; rides out 503s and lost answers meanwhile. */
async function follow<T>(basePath: string, started: Answer, signal?: AbortSignal): Promise<T> {
  // Counted from now by this device's clock: the server says how long is left, not when.
  const left = started.expiresInMs;
  const deadline = Date.now() + (typeof left === "number" && left > 0 && left <= 1800_000 ? left : 1800_000);
  let delay = paced(started.retryAfterMs, 1000);
  for (let failures = 0; ;) {
    await sleep(Math.min(delay, Math.max(0, deadline - Date.now())), signal);
    if (Date.now() >= deadline) throw new PinExpiredError("the sign-in expired before it was approved");
    let reply: Awaited<ReturnType<typeof ask>>;
    try {
      reply = await ask("GET", `${basePath}/pin?id=${encodeURIComponent(started.id!)}`, signal);
    } catch (error) {
      signal?.throwIfAborted();
      delay = paced(1000 * 2 ** ++failures, 1000);
      continue;
    }
    const { status, answer } = reply;
    if (status === 200 && answer.status === "signedIn") return answer.result as T;
    if (status === 200 || status === 503) {
      failures = status === 503 ? failures + 1 : 0;
      delay = paced(answer.retryAfterMs, 1000 * 2 ** failures);
      continue;
    }
    if (status === 403 && answer.status === "refused") throw new SignInRefusedError(answer.message ?? "", { status });
    if (status === 410) throw new PinExpiredError(answer.message ?? "the sign-in expired", { status });
    throw failure(status, answer);
  }
}

/** The page gave up: the server drops the pending sign-in (best effort, outliving the page). */
const drop = (basePath: string, id: string | undefined) =>
  id &&
  fetch(`${basePath}/pin?id=${encodeURIComponent(id)}`, {
    method: "DELETE",
    credentials: "same-origin",
    keepalive: true,
  }).catch(() => {});

/**
 * Signs in through a popup, with the app's server doing the plex.tv part. Call it synchronously inside the click
 * handler: it opens the (blank) popup before its first await, as popup blockers require. Resolves with what the
 * server's `onSignIn` answered in `body`, and closes the popup; rejects with PinExpiredError when the sign-in
 * expires, SignInRefusedError when the server refused the account, PopupBlockedError when the popup was blocked,
 * and the signal's reason when the app cancels.
 */
export async function signInWithServer<Result = unknown>(options: PopupServerSignInOptions = {}): Promise<Result> {
  const { basePath = "/auth/plex", signal, features = "popup,width=600,height=700" } = options;
  // A name of its own, so two sign-ins never share a window; no crypto.randomUUID, which insecure pages lack.
  const name = `plex-tv-auth-${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  const popup = globalThis.open("about:blank", name, features);
  if (!popup) throw new PopupBlockedError("the browser blocked the sign-in popup; open it from a click, or redirect");
  let started: Answer | undefined;
  try {
    // The auth app sends the popup back to a page of the app that closes it, which this page cannot under the auth
    // page's Cross-Origin-Opener-Policy; popup.close() below still closes it where it can.
    started = await begin(basePath, signal, { popup: true });
    popup.location.href = started.authUrl!;
    return await follow<Result>(basePath, started, signal);
  } catch (error) {
    if (signal?.aborted) drop(basePath, started?.id);
    throw error;
  } finally {
    popup.close();
  }
}

export interface RedirectServerSignInOptions extends ServerSignInOptions {
  /** Where the browser lands when the sign-in ends: a page of this app. Default this page. */
  forwardUrl?: string;
  /** How to leave the page; default location.assign. */
  navigate?: (url: string) => void;
}

/**
 * Same-tab sign-in: the server makes the PIN and keeps it in a cookie, and this tab goes to the auth app, which
 * returns it to the server's callback; the callback sends it on to `forwardUrl`, with `plex-sign-in=refused`,
 * `expired` or `pending` in its query when the sign-in did not complete.
 */
export async function startServerSignIn(options: RedirectServerSignInOptions = {}): Promise<void> {
  const {
    basePath = "/auth/plex",
    signal,
    forwardUrl = globalThis.location?.href,
    navigate = (url) => globalThis.location.assign(url),
  } = options;
  const started = await begin(basePath, signal, { forwardUrl });
  navigate(started.authUrl!);
}
