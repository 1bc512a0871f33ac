// The rules every client option is checked by, with the TypeError that names the option and who took it.

/** The default bound of one answer's body: far above any plex.tv or media-server answer these operations get. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Each request's deadline, by default. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** The longest delay setTimeout holds: a longer one would fire at once. */
export const MAX_DELAY_MS = 2 ** 31 - 1;

/** The TypeError for a bad option `name` of `who` ("createPlexTvClient"). */
export const optionError = (name: string, rule: string, who: string) =>
  new TypeError(`${who}: \`${name}\` must be ${rule}`);

/** A deadline option (`timeoutMs`) must be a delay setTimeout keeps. */
export function checkTimeoutMs(timeoutMs: number, who: string): void {
  if (!(timeoutMs > 0 && timeoutMs <= MAX_DELAY_MS)) throw optionError("timeoutMs", "positive, at most 2^31-1 ms", who);
}

/** A client's bounds: each request's deadline (checkTimeoutMs) and each answer's size, a positive whole number. */
export function checkBounds(timeoutMs: number, maxBodyBytes: number, who: string): void {
  checkTimeoutMs(timeoutMs, who);
  if (!(maxBodyBytes > 0 && maxBodyBytes % 1 === 0)) throw optionError("maxBodyBytes", "a positive whole number", who);
}
