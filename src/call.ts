// One place that turns an openapi-fetch result into data or a typed error.

import { errorFromResponse, PlexTvError, PlexTvNetworkError, UnexpectedResponseError } from "./errors";

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Awaits an openapi-fetch call of `operation` (such as "GET /api/v2/pins/{pinID}") and returns its data;
 * a non-2xx answer, a body that is not JSON or a failed request becomes a PlexTvError, and an abort by
 * `signal` rejects with the signal's reason.
 */
export async function call<T>(operation: string, pending: Promise<FetchResult<T>>, signal?: AbortSignal): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await pending;
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (error instanceof PlexTvError) throw error;
    if ((error as Error | null)?.name === "SyntaxError") {
      throw new UnexpectedResponseError(`${operation}: plex.tv sent malformed JSON`);
    }
    throw new PlexTvNetworkError(`${operation}: the request failed`, { cause: error });
  }
  const { response } = result;
  if (!response.ok) throw errorFromResponse(operation, response, result.error);
  return result.data as T;
}
