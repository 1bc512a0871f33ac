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
}
