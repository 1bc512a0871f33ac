// A pending sign-in: the PIN a browser waits on, kept in a signed cookie of that browser (no server state), or in
// the app's store with only its id in the cookie. Each sign-in has its own cookie (two tabs never share one), and
// the signature covers the id the cookie is named after, so a value cannot be moved to another sign-in.

import { decodeJson, encodeJson } from "../jwt/base64url";
import { readCookies, setCookie } from "./cookies";
import type { Keys } from "./secret";
import { bounded, FAILED, safely, type ExpiringStore } from "../stores/expiring-store";

/** The app's store could not keep or give a pending sign-in: the page should try again, nothing is lost or ended. */
export class StoreUnavailableError extends Error {
  override name = "StoreUnavailableError";
}

export interface PendingSignIn {
  /** Random, 128 bits: what the browser polls by. */
  id: string;
  pinId: number;
  /** When it began, by this server's clock. */
  createdAt: number;
  /** When the PIN expires, by this server's clock (from plex.tv's expiresIn, never its expiresAt). */
  deadline: number;
  /** Same-tab sign-ins: where the callback sends the browser at the end. */
  forwardUrl?: string;
}

export const COOKIE_PREFIX = "plex-sign-in-";
export const isPendingId = (id: unknown): id is string => typeof id === "string" && /^[A-Za-z0-9_-]{22}$/.test(id);

const isRecord = (value: unknown, id: string): value is PendingSignIn => {
  const record = value as Partial<PendingSignIn> | null;
  return (
    typeof record === "object" &&
    record !== null &&
    record.id === id &&
    Number.isSafeInteger(record.pinId) &&
    typeof record.createdAt === "number" &&
    typeof record.deadline === "number" &&
    (record.forwardUrl === undefined || typeof record.forwardUrl === "string")
  );
};

export type Read = { record: PendingSignIn } | { problem: "missing" | "tampered" | "unavailable" };

export interface PendingSignIns {
  /** The Set-Cookie that holds a new pending sign-in (StoreUnavailableError when the store cannot keep it). */
  save(record: PendingSignIn, secure: boolean): Promise<string>;
  /** The pending sign-in `id` of this request's browser, or why there is none. */
  read(request: Request, id: string): Promise<Read>;
  /** The Set-Cookie that clears it (and, in a store, the record goes). */
  clear(id: string, secure: boolean): Promise<string>;
  /** The Set-Cookies that make room for one more, keeping at most `max` per browser (the oldest go). */
  makeRoom(request: Request, max: number, secure: boolean): Promise<string[]>;
}

export function pendingSignIns(keys: Keys, path: string, store?: ExpiringStore): PendingSignIns {
  const storeKey = (id: string) => `plex-sign-in-pending:${id}`;
  const cookie = (id: string, value: string, maxAge: number, secure: boolean) =>
    setCookie(COOKIE_PREFIX + id, value, { path, maxAge, secure });
  /** What a signed value holds, parsed; undefined when it is forged or holds no JSON. */
  const verifiedJson = async (signed: string): Promise<unknown> => {
    const data = await keys.verify(signed);
    try {
      return data === undefined ? undefined : decodeJson(data);
    } catch {
      return undefined;
    }
  };

  // The cookie's payload: the whole record, or (with a store) only its id.
  const payload = async (
    request: Request,
    id: string,
  ): Promise<{ problem: "missing" | "tampered" } | { value: unknown }> => {
    const raw = readCookies(request.headers.get("Cookie")).get(COOKIE_PREFIX + id);
    if (raw === undefined) return { problem: "missing" };
    const value = await verifiedJson(raw);
    if ((value as { id?: unknown } | undefined)?.id !== id) return { problem: "tampered" };
    return { value };
  };

  return {
    async save(record, secure) {
      const maxAge = (record.deadline - Date.now()) / 1000;
      if (store) {
        // Signed there too: one who can write to the store must not be able to change where a sign-in goes.
        const signed = await keys.sign(encodeJson(record));
        const kept = await bounded(() =>
          store.set(storeKey(record.id), signed, Math.max(1, record.deadline - Date.now())),
        );
        if (kept === FAILED) throw new StoreUnavailableError("the store did not keep the pending sign-in");
      }
      return cookie(
        record.id,
        await keys.sign(encodeJson(store ? { id: record.id, createdAt: record.createdAt } : record)),
        maxAge,
        secure,
      );
    },
    async read(request, id) {
      const found = await payload(request, id);
      if ("problem" in found) return found;
      let record: unknown = found.value;
      if (store) {
        const text = await bounded(() => store.get(storeKey(id)));
        if (text === FAILED) return { problem: "unavailable" };
        if (typeof text !== "string") return { problem: "missing" };
        record = await verifiedJson(text);
      }
      return isRecord(record, id) ? { record } : { problem: "tampered" };
    },
    async clear(id, secure) {
      if (store) await safely(() => store.delete(storeKey(id)));
      return cookie(id, "", 0, secure);
    },
    async makeRoom(request, max, secure) {
      // Ordered oldest first by the creation time their payload claims: unsigned reading is enough to choose.
      const held: { id: string; createdAt: number }[] = [];
      for (const [name, raw] of readCookies(request.headers.get("Cookie"))) {
        if (!name.startsWith(COOKIE_PREFIX)) continue;
        const id = name.slice(COOKIE_PREFIX.length);
        if (!isPendingId(id)) continue;
        let createdAt = -Infinity;
        try {
          const claimed = (decodeJson(raw.slice(0, raw.lastIndexOf("."))) as { createdAt?: unknown }).createdAt;
          if (typeof claimed === "number") createdAt = claimed;
        } catch {}
        held.push({ id, createdAt });
      }
      held.sort((a, b) => a.createdAt - b.createdAt);
      const drop = held.slice(0, Math.max(0, held.length - max + 1));
      return Promise.all(drop.map(({ id }) => this.clear(id, secure)));
    },
  };
}
