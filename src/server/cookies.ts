// Reading the Cookie header and writing Set-Cookie, as far as the sign-in needs: its own cookies only.

/** The cookies of a Cookie header, by name (the first of a repeated name wins: browsers send the most specific first). */
export function readCookies(header: string | null | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

export interface CookieAttributes {
  path: string;
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
  secure: boolean;
}

/** An HttpOnly, SameSite=Lax cookie: Lax, so the auth app's top-level return to the callback carries it. */
export function setCookie(name: string, value: string, { path, maxAge, secure }: CookieAttributes): string {
  return `${name}=${value}; Path=${path}; Max-Age=${Math.max(0, Math.ceil(maxAge))}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}
