// What a spec lets a stand-in answer to each of its operations: the statuses the operation declares, and for each the
// body its schema gives. A stand-in keys its routes by the spec's "METHOD /path" names and types each answer so:
// when the spec changes and the stand-in does not follow, tsc fails in the stand-in.

import type { OperationName } from "../transport/operation";

export type { OperationName };

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 205 | 206;

type OperationOf<Paths, O> = O extends `${infer M} ${infer P}`
  ? P extends keyof Paths
    ? Lowercase<M> extends keyof Paths[P]
      ? Paths[P][Lowercase<M>]
      : never
    : never
  : never;

type ResponsesOf<Paths, O> = OperationOf<Paths, O> extends { responses: infer R } ? R : never;

/** The JSON body a response declares, or undefined when it has none (a 204, an HTML page). */
type JsonOf<R> = R extends { content: { "application/json": infer C } } ? C : undefined;

type Declared<Paths, O> = keyof ResponsesOf<Paths, O> & number;

/** One answer per declared status: a JSON body where the spec gives one (with its XML root name), none otherwise. */
type AnswerFor<R, S> =
  JsonOf<R> extends undefined ? { status: S; body?: undefined } : { status: S; body: JsonOf<R>; xml?: string };

/** What the stand-in may answer to operation `O` of `Paths`: a declared status with the body its schema gives. */
export type SpecAnswer<Paths, O> = {
  [S in Declared<Paths, O>]: AnswerFor<ResponsesOf<Paths, O>[S], S>;
}[Declared<Paths, O>];

/** Only the 2xx answers of `O`. */
export type SpecSuccess<Paths, O> = Extract<SpecAnswer<Paths, O>, { status: SuccessStatus }>;
