import { mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadOrCreateClientIdentifier, memoryStore, webStorageStore } from "../../../src";
import { CorruptStoreError, fileStore } from "../../../src/node";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("loadOrCreateClientIdentifier", () => {
  it("creates a UUID once and returns the same one afterwards", async () => {
    const store = memoryStore();
    const first = await loadOrCreateClientIdentifier(store);
    expect(first).toMatch(uuid);
    expect(await loadOrCreateClientIdentifier(store)).toBe(first);
    expect(await loadOrCreateClientIdentifier(memoryStore())).not.toBe(first);
  });

  it("replaces an empty stored value", async () => {
    const store = memoryStore({ clientIdentifier: "" });
    expect(await loadOrCreateClientIdentifier(store)).toMatch(uuid);
  });

  it("works over Web Storage, under a prefix", async () => {
    const backing = new Map<string, string>();
    const storage = {
      getItem: (k: string) => backing.get(k) ?? null,
      setItem: (k: string, v: string) => void backing.set(k, v),
      removeItem: (k: string) => void backing.delete(k),
    } as unknown as Storage;
    const id = await loadOrCreateClientIdentifier(webStorageStore(storage));
    expect(backing.get("plex-tv-auth:clientIdentifier")).toBe(id);
    expect(await loadOrCreateClientIdentifier(webStorageStore(storage))).toBe(id);
  });
});

describe("fileStore", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "plex-tv-auth-store-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("keeps the identifier across store instances (runs), in a 0600 file", async () => {
    const path = join(dir, "nested/config.json");
    const id = await loadOrCreateClientIdentifier(fileStore(path));
    expect(await loadOrCreateClientIdentifier(fileStore(path))).toBe(id);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(path, "utf8"))).toEqual({ clientIdentifier: id });
  });

  it("keeps every key when sets overlap, and leaves no temporary files", async () => {
    const path = join(dir, "config.json");
    const store = fileStore(path);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, `v${i}`)));
    const values = JSON.parse(await readFile(path, "utf8"));
    expect(Object.keys(values)).toHaveLength(20);
    await store.delete("k3");
    expect(await store.get("k3")).toBeUndefined();
    expect(await readdir(dir)).toEqual(["config.json"]);
  });

  it("tightens a file that was 0644 on its next write", async () => {
    const path = join(dir, "config.json");
    await writeFile(path, "{}", { mode: 0o644 });
    await fileStore(path).set("token", "x");
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it("refuses to overwrite a file that is not a JSON object, naming it", async () => {
    for (const text of ["[1,2]", '"text"', "{broken", "null"]) {
      const path = join(dir, "config.json");
      await writeFile(path, text);
      const error = await fileStore(path)
        .set("token", "x")
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CorruptStoreError);
      expect((error as Error).message).toContain(path);
      expect(await readFile(path, "utf8")).toBe(text);
    }
  });

  it("takes over a lock left by a process that died holding it", async () => {
    const path = join(dir, "config.json");
    await writeFile(`${path}.lock`, "999999999"); // no such process
    await fileStore(path).set("k", "v");
    expect(JSON.parse(await readFile(path, "utf8"))).toEqual({ k: "v" });
    expect(await readdir(dir)).toEqual(["config.json"]);
  });
});
