// Sign in with Plex through the app's own server: the server makes the PIN with the app's one client identifier,
// the browser polls the app (never plex.tv), and the plex.tv token goes from plex.tv to the server and no further.
// A Fetch-standard handler, (request) => Promise<Response>, for Node, Bun, Deno, Hono and Next.js route handlers.
//
// Routes, under `basePath` (default /auth/plex):
// - POST {base}/pin       starts a sign-in: a PIN, a pending-sign-in cookie, the auth app URL to open;
// - GET  {base}/pin?id=   how it goes: pending (with the pace to poll at), signed in, refused, expired;
// - DELETE {base}/pin?id= the page gave up: the pending sign-in is dropped;
// - GET  {base}/callback?id= where the auth app returns a same-tab sign-in.

import { getUser } from "../plex-tv/account";
import type { PlexTvClient } from "../plex-tv/client";
import { PinExpiredError } from "../plex-tv/errors";
import { checkPin, createPin } from "../plex-tv/pin";
import { authAppUrl, checkAuthAppBase } from "../plex-tv/urls";
import { backoffDelay, isTransient } from "../transport/backoff";
import { PlexTvError } from "../transport/errors";
import { serverAccess, type ServerAccess } from "./access-check";
import { readBoundedText } from "../transport/body";
import { site } from "./site";
import { sleep } from "../transport/sleep";
import { startLimit } from "./start-limit";
import { closingPage, json, page, problem, redirect } from "./answers";
import { isPendingId, pendingSignIns, StoreUnavailableError, type PendingSignIn } from "./pending";
import { keysFrom, randomId, type Secret } from "./secret";
import { markOnce, memoryExpiringStore, MemoryLru, safely, type ExpiringStore } from "../stores/expiring-store";
import { tickets, type CompletedSignIn, type TicketSource } from "./tickets";
import { toPlexUser, type PlexUser } from "../plex-tv/plex-user";

/** What the app answers once a user signed in: usually its session cookie. */
export interface SignInAnswer {
  /** JSON for the page: what signInWithServer resolves with. It must not hold the plex.tv token. */
  body?: unknown;
  /** Headers of the answer, such as the app's session `Set-Cookie`. */
  headers?: HeadersInit;
}

export interface SignInDetails<Context> extends CompletedSignIn {
  request: Request;
  /** What the adapter passed along (Express: `{ req, res }`). */
  context: Context;
}

export interface SignInHandlerOptions<Context = undefined> {
  /**
   * Signs the pending-sign-in cookies (HMAC-SHA-256) and seals tickets: at least 32 bytes, kept secret, the same on
   * every machine. An array rotates secrets: the first signs, any verifies.
   */
  secret: Secret | readonly Secret[];
  /** Where the routes live. Default "/auth/plex". */
  basePath?: string;
  /** "Users of my server": the owner always, others when plex.tv lists the server for them with a token. */
  serverId?: string;
  /** Who may sign in (after `serverId`'s check): false refuses, with 403. */
  authorize?: (
    user: PlexUser,
    details: { request: Request; context: Context; owner?: boolean },
  ) => boolean | Promise<boolean>;
  /**
   * Makes the app's session: answer its Set-Cookie in `headers` and what the page may know in `body`. Without it,
   * the handler sets a one-time ticket cookie instead, for Passport (plex-tv-auth/passport) or Auth.js
   * (plex-tv-auth/auth-js) to redeem, and the page gets `{ user }`.
   */
  onSignIn?: (signIn: SignInDetails<Context>) => SignInAnswer | void | Promise<SignInAnswer | void>;
  /**
   * Where pending sign-ins live instead of their cookie (which then holds only their id), and where finished ones
   * are marked so a replayed cookie cannot sign in twice. Default: the cookie, and marks in memory (per process:
   * behind a load balancer, pass a shared store for the marks to hold on every machine).
   */
  store?: ExpiringStore;
  /** The app's public origin ("https://app.example"), when the server sees another one (a proxy in front). */
  origin?: string;
  /** Secure cookies. Default: when the app's origin is https (a plain-http LAN app still works). */
  secureCookies?: boolean;
  /** Where the auth app lives; default https://app.plex.tv/auth. For tests and Plex-compatible stand-ins. */
  authAppBaseUrl?: string;
  /** How often a page should poll, and the fastest it is answered from plex.tv. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Pending sign-ins per browser (tabs at once); the oldest go first. Default 5. */
  maxPending?: number;
  /**
   * Sign-ins this process starts in any minute, all browsers together (each creates a PIN at plex.tv); more are
   * answered 429 with Retry-After. Default 60.
   */
  maxStartsPerMinute?: number;
  /** How long a ticket may wait to be redeemed. Default 60 000 ms. */
  ticketTtlMs?: number;
  /** Path of the ticket cookie: where it is redeemed (the Passport or Auth.js route). Default "/". */
  ticketPath?: string;
  /** Told of failures the page only sees as a status (plex.tv's, and errors thrown by the app's callbacks). */
  onError?: (error: unknown) => void;
}

