// fileStore shared between processes (a second app, another CLI run): each process loads the built package.

import { execFile } from "node:child_process";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { fromRoot } from "../support/paths";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("fileStore", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "plex-tv-auth-store-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  describe("shared between processes", () => {
    const script = fromRoot("__tests__/support/store-process.cjs");
    const inChild = (...args: string[]) =>
      promisify(execFile)(process.execPath, [script, ...args], { timeout: 30_000 }).then((r) => r.stdout.trim());

    it("four processes writing at once lose none of each other's keys", async () => {
      const path = join(dir, "shared.json");
      await Promise.all(["a", "b", "c", "d"].map((prefix) => inChild(path, "sets", prefix, "15")));
      const values = JSON.parse(await readFile(path, "utf8"));
      expect(Object.keys(values)).toHaveLength(60);
      expect(await readdir(dir)).toEqual(["shared.json"]);
    });

    it("four processes starting together on an empty store end with one client identifier", async () => {
      const path = join(dir, "fresh.json");
      const ids = await Promise.all(Array.from({ length: 4 }, () => inChild(path, "identifier")));
      expect(new Set(ids).size).toBe(1);
      expect(ids[0]).toMatch(uuid);
      expect(JSON.parse(await readFile(path, "utf8"))).toEqual({ clientIdentifier: ids[0] });
    });
  });
});
