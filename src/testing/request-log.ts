// A request log bounded by count AND by size: the oldest entries go first, and a long body or URL is cut in the
// log (the stand-in itself read all of it). A host of thousands of hostile requests keeps a few MiB, not all of them.

/** The longest text (URL, body) one entry keeps; the rest is cut, with a note of how much. */
export const LOG_FIELD_LIMIT = 8 * 1024;

/** `text`, cut to `limit` characters with a note of how many more there were. */
export function truncate(text: string, limit = LOG_FIELD_LIMIT): string {
  if (text.length <= limit) return text;
  // A copy: V8's slice of a string would keep the whole of it alive.
  const kept = Buffer.from(text.slice(0, limit), "utf16le").toString("utf16le");
  return `${kept}…[${text.length - limit} more characters]`;
}

export class RequestLog<Entry extends object> {
  /** The entries, oldest first (the array tests read: it is only ever changed in place). */
  readonly entries: Entry[] = [];
  readonly #sizes = new Map<Entry, number>();
  #bytes = 0;

  constructor(
    readonly maxCount: number,
    readonly maxBytes: number,
  ) {
    if (!(maxCount >= 1) || !(maxBytes >= 1)) throw new TypeError("request log: limits must be positive");
  }

  /** About how many bytes the log holds now. */
  get bytes(): number {
    this.#resync();
    return this.#bytes;
  }

  add(entry: Entry, size: number): void {
    this.#resync();
    this.entries.push(entry);
    this.#sizes.set(entry, size);
    this.#bytes += size;
    this.#evict();
  }

  /** The entry holds `extra` bytes more (its answer, once sent), if it is still in the log. */
  grow(entry: Entry, extra: number): void {
    const size = this.#sizes.get(entry);
    if (size === undefined) return;
    this.#sizes.set(entry, size + extra);
    this.#bytes += extra;
    this.#evict();
  }

  clear(): void {
    this.entries.splice(0);
    this.#sizes.clear();
    this.#bytes = 0;
  }

  #evict(): void {
    // The newest entry stays, whatever its size.
    let drop = 0;
    while (
      this.entries.length - drop > 1 &&
      (this.entries.length - drop > this.maxCount || this.#bytes > this.maxBytes)
    ) {
      const oldest = this.entries[drop++]!;
      this.#bytes -= this.#sizes.get(oldest) ?? 0;
      this.#sizes.delete(oldest);
    }
    if (drop) this.entries.splice(0, drop);
  }

  // A test may empty or cut the array itself: count only what is still in it.
  #resync(): void {
    if (this.entries.length === this.#sizes.size) return;
    const present = new Set(this.entries);
    this.#bytes = 0;
    for (const [entry, size] of this.#sizes) {
      if (present.has(entry)) this.#bytes += size;
      else this.#sizes.delete(entry);
    }
  }
}
