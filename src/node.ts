// Node-only helpers (plex-tv-auth/node): a store in a JSON file the user alone can read.

import { randomUUID } from "node:crypto";
import { chmod, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { KeyValueStore } from "./stores";

async function readJson(path: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
  const parsed: unknown = JSON.parse(text);
  return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
}

// Written to a temporary file in the same folder, created 0600, then renamed over the old one: a crash leaves
// the old file or the new one, never half of one, and the token is never readable by other users.
async function writeJsonAtomically(path: string, values: Record<string, string>): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, JSON.stringify(values, null, 2) + "\n", { mode: 0o600, flag: "wx" });
    await chmod(temporary, 0o600);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** A store in one JSON file, created with mode 0600 and always written atomically. */
export function fileStore(path: string): KeyValueStore {
  // Writes are chained so two sets in a row cannot lose one another's key.
  let queue: Promise<unknown> = Promise.resolve();
  const update = (change: (values: Record<string, string>) => void) => {
    const next = queue.then(async () => {
      const values = await readJson(path);
      change(values);
      await writeJsonAtomically(path, values);
    });
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
  };
}
