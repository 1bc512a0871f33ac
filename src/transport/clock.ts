// A server's clock as seen from here. Devices (TVs, a Raspberry Pi before NTP) are often minutes or years off, and
// some answers are only meaningful by the server's clock (a PIN's expiresAt, a JWT's iat and exp): each answer's
// `Date` header tells how far the server's clock is from this one. The transport notes it from every answer.

/** What the transport notes of a server's clock. */
export interface NotedClock {
  /**
   * How far the server's clock is ahead of this one, in ms (second resolution: `Date` has no more); undefined until
   * an answer has told (always, in a browser: plex.tv does not let pages read `Date`).
   */
  skewMs?: number | undefined;
}

/** A server's clock as its readers see it: only the transport writes it. */
export type ServerClock = Readonly<NotedClock>;

/** The server's time now, in ms, as far as its answers have told (this device's clock until one has). */
export const serverNow = (clock: ServerClock) => Date.now() + (clock.skewMs ?? 0);

/** Notes the server's clock from an answer's `Date` header, when it has one. */
export function noteDate(clock: NotedClock, response: Response): void {
  const date = Date.parse(response.headers.get("Date")!);
  if (date === date) clock.skewMs = date - Date.now(); // NaN (no Date) is the one value unequal to itself
}
