// One place that turns an openapi-fetch result into data or a typed error.

import { errorFromResponse } from "./errors";

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Awaits an openapi-fetch call of `operation` (such as "GET /api/v2/pins/{pinID}") and returns its data.
 * A non-2xx answer becomes a typed PlexTvError (the client's fetch already types network failures, redirects and
 * bodies that are not JSON); an abort by `signal` rejects with the signal's reason; anything else, such as an error
 * from the app's own token function, passes through as it is.
 */
export async function call<T>(operation: string, pending: Promise<FetchResult<T>>, signal?: AbortSignal): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await pending;
  } catch (error) {
    signal?.throwIfAborted();
    throw error;
  }
  const { response } = result;
  if (!response.ok) throw errorFromResponse(operation, response, result.error);
  return result.data as T;
}
