// A server's clock as seen from here. Devices (TVs, a Raspberry Pi before NTP) are often minutes or years off, and
// some answers are only meaningful by the server's clock (a PIN's expiresAt, a JWT's iat and exp): each answer's
// `Date` header tells how far the server's clock is from this one. The transport notes it from every answer.

export interface ServerClock {
  /**
   * How far the server's clock is ahead of this one, in ms (second resolution: `Date` has no more); undefined until
   * an answer has told (always, in a browser: plex.tv does not let pages read `Date`).
   */
  readonly skewMs?: number | undefined;
}

/** The server's time now, in ms, as far as its answers have told (this device's clock until one has). */
export const serverNow = (clock: ServerClock) => Date.now() + (clock.skewMs ?? 0);

/** Notes the server's clock from an answer's `Date` header, when it has one. */
export function noteDate(clock: { skewMs?: number | undefined }, response: Response): void {
  const date = Date.parse(response.headers.get("Date")!);
  if (date === date) clock.skewMs = date - Date.now(); // NaN (no Date) is the one value unequal to itself
}
