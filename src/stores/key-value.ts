// Small key-value stores for what must survive a restart: the client identifier, and (in apps) the token.

export interface KeyValueStore {
  get(key: string): string | null | undefined | Promise<string | null | undefined>;
  set(key: string, value: string): void | Promise<void>;
  delete(key: string): void | Promise<void>;
  /**
   * Optional: stores `value` unless a non-empty value is stored already, in one step no other writer can split,
   * and returns the value stored now. Stores shared between processes (fileStore) have it.
   */
  setIfAbsent?(key: string, value: string): Promise<string>;
}

/** Keeps values for the life of the process: for tests, and for apps that persist identity themselves. */
export function memoryStore(initial: Record<string, string> = {}): KeyValueStore {
  const values = new Map(Object.entries(initial));
  return {
    get: (key) => values.get(key),
    set: (key, value) => void values.set(key, value),
    delete: (key) => void values.delete(key),
  };
}

/** What the package needs of a Web Storage (localStorage, sessionStorage): our own type, so no DOM library is needed. */
export interface WebStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Browsers: `localStorage` by default, keys prefixed so they do not clash with the app's own. */
export function webStorageStore(
  storage: WebStorage = globalThis.localStorage,
  prefix = "plex-tv-auth:",
): KeyValueStore {
  if (!storage) throw new TypeError("webStorageStore: no Web Storage here; pass one (localStorage, sessionStorage)");
  return {
    get: (key) => storage.getItem(prefix + key),
    set: (key, value) => storage.setItem(prefix + key, value),
    delete: (key) => storage.removeItem(prefix + key),
  };
}
