// A gateway's own sessions (it has no app to keep them): an HttpOnly cookie that holds the plex.tv token sealed
// (AES-GCM, keys of their own from the app's secret), or, with a store several gateways share, a signed session id
// whose sealed token the store keeps. Never the bare token, in the cookie or in the store. Each process remembers the
// cookies it has opened for a minute, so a gateway checking every request does no crypto for most of them.

import { bounded, FAILED, MemoryLru, safely, type ExpiringStore } from "../stores/expiring-store";
import { readCookies, setCookie } from "./cookies";
import { keysFrom, randomId, type Secret } from "./secret";

export interface SessionOptions {
  secret: Secret | readonly Secret[];
  /** Where sessions live when several gateways share them; without one, the cookie holds the sealed token. */
  store?: ExpiringStore;
  /** How long a session lasts. Default 30 days. */
  ttlMs?: number;
  /** The cookie's name. Default "plex_session". */
  cookieName?: string;
}

export interface Sessions {
  readonly cookieName: string;
  /** The Set-Cookie of a new session for `token`. */
  start(token: string, secure: boolean): Promise<string>;
  /**
   * The token of the request's session; undefined when it has none (or a forged, expired or ended one); "unknown"
   * when the store could not say (down, hanging): no reason to sign anyone out.
   */
  token(request: Request): Promise<string | undefined | "unknown">;
  /** Ends the request's session (in the store too); the Set-Cookie that clears the cookie. */
  end(request: Request, secure: boolean): Promise<string>;
}

/** The longest cookie value taken: a sealed JWT is far shorter. */
const MAX_COOKIE_CHARS = 4096;
/** How long this process trusts a cookie it opened: the store's end of a session reaches it within this. */
const OPENED_TTL_MS = 60_000;

export function sessions(options: SessionOptions, who: string): Sessions {
  const { store, ttlMs = 30 * 86_400_000, cookieName = "plex_session" } = options;
  if (!(ttlMs > 0)) throw new TypeError(`${who}: \`sessionTtlMs\` must be positive`);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cookieName)) throw new TypeError(`${who}: \`cookieName\` must be a cookie name`);
  const keys = keysFrom(options.secret, who, "session");
  const opened = new MemoryLru<string>(10_000);
  const storeKey = (id: string) => `plex-session:${id}`;
  // The sealed value says when it ends, by this server's clock: a cookie kept past Max-Age is no session either.
  const seal = (token: string) => keys.seal(JSON.stringify({ token, endsAt: Date.now() + ttlMs }));
  const unseal = async (sealed: string | null | undefined) => {
    if (typeof sealed !== "string") return undefined;
    let value: { token?: unknown; endsAt?: unknown } | null = null;
    try {
      value = JSON.parse((await keys.open(sealed)) ?? "null");
    } catch {}
    if (typeof value?.token !== "string" || typeof value.endsAt !== "number" || value.endsAt <= Date.now()) return;
    return value.token;
  };
  const cookieOf = (request: Request) => {
    const value = readCookies(request.headers.get("Cookie")).get(cookieName);
    return value && value.length <= MAX_COOKIE_CHARS ? value : undefined;
  };
  const cookie = (value: string, maxAgeMs: number, secure: boolean) =>
    setCookie(cookieName, value, { path: "/", maxAge: maxAgeMs / 1000, secure });

  return {
    cookieName,
    async start(token, secure) {
      if (!store) return cookie(await seal(token), ttlMs, secure);
      const id = randomId();
      await safely(async () => store.set(storeKey(id), await seal(token), ttlMs));
      return cookie(await keys.sign(id), ttlMs, secure);
    },
    async token(request) {
      const value = cookieOf(request);
      if (!value) return undefined;
      const known = opened.get(value);
      if (known) return known;
      let token: string | undefined;
      if (store) {
        const id = await keys.verify(value);
        if (!id) return undefined;
        const sealed = await bounded(() => store.get(storeKey(id)));
        if (sealed === FAILED) return "unknown";
        token = await unseal(sealed);
      } else {
        token = await unseal(value);
      }
      if (token) opened.set(value, token, OPENED_TTL_MS);
      return token;
    },
    async end(request, secure) {
      const value = cookieOf(request);
      if (value) {
        opened.delete(value);
        const id = store && (await keys.verify(value));
        if (id) await safely(() => store!.delete(storeKey(id)));
      }
      return cookie("", 0, secure);
    },
  };
}
