// Operations named once: `send(client, "GET /api/v2/pins/{pinID}", init)` calls openapi-fetch with that method and
// path, which tsc checks against the client's `paths`, and the same name is what every message says: always the
// spec's template, never an id. A non-2xx answer becomes a typed error here.

import type { Client, FetchResponse, MaybeOptionalInit } from "openapi-fetch";
import { errorFromResponse, type ErrorMeaning } from "./errors";
import type { TokenSource, Transport } from "./fetch";

type Method = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/** "GET /api/v2/user": each operation of `Paths`, its method and its path as the spec spells them. */
export type OperationName<Paths> = {
  [P in keyof Paths & string]: {
    [M in Method]: Paths[P] extends Record<M, {}> ? `${Uppercase<M>} ${P}` : never;
  }[Method];
}[keyof Paths & string];

type MethodOf<O> = O extends `${infer M} ${string}` ? Lowercase<M> & Method : never;
type PathOf<Paths, O> = O extends `${string} ${infer P}` ? P & keyof Paths : never;

type MethodKey<Paths, O> = MethodOf<O> & keyof Paths[PathOf<Paths, O>];
type OperationOf<Paths, O> = Paths[PathOf<Paths, O>][MethodKey<Paths, O>];

/** What openapi-fetch takes for operation `O` (params, body, headers, signal…). */
export type OperationInit<Paths, O> = NonNullable<MaybeOptionalInit<Paths[PathOf<Paths, O>], MethodKey<Paths, O>>>;

/** What a 2xx answer of `O` holds (what the spec promises: the callers still check what they rely on). */
export type OperationData<Paths, O> = NonNullable<
  FetchResponse<OperationOf<Paths, O> & Record<string | number, any>, {}, "application/json">["data"]
>;

const transports = new WeakMap<object, Transport>();

/** A client whose requests go through `transport`: what `send` needs of it. */
export function withTransport<C extends object>(client: C, transport: Transport): C {
  transports.set(client, transport);
  return client;
}

export interface SendOptions {
  /** This call's token instead of the client's; sent as X-Plex-Token (never to a tokenless operation). */
  token?: TokenSource | undefined;
  /** What an error answer means in this operation (see errorFromResponse). */
  meaning?: ErrorMeaning;
}

/**
 * Sends operation `O` of the client's spec and returns the answer's data. A non-2xx answer is a typed PlexTvError
 * (the transport already types network failures, redirects and bodies that are not JSON); an abort by `init.signal`
 * rejects with the signal's reason; anything else, such as an error from the app's own token function, passes
 * through as it is.
 */
export async function send<Paths extends {}, O extends OperationName<Paths>>(
  client: Client<Paths, "application/json">,
  operation: O,
  init: OperationInit<Paths, O>,
  { token, meaning }: SendOptions = {},
): Promise<OperationData<Paths, O>> {
  const transport = transports.get(client)!;
  const [method, path] = operation.split(" ");
  const signal = (init as { signal?: AbortSignal | null }).signal;
  let result: { data?: unknown; error?: unknown; response: Response };
  // The token the request carried: kept out of the error's message, should the answer repeat it.
  let sent: string | null = null;
  try {
    result = await (client.request as Function)(method, path, {
      ...init,
      fetch: (request: Request) =>
        transport(request, operation, token).finally(() => (sent = request.headers.get("X-Plex-Token"))),
    });
  } catch (error) {
    signal?.throwIfAborted();
    throw error;
  }
  if (!result.response.ok) throw errorFromResponse(operation, result.response, result.error, meaning, sent);
  return result.data as OperationData<Paths, O>;
}
