// Server-given delays are read sanely: Retry-After in seconds or as an HTTP date by the server's own clock.

import { RateLimitedError } from "../../src";
import { backoffDelay } from "../../src/transport/backoff";
import { parseRetryAfter } from "../../src/transport/errors";

describe("Retry-After", () => {
  const serverDate = "Mon, 23 Nov 2026 10:00:00 GMT";

  it("reads delay-seconds and future HTTP dates (by plex.tv's Date)", () => {
    expect(parseRetryAfter("5")).toBe(5000);
    expect(parseRetryAfter("Mon, 23 Nov 2026 10:00:07 GMT", serverDate)).toBe(7000);
  });

  it.each(["-5", "1.5", "+3", " ", "Mon, 23 Nov 2026 09:59:00 GMT", "not a date"])(
    "falls back to backoff for %j",
    (value) => expect(parseRetryAfter(value, serverDate)).toBeUndefined(),
  );

  it("is capped at maxBackoffMs, and never below the interval", () => {
    const tenMinutes = new RateLimitedError("429", { retryAfterMs: 600_000 });
    expect(backoffDelay(1, tenMinutes, 1000, 30_000)).toBe(30_000);
    expect(backoffDelay(1, new RateLimitedError("429", { retryAfterMs: 10 }), 1000, 30_000)).toBe(1000);
  });
});
