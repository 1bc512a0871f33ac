// Wraps fetch so that a request, body included, ends within `timeoutMs`, and every failure without an answer
// becomes a PlexTvNetworkError. The caller's own abort keeps its reason. No timer or listener outlives a request.

import { PlexTvError, PlexTvNetworkError, PlexTvTimeoutError } from "./errors";

export type FetchLike = (input: Request) => Promise<Response>;

const nullBodyStatuses = new Set([101, 204, 205, 304]);

export function fetchWithTimeout(getFetch: () => FetchLike, timeoutMs: number): FetchLike {
  return async (request) => {
    const outer = request.signal;
    if (outer.aborted) throw outer.reason;
    const controller = new AbortController();
    const onAbort = () => controller.abort(outer.reason);
    outer.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(
      () => controller.abort(new PlexTvTimeoutError(`no answer from plex.tv within ${timeoutMs} ms`)),
      timeoutMs,
    );
    try {
      const response = await getFetch()(new Request(request, { signal: controller.signal }));
      // Read the body inside the deadline too: a server that stalls mid-body must not hang the caller.
      const body = nullBodyStatuses.has(response.status) ? null : await response.arrayBuffer();
      return new Response(body, response);
    } catch (error) {
      if (outer.aborted) throw outer.reason;
      if (controller.signal.aborted) throw controller.signal.reason;
      if (error instanceof PlexTvError) throw error;
      throw new PlexTvNetworkError(`${request.method} ${new URL(request.url).pathname}: no answer from plex.tv`, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
      outer.removeEventListener("abort", onAbort);
    }
  };
}
