// The fetch under every client: plex.tv's transport rules in one place.
// - A request, body included, ends within `timeoutMs`; the caller's own abort keeps its reason.
// - A failure without an answer becomes a PlexTvNetworkError (PlexTvTimeoutError for the deadline).
// - A 2xx answer that is not JSON (plex.tv's XML, a proxy's HTML page) becomes an UnexpectedResponseError.
// The timer and the abort listener are released as soon as the body has been read, so nothing outlives a request.

import { PlexTvError, PlexTvNetworkError, PlexTvTimeoutError, UnexpectedResponseError } from "./errors";

/** fetch, or anything that takes the same (Request, init) arguments and honours `init.signal`. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

const bodyReaders = ["arrayBuffer", "blob", "json", "text"] as const;
const json = /^application\/(?:[\w.+-]+\+)?json\b/i;

export function plexFetch(getFetch: () => FetchLike, timeoutMs: number): FetchLike {
  return async (request) => {
    const outer = request.signal;
    outer.throwIfAborted();
    const controller = new AbortController();
    const onAbort = () => controller.abort(outer.reason);
    outer.addEventListener("abort", onAbort, { once: true });
    const where = () => `${request.method} ${new URL(request.url).pathname}`;
    const timer = setTimeout(
      () => controller.abort(new PlexTvTimeoutError(`${where()}: no answer from plex.tv within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const release = () => {
      clearTimeout(timer);
      outer.removeEventListener("abort", onAbort);
    };
    const failure = (error: unknown) => {
      // Aborted by the caller (the listener passed on its reason) or by the deadline.
      if (controller.signal.aborted) return controller.signal.reason;
      if (error instanceof PlexTvError) return error;
      return new PlexTvNetworkError(`${where()}: no answer from plex.tv`, { cause: error });
    };

    let response: Response;
    let empty: boolean;
    try {
      response = await getFetch()(request, { signal: controller.signal });
      // No body to read (204, or Content-Length: 0): openapi-fetch will not read one, so release at once below.
      empty = !response.body || response.headers.get("Content-Length") === "0";
      const type = response.headers.get("Content-Type");
      if (response.ok && !empty && !json.test(type ?? "")) {
        // Read and drop the page: it frees the connection at once.
        await response.arrayBuffer();
        throw new UnexpectedResponseError(`${where()}: expected JSON, got ${type}`, {
          status: response.status,
        });
      }
    } catch (error) {
      release();
      throw failure(error);
    }
    if (empty) {
      release();
      return response;
    }
    // The deadline still covers the body: release when it has been read, and type a failure while reading it.
    for (const name of bodyReaders) {
      const read = response[name].bind(response) as () => Promise<unknown>;
      Object.defineProperty(response, name, {
        value: () =>
          read().then(
            (value) => (release(), value),
            (error) => {
              release();
              throw failure(error);
            },
          ),
      });
    }
    return response;
  };
}
