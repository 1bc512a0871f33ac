// fileStore: a store in a JSON file the user alone can read, safe to share between processes (two CLI runs, an
// app and its worker).

import { randomUUID } from "node:crypto";
import { mkdir, open, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { KeyValueStore } from "./key-value";

/** The store file is not a JSON object: it is never overwritten; the message names it and how to fix it. */
export class CorruptStoreError extends Error {
  override name = "CorruptStoreError";
  constructor(readonly path: string) {
    super(`${path} is not a JSON object; fix it or delete it (it holds the sign-in and the client identifier)`);
  }
}

async function readJson(path: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CorruptStoreError(path);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new CorruptStoreError(path);
  return parsed as Record<string, string>;
}

// Written to a temporary file in the same folder, created 0600 and flushed to disk, then renamed over the old one:
// a crash leaves the old file or the new one, never half of one, and the token is never readable by other users.
async function writeJsonAtomically(path: string, values: Record<string, string>): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  try {
    const file = await open(temporary, "wx", 0o600);
    try {
      await file.chmod(0o600); // the umask may have narrowed the mode given to open; never widened it
      await file.writeFile(JSON.stringify(values, null, 2) + "\n");
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** A lock older than this is from a process that died holding it. */
const STALE_LOCK_MS = 10_000;
const LOCK_WAIT_MS = 15_000;

/**
 * Runs `task` holding `${path}.lock` (created exclusively), so read-merge-write cycles of other processes cannot
 * interleave with it. A lock left by a crashed process (its pid gone, or older than 10 s) is taken over.
 */
async function withFileLock<T>(path: string, task: () => Promise<T>): Promise<T> {
  const lock = `${path}.lock`;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const giveUpAt = Date.now() + LOCK_WAIT_MS;
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    try {
      await writeFile(lock, String(process.pid), { flag: "wx", mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    if (await isStale(lock)) {
      await rm(lock, { force: true });
      continue;
    }
    if (Date.now() > giveUpAt) throw new Error(`${lock} is held by another process; delete it if none is running`);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  try {
    return await task();
  } finally {
    await rm(lock, { force: true });
  }
}

async function isStale(lock: string): Promise<boolean> {
  try {
    const [owner, info] = await Promise.all([readFile(lock, "utf8"), stat(lock)]);
    if (Date.now() - info.mtimeMs > STALE_LOCK_MS) return true;
    const pid = Number(owner);
    if (!Number.isInteger(pid) || pid <= 0) return false; // being written right now
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // Its owner is gone. (ENOENT, the lock released meanwhile, is not "stale": removing the path now could remove
    // the next holder's fresh lock; the caller just tries again.)
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** fileStore's store: every method returns a promise, and setIfAbsent is always there. */
export interface FileStore extends KeyValueStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  setIfAbsent(key: string, value: string): Promise<string>;
  /** Several keys read together, from one version of the file (another process's update is in all or none). */
  getMany<Key extends string>(keys: readonly Key[]): Promise<Record<Key, string | undefined>>;
  /**
   * Sets several keys (undefined deletes one) in one locked update: other processes see all of the changes or none.
   * With `expected`, only while each of those keys still holds that value (undefined: absent); resolves to whether
   * the update was made.
   */
  setMany(
    changes: Record<string, string | undefined>,
    options?: { expected?: Record<string, string | undefined> },
  ): Promise<boolean>;
}

/**
 * A store in one JSON file, created with mode 0600, always written atomically. Every change is a read-merge-write
 * under a lock file, so processes sharing the file never lose one another's keys.
 */
export function fileStore(path: string): FileStore {
  // Within this process, changes also queue, so the lock is never contended by ourselves.
  let queue: Promise<unknown> = Promise.resolve();
  const update = <T>(change: (values: Record<string, string>) => T): Promise<T> => {
    const next = queue.then(() =>
      withFileLock(path, async () => {
        const values = await readJson(path);
        const before = JSON.stringify(values);
        const result = change(values);
        if (JSON.stringify(values) !== before) await writeJsonAtomically(path, values);
        return result;
      }),
    );
    queue = next.catch(() => {});
    return next;
  };
  return {
    get: async (key) => {
      await queue;
      const value = (await readJson(path))[key];
      return typeof value === "string" ? value : undefined;
    },
    set: (key, value) =>
      update((values) => {
        values[key] = value;
      }),
    delete: (key) =>
      update((values) => {
        delete values[key];
      }),
    setIfAbsent: (key, value) =>
      update((values) => {
        const stored = values[key];
        if (typeof stored === "string" && stored.trim() !== "") return stored;
        return (values[key] = value);
      }),
    getMany: async (keys) => {
      await queue;
      const values = await readJson(path);
      const stringOrUndefined = (value: unknown) => (typeof value === "string" ? value : undefined);
      return Object.fromEntries(keys.map((key) => [key, stringOrUndefined(values[key])])) as Record<
        (typeof keys)[number],
        string | undefined
      >;
    },
    setMany: (changes, { expected = {} } = {}) =>
      update((values) => {
        const held = (key: string) => (typeof values[key] === "string" ? values[key] : undefined);
        if (Object.entries(expected).some(([key, value]) => held(key) !== value)) return false;
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined) delete values[key];
          else values[key] = value;
        }
        return true;
      }),
  };
}
