// Node's http request and response, to and from the Fetch standard's, for the framework adapters. Types only from
// node:http: this module runs wherever the handler does.

import type { IncomingMessage, ServerResponse } from "node:http";

/** A Node request, as frameworks extend it: Express's originalUrl, protocol and parsed body. */
export type NodeRequest = IncomingMessage & { originalUrl?: string; protocol?: string; body?: unknown };

/** The most bytes of a request body passed on to the handler (which reads far less). */
export const MAX_NODE_BODY_BYTES = 64 * 1024;

async function bodyOf(req: NodeRequest, limit: number): Promise<Uint8Array | string | undefined | null> {
  if (req.method === "GET" || req.method === "HEAD") return null;
  // A body parser (express.json) read the stream already: what it made of it is all there is.
  if (req.readableEnded || (req as { _body?: unknown })._body) {
    const { body } = req;
    if (body === undefined || body === null) return null;
    if (typeof body === "string" || body instanceof Uint8Array) return body;
    const type = String(req.headers["content-type"] ?? "");
    return type.startsWith("application/x-www-form-urlencoded")
      ? new URLSearchParams(body as Record<string, string>).toString()
      : JSON.stringify(body);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) (bytes.set(chunk, at), (at += chunk.byteLength));
  return bytes;
}

/**
 * The Fetch Request for a Node request, its body read whole up to `limit` bytes: undefined when it is longer. The
 * URL is the request's path on its own Host (and protocol, as Express reads it behind a trusted proxy).
 */
export async function toFetchRequest(req: NodeRequest, limit = MAX_NODE_BODY_BYTES): Promise<Request | undefined> {
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted;
  const protocol = req.protocol ?? (encrypted ? "https" : "http");
  const path = req.originalUrl ?? req.url ?? "/";
  // A path on this Host, never an origin a client names: not an absolute URL in the request line, nor a path
  // beginning "//", which URL parsing would read as a host.
  const url = new URL(`${protocol}://${req.headers.host ?? "localhost"}`);
  const [pathname, search] = (path.startsWith("/") ? path : "/").split(/\?(.*)/s, 2);
  url.pathname = pathname!;
  url.search = search ?? "";
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith(":") || value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const body = await bodyOf(req, limit);
  if (body === undefined) return undefined;
  return new Request(url, { method: req.method, headers, ...(body === null ? {} : { body: body as BodyInit }) });
}

/** Writes a Fetch Response to a Node response, keeping Set-Cookies the app (or its session middleware) set already. */
export async function sendFetchResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) {
    const before = res.getHeader("Set-Cookie");
    const earlier = before === undefined ? [] : Array.isArray(before) ? before : [String(before)];
    res.setHeader("Set-Cookie", [...earlier, ...cookies]);
  }
  res.end(new Uint8Array(await response.arrayBuffer()));
}

/**
 * A node:http request listener over a Fetch handler (createForwardAuth's, createSignInHandler's): for a gateway's
 * auth service on plain Node. A request it cannot read (too long a body, a Host no URL takes) gets 400 or 413.
 */
export function toNodeListener(handler: (request: Request) => Promise<Response>) {
  return async (req: NodeRequest, res: ServerResponse): Promise<void> => {
    let request: Request | undefined;
    try {
      request = await toFetchRequest(req);
    } catch {
      res.statusCode = 400;
      return void res.end();
    }
    if (!request) {
      res.statusCode = 413;
      return void res.end();
    }
    let response: Response;
    try {
      response = await handler(request);
    } catch {
      response = new Response(null, { status: 500 });
    }
    await sendFetchResponse(res, response);
  };
}
