// Faults the stand-in can inject into its next answers on a route.

import type { paths } from "../../generated/plex-tv";
import type { OperationName } from "./spec-answers";

export type Fault =
  /** Answer this status (default body: a Plex error body). */
  | { kind: "status"; status: number; body?: string; contentType?: string; headers?: Record<string, string> }
  /** 429, with `Retry-After` when given (seconds, or an HTTP date). */
  | { kind: "rateLimit"; retryAfter?: string | number }
  /** Wait, then answer normally (or never, if longer than the client's timeout). */
  | { kind: "delay"; ms: number }
  /** Destroy the connection without an answer. */
  | { kind: "reset" }
  /** Answer 200 with a body that is not the JSON the spec promises. */
  | { kind: "body"; body: "xml" | "html" | "malformed" | "truncated" };

/** An operation as the spec names it ("GET /api/v2/pins/{pinID}"), or "*" for every route. */
export type Route = OperationName<paths> | "*";

interface Pending {
  fault: Fault;
  remaining: number;
}

/** Faults queued per route, each for a number of requests. */
export class FaultQueue {
  readonly #pending = new Map<string, Pending[]>();

  /** `routes`: the operations there are; a fault for any other name would never fire, so it is refused. */
  constructor(private readonly routes: ReadonlySet<string>) {}

  add(route: Route, fault: Fault, times = 1): void {
    if (route !== "*" && !this.routes.has(route)) {
      throw new TypeError(
        `fault: ${JSON.stringify(route)} is no operation of the spec (such as "GET /api/v2/user"), nor "*"`,
      );
    }
    if (!Number.isInteger(times) || times < 1) throw new TypeError("fault: `times` must be a positive integer");
    const list = this.#pending.get(route) ?? [];
    list.push({ fault, remaining: times });
    this.#pending.set(route, list);
  }

  /** Takes the fault for this request, if any is queued for its route or for "*". */
  take(route: string): Fault | undefined {
    for (const key of [route, "*"]) {
      const list = this.#pending.get(key);
      const first = list?.[0];
      if (!list || !first) continue;
      if (--first.remaining === 0) list.shift();
      return first.fault;
    }
    return undefined;
  }

  clear(): void {
    this.#pending.clear();
  }
}
