// A Map that holds at most `limit` entries: past it, the oldest one set goes. What the stand-ins keep for clients
// (PINs, nonces, tokens, sign-in failures) is bounded so, whatever those clients send.

export class BoundedMap<K, V> extends Map<K, V> {
  constructor(readonly limit: number) {
    super();
    if (!(limit >= 1)) throw new TypeError("BoundedMap: `limit` must be positive");
  }

  override set(key: K, value: V): this {
    // A key set again counts as new: it moves to the end.
    super.delete(key);
    super.set(key, value);
    while (this.size > this.limit) super.delete(this.keys().next().value as K);
    return this;
  }

  #swept = -Infinity;

  /**
   * Drops the entries whose `expiresAt` is past by `now`, at most once a second: a client adding entries in a loop
   * pays one pass over them a second, not one per entry.
   */
  dropExpired(now: number, expiresAt: (value: V) => number): void {
    if (now - this.#swept < 1000) return;
    this.#swept = now;
    for (const [key, value] of this) if (now >= expiresAt(value)) this.delete(key);
  }
}
