// One-time tickets: how a sign-in finished by the handler reaches a framework that makes its own session (Passport,
// Auth.js). The ticket travels in an HttpOnly cookie, so no script of the page sees it; it is sealed (AES-GCM), so
// the token inside it is not readable from the cookie jar either; it is good once, for a minute.

import { readCookies, setCookie } from "./cookies";
import { randomId, type Keys } from "./secret";
import { markOnce, type ExpiringStore } from "../stores/expiring-store";
import type { PlexUser } from "../plex-tv/plex-user";

/** A sign-in the handler completed: who, their plex.tv token, and their access to `serverId`. */
export interface CompletedSignIn {
  user: PlexUser;
  /** The user's plex.tv token: a secret. Keep it on the server (the app's session store), never send it to a page. */
  authToken: string;
  /** With `serverId`: the user's own token for that server (a secret too). */
  serverToken?: string;
  /** With `serverId`: whether the user owns it. */
  owner?: boolean;
}

export const TICKET_COOKIE = "plex-sign-in-ticket";
const MAX_COOKIE_BYTES = 4096;

/** What a ticket can be read from: a Fetch Request, or a Node request (its `headers.cookie`). */
export type TicketSource = Request | { headers: Record<string, string | string[] | undefined> };

export interface Tickets {
  /** The Set-Cookie holding a ticket for `signIn`. */
  issue(signIn: CompletedSignIn, secure: boolean): Promise<string>;
  /** The sign-in of the request's ticket, once; null when it has none, or it is forged, expired or spent. */
  redeem(source: TicketSource): Promise<CompletedSignIn | null>;
  /** The Set-Cookie that clears the ticket. */
  clear(secure: boolean): string;
}

interface Sealed {
  v: 1;
  id: string;
  /** Good until, by this server's clock. */
  exp: number;
  signIn: CompletedSignIn;
}

function cookieHeader(source: TicketSource): string {
  const { headers } = source;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get("Cookie") ?? "";
  const value = (headers as Record<string, string | string[] | undefined>).cookie;
  return Array.isArray(value) ? value.join("; ") : (value ?? "");
}

/** Whether the request carries a ticket cookie at all (valid or not). */
export const hasTicket = (source: TicketSource) => readCookies(cookieHeader(source)).has(TICKET_COOKIE);

export function tickets(keys: Keys, marks: ExpiringStore, path: string, ttlMs: number): Tickets {
  const cookie = (value: string, maxAge: number, secure: boolean) =>
    setCookie(TICKET_COOKIE, value, { path, maxAge, secure });
  return {
    async issue(signIn, secure) {
      const sealed: Sealed = { v: 1, id: randomId(), exp: Date.now() + ttlMs, signIn };
      const value = await keys.seal(JSON.stringify(sealed));
      // Browsers drop a cookie past 4096 bytes without a word: the sign-in would fail later, with no clue why.
      if (TICKET_COOKIE.length + 1 + value.length > MAX_COOKIE_BYTES) {
        throw new Error(`plex-tv-auth: a sign-in ticket of ${value.length} bytes passes the cookie limit of 4096`);
      }
      return cookie(value, ttlMs / 1000, secure);
    },
    async redeem(source) {
      const value = readCookies(cookieHeader(source)).get(TICKET_COOKIE);
      if (!value || value.length > MAX_COOKIE_BYTES) return null;
      const text = await keys.open(value);
      let sealed: Partial<Sealed> | undefined;
      try {
        sealed = text === undefined ? undefined : JSON.parse(text);
      } catch {}
      if (sealed?.v !== 1 || typeof sealed.id !== "string" || typeof sealed.exp !== "number" || !sealed.signIn) {
        return null;
      }
      const left = sealed.exp - Date.now();
      // Good once: a ticket whose mark the store cannot vouch for is refused (its user signs in again).
      if (left <= 0 || (await markOnce(marks, `plex-sign-in-ticket:${sealed.id}`, left)) !== "marked") return null;
      return sealed.signIn;
    },
    clear: (secure) => cookie("", 0, secure),
  };
}
