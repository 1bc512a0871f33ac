// The sign-in routes' answers: JSON that no cache keeps and no browser sniffs, with a status per outcome.

const baseHeaders = {
  "Content-Type": "application/json; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
};

/** A JSON answer; `cookies` become Set-Cookie headers, `extra` is merged in (an app's own headers). */
export function json(status: number, body: unknown, cookies: string[] = [], extra?: HeadersInit): Response {
  const headers = new Headers(baseHeaders);
  for (const cookie of cookies) headers.append("Set-Cookie", cookie);
  if (extra) for (const [name, value] of new Headers(extra)) headers.append(name, value);
  if (typeof (body as { retryAfterMs?: unknown })?.retryAfterMs === "number") {
    headers.set("Retry-After", String(Math.ceil((body as { retryAfterMs: number }).retryAfterMs / 1000)));
  }
  return new Response(JSON.stringify(body), { status, headers });
}

/** A request this route cannot take: `error` names the problem for code, `message` for people. */
export const problem = (status: number, error: string, message: string, cookies?: string[], extra?: HeadersInit) =>
  json(status, { status: "error", error, message }, cookies, extra);

/** A plain-text page, for the callback the browser lands on (no script of the app reads it). */
export function page(status: number, text: string, cookies: string[] = [], extra?: HeadersInit): Response {
  const response = json(status, null, cookies, extra);
  response.headers.set("Content-Type", "text/plain; charset=utf-8");
  return new Response(`${text}\n`, { status, headers: response.headers });
}

/** A 303 to `location` (where the browser goes next), with cookies and the app's headers. */
export function redirect(location: string, cookies: string[] = [], extra?: HeadersInit): Response {
  const headers = json(303, null, cookies, extra).headers;
  headers.delete("Content-Type");
  headers.set("Location", location);
  return new Response(null, { status: 303, headers });
}

/**
 * A request body as text, at most `limit` bytes: undefined when it is longer (Content-Length first, then as it
 * arrives, so an endless body costs a bounded buffer).
 */
export async function boundedText(request: Request, limit: number): Promise<string | undefined> {
  const declared = request.headers.get("Content-Length");
  if (declared !== null && Number(declared) > limit) return undefined;
  const reader = request.body?.getReader();
  if (!reader) return "";
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    text += decoder.decode(value, { stream: true });
  }
}
