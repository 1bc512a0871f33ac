// The sign-in routes' answers: JSON that no cache keeps and no browser sniffs, with a status per outcome.

/** No cache keeps an answer, no browser sniffs one; `cookies` become Set-Cookies, `extra` (the app's) is added. */
function headersOf(type: string | undefined, cookies: string[], extra?: HeadersInit): Headers {
  const headers = new Headers({ "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
  if (type) headers.set("Content-Type", type);
  for (const cookie of cookies) headers.append("Set-Cookie", cookie);
  if (extra) for (const [name, value] of new Headers(extra)) headers.append(name, value);
  return headers;
}

/** A JSON answer; a body with `retryAfterMs` says the same in Retry-After (whole seconds). */
export function json(status: number, body: unknown, cookies: string[] = [], extra?: HeadersInit): Response {
  const headers = headersOf("application/json; charset=utf-8", cookies, extra);
  const { retryAfterMs } = (body ?? {}) as { retryAfterMs?: unknown };
  if (typeof retryAfterMs === "number") headers.set("Retry-After", String(Math.ceil(retryAfterMs / 1000)));
  return new Response(JSON.stringify(body), { status, headers });
}

/** A request this route cannot take: `error` names the problem for code, `message` for people. */
export const problem = (status: number, error: string, message: string, cookies?: string[], extra?: HeadersInit) =>
  json(status, { status: "error", error, message }, cookies, extra);

/** A plain-text page, for the callback the browser lands on (no script of the app reads it). */
export const page = (status: number, text: string, cookies: string[] = [], extra?: HeadersInit) =>
  new Response(`${text}\n`, { status, headers: headersOf("text/plain; charset=utf-8", cookies, extra) });

/**
 * The page a sign-in popup lands on at the end: it closes itself (its opener cannot, under the auth page's
 * Cross-Origin-Opener-Policy), or says it may be closed where the browser refuses.
 */
export const closingPage = (text: string) =>
  new Response(
    `<!doctype html><meta charset="utf-8"><title>Sign in with Plex</title><p>${text}</p><script>close()</script>\n`,
    {
      status: 200,
      headers: headersOf("text/html; charset=utf-8", []),
    },
  );

/** A 303 to `location` (where the browser goes next), with cookies and the app's headers. */
export function redirect(location: string, cookies: string[] = [], extra?: HeadersInit): Response {
  const headers = headersOf(undefined, cookies, extra);
  headers.set("Location", location);
  return new Response(null, { status: 303, headers });
}