export interface SignInHandler<Context = undefined> {
  (request: Request, context?: Context): Promise<Response>;
  readonly basePath: string;
  /** Whether a request to `pathname` is one of the handler's routes. */
  handles(pathname: string): boolean;
  /** Without `onSignIn`: the sign-in a request's ticket cookie holds, once; null if none, forged, expired or spent. */
  redeemTicket(source: TicketSource): Promise<CompletedSignIn | null>;
  /** The Set-Cookie that clears a redeemed ticket cookie. */
  readonly clearTicketCookie: string;
}

/** The largest request body the routes read: a forwardUrl and little else. */
const MAX_BODY_BYTES = 4096;
const MAX_FORWARD_URL = 2048;
/** A PIN whose answer tells no lifetime is given a strong PIN's (plex.tv's 404 stays the authority). */
const STRONG_PIN_MS = 1800_000;
/** How many pending sign-ins the pace is kept for (each a few bytes). */
const MAX_PACED = 10_000;

type Outcome =
  | { kind: "pending"; retryAfterMs: number }
  | { kind: "signedIn"; answer: SignInAnswer; cookies: string[] }
  | { kind: "refused" }
  | { kind: "expired" }
  | { kind: "unavailable"; retryAfterMs: number }
  | { kind: "replayed" }
  | { kind: "failed"; message: string };

