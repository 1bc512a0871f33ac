// A free port on 127.0.0.1, for a server a test starts in another process (Redis, nginx, Caddy) or must know the
// port of before it starts (a gateway's public origin).

import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Waits until a server `child` started answers at `url` (any status): rejects with `why()` when the child exits
 * first or 10 s pass, killing it then.
 */
export async function untilAnswers(url: string, child: ChildProcess, why: () => string | Promise<string>) {
  for (const deadline = Date.now() + 10_000; ;) {
    const up = await fetch(url, { redirect: "manual" }).then(
      (response) => (response.body?.cancel(), true),
      () => false,
    );
    if (up) return;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${url} did not answer: ${await why()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
