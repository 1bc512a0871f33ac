// Sign-in for web apps, the two ways that work with plex.tv's auth app: a popup, or a same-tab redirect.

import type { PlexTvClient } from "../plex-tv/client";
import { PinExpiredError, PopupBlockedError } from "../plex-tv/errors";
import { checkPin, createPin, pinDeadline } from "../plex-tv/pin";
import { authAppUrl, type AuthAppUrlOptions } from "../plex-tv/urls";
import { randomUuid } from "../stores/client-identifier";
import type { WebStorage } from "../stores/key-value";
import { login, type LoginOptions, type Verification } from "./login";
import type { AuthTokenResult } from "./wait-for-auth-token";

export interface PopupLoginOptions extends Omit<LoginOptions, "onVerification" | "strong" | "forwardUrl"> {
  /** Told about each PIN, for apps that also show the code. */
  onVerification?: (verification: Verification) => void;
  /** window.open features; default a 600×700 window. */
  features?: string;
}

/**
 * Signs in through a popup. Call it synchronously inside the click handler: it opens the (blank) popup before its
 * first await, which is what popup blockers allow, then sends the popup to the auth app once the PIN exists.
 * Resolves with the token and closes the popup; rejects with PinExpiredError when the PIN expires, with the
 * signal's reason when the app cancels (a "Cancel" button), and with PopupBlockedError when the popup was blocked.
 * It never relies on `popup.closed`: under plex.tv's Cross-Origin-Opener-Policy it reads true while the popup is open.
 */
export async function loginWithPopup(plex: PlexTvClient, options: PopupLoginOptions = {}): Promise<AuthTokenResult> {
  const { features = "popup,width=600,height=700", onVerification, ...rest } = options;
  // A name of its own: two sign-ins never share (and fight over) one window.
  const popup = globalThis.open("about:blank", `plex-tv-auth-${randomUuid()}`, features);
  if (!popup) throw new PopupBlockedError("the browser blocked the sign-in popup; open it from a click, or redirect");
  try {
    return await login(plex, {
      ...rest,
      strong: true,
      onVerification: (verification) => {
        popup.location.href = verification.url;
        onVerification?.(verification);
      },
    });
  } finally {
    popup.close();
  }
}

const PENDING_PIN_KEY = "plex-tv-auth:pending-pin";

interface PendingPin {
  id: number;
  /** When it expires, by this device's clock (Date.now() terms). */
  deadline?: number;
}

const isPendingPin = (value: unknown): value is PendingPin => {
  const { id, deadline } = (value ?? {}) as Partial<PendingPin>;
  return (
    typeof value === "object" &&
    Number.isSafeInteger(id) &&
    id! > 0 &&
    (deadline === undefined || (typeof deadline === "number" && Number.isFinite(deadline)))
  );
};

export interface RedirectLoginOptions extends Pick<AuthAppUrlOptions, "authAppBaseUrl"> {
  /** Where the auth app sends the user back: a page of this app that calls completeRedirectLogin. */
  forwardUrl: string;
  /** Where the pending PIN is kept across the redirect; default sessionStorage (never the URL: login CSRF). */
  storage?: WebStorage;
  /** How to leave the page; default location.assign. */
  navigate?: (url: string) => void;
  signal?: AbortSignal;
}

/**
 * The auth app sends the user (and, in the URL, nothing secret) to `forwardUrl`: it must be an http(s) page of this
 * app's own origin, never somewhere else.
 */
function checkForwardUrl(forwardUrl: string): void {
  const here = globalThis.location?.href;
  let url: URL | undefined;
  try {
    url = new URL(forwardUrl, here);
  } catch {}
  if (!url || !/^https?:$/.test(url.protocol) || (here !== undefined && url.origin !== new URL(here).origin)) {
    throw new TypeError("startRedirectLogin: `forwardUrl` must be an http(s) URL of this page's origin");
  }
}

/** Creates a PIN, keeps its id in sessionStorage and sends this tab to the auth app, which returns to `forwardUrl`. */
export async function startRedirectLogin(plex: PlexTvClient, options: RedirectLoginOptions): Promise<void> {
  const {
    forwardUrl,
    storage = globalThis.sessionStorage,
    navigate = (url) => globalThis.location.assign(url),
    signal,
  } = options;
  checkForwardUrl(forwardUrl);
  const pin = await createPin(plex, { strong: true, signal });
  const pending: PendingPin = { id: pin.id, deadline: pinDeadline(pin) };
  storage.setItem(PENDING_PIN_KEY, JSON.stringify(pending));
  navigate(authAppUrl(plex, pin, { forwardUrl, authAppBaseUrl: options.authAppBaseUrl }));
}

/**
 * On the page the auth app returned to: checks the pending PIN once. Resolves with the token when the user approved,
 * with null when there is no pending sign-in or the user came back without approving; rejects with PinExpiredError
 * when the PIN expired. The pending PIN is forgotten once the answer is final (kept after a network failure, so a
 * reload can try again).
 */
export async function completeRedirectLogin(
  plex: PlexTvClient,
  { storage = globalThis.sessionStorage, signal }: { storage?: WebStorage; signal?: AbortSignal } = {},
): Promise<AuthTokenResult | null> {
  let pending: unknown;
  try {
    pending = JSON.parse(storage.getItem(PENDING_PIN_KEY) ?? "null");
  } catch {}
  // An entry this package did not write (or a damaged one) is dropped, never acted on.
  if (!isPendingPin(pending)) return (storage.removeItem(PENDING_PIN_KEY), null);
  try {
    if (typeof pending.deadline === "number" && Date.now() >= pending.deadline)
      throw new PinExpiredError(`PIN ${pending.id} expired before it was approved`);
    const pin = await checkPin(plex, pending.id, { signal });
    storage.removeItem(PENDING_PIN_KEY);
    return pin.authToken ? { authToken: pin.authToken, pin } : null;
  } catch (error) {
    if (error instanceof PinExpiredError) storage.removeItem(PENDING_PIN_KEY);
    throw error;
  }
}
