// What the plex.tv stand-in answers, and how: plex.tv's error bodies, JSON or XML by the `Accept` rule, the
// recorded framings, injected faults.

import type { ServerResponse } from "node:http";
import type { components, paths } from "../../generated/plex-tv";
import type { Fault } from "./faults";
import type { OperationName, SpecAnswer } from "./spec-answers";
import { toXml } from "./xml";

type PlexErrors = components["schemas"]["PlexErrors"];

/** An operation of spec/plex-tv.yaml, by its "METHOD /path" name. */
export type PlexTvOperation = OperationName<paths>;

/** What the stand-in may answer to `O`: a status the spec declares for it, with the body its schema gives. */
export type RouteAnswer<O extends PlexTvOperation> = SpecAnswer<paths, O>;

/** Any answer, as `send` renders it. */
export interface Answer {
  status: number;
  body?: unknown;
  /** The XML root element's name ("pin", "user", "resources"); error bodies are always `<errors>`. */
  xml?: string;
}

// Whether an error item carries a `status` member, by code, as recorded: the 2019 and 2020 captures of 1020,
// 1029 and 1041 have none; the only verbatim 2026 capture (1001) has one, as the facts page's 1000 and the 1031
// seen as XML do. Codes no capture shows (1028, 1003, and the stand-in's own 1002, 1098, 1099) follow the newest
// capture: with `status`.
const RECORDED_WITHOUT_STATUS = new Set([1020, 1029, 1041]);

export const errorBody = (status: number, code: number, message: string): PlexErrors => ({
  errors: [{ code, message, ...(RECORDED_WITHOUT_STATUS.has(code) ? {} : { status }) }],
});

export const failure = <S extends number>(status: S, code: number, message: string) => ({
  status,
  body: errorBody(status, code, message),
});

export const notFound = failure(404, 1020, "Code not found or expired");
export const unauthorized = failure(401, 1001, "User could not be authenticated");
export const tokenExpired = failure(498, 1098, "Token expired");
export const badRequest = (message: string) => failure(400, 1000, message);
export const unprocessable = (message: string) => failure(422, 1099, message);

/** An unknown route: plex.tv's Rails answer (2024 capture), not its v2 error body. */
export const routeNotFound: Answer = { status: 404, body: { status: 404, error: "Not Found" }, xml: "error" };

/** A request body parsed as a JSON object, or undefined. */
export function jsonBody(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const isErrorBody = (body: unknown) => Array.isArray((body as { errors?: unknown } | null)?.errors);

/**
 * How each answer is framed. plex.tv's JSON comes as `application/json` and as `application/json; charset=utf-8`,
 * with a Content-Length and chunked (all four recorded): the stand-in goes through the four in turn, one per answer
 * (charset and Content-Length; no charset and Content-Length; charset and chunked; no charset and chunked), so a
 * client's tests meet each of them.
 */
export class Framings {
  #count = 0;

  next(): { charset: boolean; chunked: boolean } {
    const n = this.#count++ % 4;
    return { charset: n % 2 === 0, chunked: n >= 2 };
  }
}

/** Writes `body` with a Content-Length, or chunked. */
export function writeFramed(response: ServerResponse, status: number, headers: Record<string, string>, body: string) {
  const chunked = headers["Transfer-Encoding"] === "chunked";
  const rest = { ...headers };
  delete rest["Transfer-Encoding"];
  if (!chunked || !body) {
    response.writeHead(status, { ...rest, "Content-Length": String(Buffer.byteLength(body)) });
    return void response.end(body);
  }
  // No Content-Length, and the body written before the end: Node frames it in chunks.
  response.writeHead(status, rest);
  response.write(body);
  response.end();
}

/**
 * plex.tv's rule: JSON only for `Accept: application/json` exactly (or for a `.json` path, whatever `Accept`
 * says); XML otherwise. Returns how many bytes of body it wrote.
 */
export function send(
  response: ServerResponse,
  { accept, json, framings }: { accept: string | undefined; json: boolean; framings: Framings },
  answer: Answer,
): number {
  const { charset, chunked } = framings.next();
  const framing: Record<string, string> = chunked ? { "Transfer-Encoding": "chunked" } : {};
  if (answer.body === undefined) {
    response.writeHead(answer.status);
    response.end();
    return 0;
  }
  let body: string;
  let type: string;
  if (json || accept === "application/json") {
    body = JSON.stringify(answer.body);
    type = charset ? "application/json; charset=utf-8" : "application/json";
  } else {
    body = toXml(isErrorBody(answer.body) ? "errors" : (answer.xml ?? "response"), answer.body);
    type = "application/xml; charset=utf-8";
  }
  writeFramed(response, answer.status, { "Content-Type": type, ...framing }, body);
  return body.length;
}

/** Answers with an injected fault instead of `ok` (which a truncated body is cut from). */
export function sendFault(response: ServerResponse, fault: Exclude<Fault, { kind: "delay" | "reset" }>, ok: Answer) {
  switch (fault.kind) {
    case "status": {
      const body = fault.body ?? JSON.stringify(errorBody(fault.status, fault.status, `injected ${fault.status}`));
      response.writeHead(fault.status, { "Content-Type": fault.contentType ?? "application/json", ...fault.headers });
      return response.end(body);
    }
    case "rateLimit": {
      const headers: Record<string, string> = { "Content-Type": "application/json" };
      if (fault.retryAfter !== undefined) headers["Retry-After"] = String(fault.retryAfter);
      response.writeHead(429, headers);
      return response.end(JSON.stringify(errorBody(429, 1003, "API rate limit exceeded")));
    }
    case "body": {
      const real = JSON.stringify(ok.body ?? {});
      const bodies = {
        xml: ['<?xml version="1.0" encoding="UTF-8"?>\n<pin id="1"/>', "application/xml"],
        html: ["<!DOCTYPE html><html><body><h1>Service Unavailable</h1></body></html>", "text/html"],
        malformed: ['{"id": 1, "code": ', "application/json"],
        truncated: [real.slice(0, Math.floor(real.length / 2)), "application/json"],
      } as const;
      const [body, type] = bodies[fault.body];
      response.writeHead(200, { "Content-Type": type });
      return response.end(body);
    }
  }
}
