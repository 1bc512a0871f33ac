// `npm run demo`'s script, interrupted as Ctrl-C would (SIGINT to its whole process group): it leaves nothing.

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fromRoot } from "../support/paths";

it("an interrupted demo removes its throwaway config directory and exits 130", async () => {
  const child = spawn(process.execPath, [fromRoot("scripts/demo.mjs")], {
    env: { ...process.env, DEMO_APPROVE_AFTER_MS: "600000" }, // never approved within the test
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, as a terminal's foreground job
  });
  let stdout = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  await new Promise<void>((resolve) => {
    const check = () => (stdout.includes("Open this link") ? resolve() : setTimeout(check, 20));
    check();
  });
  const config = /Throwaway config directory: (.+)\n/.exec(stdout)![1]!;
  expect(existsSync(config)).toBe(true);
  process.kill(-child.pid!, "SIGINT");
  expect(await exited).toBe(130);
  expect(existsSync(config)).toBe(false);
}, 20_000);