const who = "createSignInHandler";
const pathRule = /^\/[A-Za-z0-9._~!$&'()*+,=:@%/-]*$/;

function checkPath(path: string, name: string): string {
  if (typeof path !== "string" || !pathRule.test(path)) {
    throw new TypeError(`${who}: \`${name}\` must be a URL path ("/auth/plex")`);
  }
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}

export function createSignInHandler<Context = undefined>(
  plex: PlexTvClient,
  options: SignInHandlerOptions<Context>,
): SignInHandler<Context> {
  const keys = keysFrom(options?.secret as Secret, who);
  const {
    serverId,
    authorize,
    onSignIn,
    store,
    secureCookies,
    pollIntervalMs = 1000,
    maxPending = 5,
    maxStartsPerMinute = 60,
    ticketTtlMs = 60_000,
    onError = (error: unknown) => console.error("plex-tv-auth sign-in:", error),
  } = options;
  const basePath = checkPath(options.basePath ?? "/auth/plex", "basePath");
  /** What precedes a route's own path ("/pin"): the base path, or nothing at the root. */
  const prefix = basePath === "/" ? "" : basePath;
  const ticketPath = checkPath(options.ticketPath ?? "/", "ticketPath");
  const { originOf: appOrigin, secure: secureFor } = site(options.origin, secureCookies, who);
  const authAppBaseUrl =
    options.authAppBaseUrl === undefined ? undefined : checkAuthAppBase(options.authAppBaseUrl, who);
  if (serverId !== undefined && (typeof serverId !== "string" || !serverId)) {
    throw new TypeError(`${who}: \`serverId\` must be a machine identifier`);
  }
  for (const [name, value] of Object.entries({ authorize, onSignIn, onError })) {
    if (value !== undefined && typeof value !== "function")
      throw new TypeError(`${who}: \`${name}\` must be a function`);
  }
  if (!(pollIntervalMs >= 100 && pollIntervalMs <= 60_000)) {
    throw new TypeError(`${who}: \`pollIntervalMs\` must be between 100 and 60 000`);
  }
  if (!(Number.isSafeInteger(maxPending) && maxPending >= 1 && maxPending <= 20)) {
    throw new TypeError(`${who}: \`maxPending\` must be a whole number from 1 to 20`);
  }
  if (!(Number.isSafeInteger(maxStartsPerMinute) && maxStartsPerMinute >= 1 && maxStartsPerMinute <= 100_000)) {
    throw new TypeError(`${who}: \`maxStartsPerMinute\` must be a whole number from 1 to 100 000`);
  }
  if (!(ticketTtlMs > 0 && ticketTtlMs <= 600_000))
    throw new TypeError(`${who}: \`ticketTtlMs\` must be 1 to 600 000 ms`);

  const marks = store ?? memoryExpiringStore();
  const pending = pendingSignIns(keys, basePath, store);
  const ticketBox = tickets(keys, marks, ticketPath, ticketTtlMs);
  const takeStart = startLimit(maxStartsPerMinute);
  /** When plex.tv was last asked about each pending sign-in: a page polling faster is answered from here. */
  const lastAsked = new MemoryLru<number>(MAX_PACED);
  /** Checks under way, by sign-in id: a second poll meanwhile shares the first's answer. */
  const checking = new Map<string, Promise<Outcome>>();

  const doneKey = (pinId: number) => `plex-sign-in-done:${pinId}`;

  /** Why a plex.tv failure ends (or pauses) a sign-in. */
  const fromPlexTv = (error: unknown): Outcome => {
    if (!(error instanceof PlexTvError)) throw error;
    if (error instanceof PinExpiredError) return { kind: "expired" };
    onError(error);
    // A pace for the page: plex.tv's Retry-After when it sent one, else twice the interval or so.
    if (isTransient(error))
      return { kind: "unavailable", retryAfterMs: backoffDelay(1, error, pollIntervalMs, 30_000) };
    return { kind: "failed", message: `plex.tv refused the sign-in (${error.status ?? "no status"})` };
  };

  /** The PIN carries a token: who it is, whether they may sign in, and the app's session. */
  async function finish(
    record: PendingSignIn,
    authToken: string,
    request: Request,
    context: Context,
  ): Promise<Outcome> {
    let user: PlexUser;
    let access: ServerAccess | undefined;
    try {
      user = toPlexUser(await getUser(plex, { token: authToken }));
      if (serverId !== undefined) access = await serverAccess(plex, authToken, serverId);
    } catch (error) {
      return fromPlexTv(error);
    }
    const markTtl = record.deadline - Date.now() + 60_000;
    const allowed =
      (access?.allowed ?? true) && (!authorize || (await authorize(user, { request, context, owner: access?.owner })));
    // Marked before the app's session is made: a replayed cookie, or a second machine racing this one, gets nothing.
    // (A store that cannot say does not lock the user out.)
    if ((await markOnce(marks, doneKey(record.pinId), markTtl)) === "seen") return { kind: "replayed" };
    if (!allowed) return { kind: "refused" };
    const signIn: CompletedSignIn = { user, authToken, serverToken: access?.serverToken, owner: access?.owner };
    let answer: SignInAnswer;
    let cookies: string[] = [];
    try {
      if (onSignIn) answer = (await onSignIn({ ...signIn, request, context })) ?? {};
      else [answer, cookies] = [{ body: { user } }, [await ticketBox.issue(signIn, secureFor(request))]];
    } catch (error) {
      // The app could not make its session: the sign-in is not spent, the page may poll again.
      await safely(() => marks.delete(doneKey(record.pinId)));
      throw error;
    }
    const body = JSON.stringify(answer.body ?? null);
    if (body.includes(authToken) || (signIn.serverToken && body.includes(signIn.serverToken))) {
      throw new Error("onSignIn's answer body holds the plex.tv token: keep it on the server, in the app's session");
    }
    return { kind: "signedIn", answer, cookies };
  }

  /** Asks plex.tv about the PIN (at most once per poll interval when `paced`), and finishes when it is approved. */
  async function progress(record: PendingSignIn, request: Request, context: Context, paced: boolean): Promise<Outcome> {
    if (Date.now() >= record.deadline) return { kind: "expired" };
    if (typeof (await safely(() => marks.get(doneKey(record.pinId)))) === "string") return { kind: "replayed" };
    const shared = checking.get(record.id);
    if (shared) return shared;
    const last = lastAsked.get(record.id);
    const since = last === undefined ? Infinity : Date.now() - last;
    if (since < pollIntervalMs * 0.9) {
      if (paced) return { kind: "pending", retryAfterMs: pollIntervalMs - since };
      // The callback waits its turn: reloading it cannot ask plex.tv faster than the polls may.
      await sleep(pollIntervalMs - since);
      return progress(record, request, context, true);
    }
    // Kept as long as it paces: a poll an interval later asks plex.tv anyway.
    lastAsked.set(record.id, Date.now(), pollIntervalMs);
    const asking = (async (): Promise<Outcome> => {
      let token: string | null | undefined;
      try {
        token = (await checkPin(plex, record.pinId)).authToken;
      } catch (error) {
        return fromPlexTv(error);
      }
      return token ? finish(record, token, request, context) : { kind: "pending", retryAfterMs: pollIntervalMs };
    })().finally(() => checking.delete(record.id));
    checking.set(record.id, asking);
    return asking;
  }

  /** The request's pending sign-in, or the answer that says why there is none. */
  async function pendingOf(request: Request, id: string | null): Promise<PendingSignIn | Response> {
    if (!isPendingId(id)) return problem(400, "malformed", "`id` must be the id POST /pin answered");
    const found = await pending.read(request, id);
    if ("record" in found) return found.record;
    if (found.problem === "unavailable") {
      const message = "the app's store could not be asked: still waiting";
      return json(503, { status: "unavailable", message, retryAfterMs: pollIntervalMs });
    }
    if (found.problem === "tampered") {
      return problem(
        400,
        "tampered",
        "the pending sign-in's cookie is not one this app signed (tampered with, or signed with another secret)",
        [await pending.clear(id, secureFor(request))],
      );
    }
    return json(410, {
      status: "expired",
      message: "no pending sign-in with this id: it expired, ended or was cancelled",
    });
  }

  async function start(request: Request): Promise<Response> {
    const here = appOrigin(request);
    const from = request.headers.get("Origin");
    if ((from !== null && from !== here) || request.headers.get("Sec-Fetch-Site") === "cross-site") {
      return problem(403, "cross_origin", "a sign-in starts only from a page of this app");
    }
    if (!/^application\/json\b/i.test(request.headers.get("Content-Type") ?? "")) {
      return problem(415, "content_type", "POST /pin takes a JSON body (Content-Type: application/json)");
    }
    const text = await readBoundedText(request, MAX_BODY_BYTES);
    if (text === undefined) return problem(413, "too_large", `the body must be at most ${MAX_BODY_BYTES} bytes`);
    let body: unknown;
    try {
      body = text.trim() === "" ? {} : JSON.parse(text);
    } catch {}
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return problem(400, "malformed", 'the body must be a JSON object, such as {} or {"forwardUrl": "/"}');
    }
    const requested = (body as { forwardUrl?: unknown }).forwardUrl;
    let forwardUrl: string | undefined;
    if (requested !== undefined) {
      let url: URL | undefined;
      try {
        url =
          typeof requested === "string" && requested.length <= MAX_FORWARD_URL ? new URL(requested, here) : undefined;
      } catch {}
      if (!url || url.origin !== here) {
        return problem(400, "forward_url", `\`forwardUrl\` must be a page of this app (${here})`);
      }
      forwardUrl = url.href;
    }
    const wait = takeStart();
    if (wait > 0) {
      const message = "too many sign-ins are starting: try again shortly";
      return json(429, { status: "busy", error: "busy", message, retryAfterMs: wait });
    }
    const secure = secureFor(request);
    const cookies = await pending.makeRoom(request, maxPending, secure);
    let pin;
    try {
      pin = await createPin(plex, { strong: true });
    } catch (error) {
      const outcome = fromPlexTv(error);
      if (outcome.kind === "unavailable") {
        const { retryAfterMs } = outcome;
        const message = "plex.tv could not be reached: try again";
        return json(503, { status: "unavailable", message, retryAfterMs }, cookies);
      }
      return problem(502, "plex_tv", outcome.kind === "failed" ? outcome.message : "plex.tv refused the PIN", cookies);
    }
    const now = Date.now();
    const record: PendingSignIn = {
      id: randomId(),
      pinId: pin.id,
      createdAt: now,
      deadline: pin.deadline ?? now + STRONG_PIN_MS,
      ...(forwardUrl === undefined ? {} : { forwardUrl }),
    };
    try {
      cookies.push(await pending.save(record, secure));
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      const message = "the app's store could not keep the sign-in: try again";
      return json(503, { status: "unavailable", message, retryAfterMs: 1000 }, cookies);
    }
    // A same-tab sign-in returns to the callback, which finishes it; a popup's returns to a page that only closes
    // it (the page's polls finish it): under the auth page's Cross-Origin-Opener-Policy the opener cannot.
    const popup = (body as { popup?: unknown }).popup === true;
    const callback = `${here}${prefix}/callback?id=${record.id}${popup ? "&popup=1" : ""}`;
    const url = authAppUrl(plex, pin, {
      forwardUrl: forwardUrl === undefined && !popup ? undefined : callback,
      authAppBaseUrl,
    });
    const body201 = {
      status: "started",
      id: record.id,
      authUrl: url,
      // Milliseconds left, not a time: the page's clock may be anything.
      expiresInMs: record.deadline - now,
      retryAfterMs: pollIntervalMs,
    };
    return json(201, body201, cookies);
  }

  async function poll(request: Request, id: string | null, context: Context): Promise<Response> {
    const record = await pendingOf(request, id);
    if (record instanceof Response) return record;
    const outcome = await progress(record, request, context, true);
    const secure = secureFor(request);
    const clear = async () => [await pending.clear(record.id, secure)];
    switch (outcome.kind) {
      case "pending":
        return json(200, { status: "pending", retryAfterMs: outcome.retryAfterMs });
      case "unavailable":
        return json(503, {
          status: "unavailable",
          message: "plex.tv could not be reached: still waiting",
          retryAfterMs: outcome.retryAfterMs,
        });
      case "signedIn":
        return json(
          200,
          { status: "signedIn", result: outcome.answer.body ?? null },
          [...(await clear()), ...outcome.cookies],
          outcome.answer.headers,
        );
      case "refused":
        return json(403, { status: "refused", message: "this Plex account may not sign in here" }, await clear());
      case "expired":
        return json(410, { status: "expired", message: "the sign-in expired before it was approved" }, await clear());
      case "replayed":
        return problem(409, "replayed", "this sign-in has ended already: start a new one", await clear());
      case "failed":
        return problem(502, "plex_tv", outcome.message, await clear());
    }
  }

  async function callback(request: Request, id: string | null, context: Context): Promise<Response> {
    if (new URL(request.url).searchParams.get("popup") === "1") {
      return closingPage("Sign-in with Plex: back in the app's page. This window can close.");
    }
    const record = await pendingOf(request, id);
    if (record instanceof Response) {
      const { message } = (await record.json()) as { message: string };
      return page(record.status, `Sign-in with Plex: ${message}.`, record.headers.getSetCookie());
    }
    const outcome = await progress(record, request, context, false);
    const secure = secureFor(request);
    // Where the sign-in began said where to go; it is checked again here (a store might have been written to).
    const home = `${appOrigin(request)}/`;
    const claimed = record.forwardUrl === undefined ? undefined : new URL(record.forwardUrl, home);
    const target = claimed && claimed.origin === appOrigin(request) ? claimed : new URL(home);
    const back = async (status: string, keep = false) => {
      target.searchParams.set("plex-sign-in", status);
      return redirect(target.href, keep ? [] : [await pending.clear(record.id, secure)]);
    };
    switch (outcome.kind) {
      case "signedIn":
        return redirect(
          target.href,
          [await pending.clear(record.id, secure), ...outcome.cookies],
          outcome.answer.headers,
        );
      case "pending":
        return back("pending", true);
      case "unavailable":
        return page(
          503,
          "Sign-in with Plex: plex.tv could not be reached. Reload this page to finish signing in.",
          [],
          {
            "Retry-After": String(Math.ceil(outcome.retryAfterMs / 1000)),
          },
        );
      case "replayed":
        return page(409, "Sign-in with Plex: this sign-in has ended already. Start a new one.", [
          await pending.clear(record.id, secure),
        ]);
      default:
        return back(outcome.kind);
    }
  }

  async function cancel(request: Request, id: string | null): Promise<Response> {
    if (!isPendingId(id)) return problem(400, "malformed", "`id` must be the id POST /pin answered");
    return new Response(null, {
      status: 204,
      headers: { "Set-Cookie": await pending.clear(id, secureFor(request)), "Cache-Control": "no-store" },
    });
  }

  const routes: Record<
    string,
    Record<string, (request: Request, id: string | null, context: Context) => Promise<Response>>
  > = {
    "/pin": { POST: start, GET: poll, DELETE: cancel },
    "/callback": { GET: callback },
  };
  const routeOf = (pathname: string) =>
    pathname.startsWith(prefix) ? routes[pathname.slice(prefix.length)] : undefined;

  const handler = async (request: Request, context?: Context): Promise<Response> => {
    try {
      const url = new URL(request.url);
      const route = routeOf(url.pathname);
      if (!route) return problem(404, "not_found", `no sign-in route at ${url.pathname}`);
      const method = route[request.method];
      if (!method) {
        return problem(405, "method", `${request.method} is not a method of this route`, [], {
          Allow: Object.keys(route).join(", "),
        });
      }
      if (url.search.length > 256) return problem(414, "too_large", "the query is too long");
      return await method(request, url.searchParams.get("id"), context as Context);
    } catch (error) {
      onError(error);
      return problem(500, "server", "the sign-in failed on the server");
    }
  };
  return Object.assign(handler, {
    basePath,
    handles: (pathname: string) => routeOf(pathname) !== undefined,
    redeemTicket: (source: TicketSource) => ticketBox.redeem(source),
    clearTicketCookie: ticketBox.clear(false),
  });
}
