// What the stand-in answers, and how: plex.tv's error bodies, JSON or XML by the `Accept` rule, injected faults.

import type { ServerResponse } from "node:http";
import type { Fault } from "./faults";
import { toXml } from "./xml";

export interface Answer {
  status: number;
  body?: unknown;
  /** The XML root element's name ("pin", "user", "resources"); error bodies are always `<errors>`. */
  xml?: string;
}

export const plexError = (code: number, message: string, status?: number) => ({
  errors: [{ code, message, ...(status === undefined ? {} : { status }) }],
});

export const notFound: Answer = { status: 404, body: plexError(1020, "Code not found or expired") };
export const unauthorized: Answer = { status: 401, body: plexError(1001, "User could not be authenticated", 401) };
export const tokenExpired: Answer = { status: 498, body: plexError(1098, "Token expired", 498) };
export const badRequest = (message: string): Answer => ({ status: 400, body: plexError(1000, message, 400) });
export const unprocessable = (message: string): Answer => ({ status: 422, body: plexError(1099, message, 422) });

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

/** plex.tv's rule: JSON only for `Accept: application/json` exactly; XML otherwise. */
export function send(response: ServerResponse, accept: string | undefined, answer: Answer): void {
  let body = "";
  let type: string | undefined;
  if (answer.body !== undefined) {
    if (accept === "application/json") {
      body = JSON.stringify(answer.body);
      type = "application/json; charset=utf-8";
    } else {
      body = toXml(isErrorBody(answer.body) ? "errors" : (answer.xml ?? "response"), answer.body);
      type = "application/xml; charset=utf-8";
    }
  }
  response.writeHead(answer.status, type ? { "Content-Type": type } : {});
  response.end(body);
}

/** Answers with an injected fault instead of `ok` (which a truncated body is cut from). */
export function sendFault(response: ServerResponse, fault: Exclude<Fault, { kind: "delay" | "reset" }>, ok: Answer) {
  switch (fault.kind) {
    case "status": {
      const body = fault.body ?? JSON.stringify(plexError(fault.status, `injected ${fault.status}`, fault.status));
      response.writeHead(fault.status, { "Content-Type": fault.contentType ?? "application/json", ...fault.headers });
      return response.end(body);
    }
    case "rateLimit": {
      const headers: Record<string, string> = { "Content-Type": "application/json" };
      if (fault.retryAfter !== undefined) headers["Retry-After"] = String(fault.retryAfter);
      response.writeHead(429, headers);
      return response.end(JSON.stringify(plexError(1003, "Too many requests", 429)));
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
