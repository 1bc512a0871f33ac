/** How many timers the process holds now: a helper that leaks one leaves this higher. */
export function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
}

/** How many sockets keep the process alive now (both ends, when client and server share this process). */
export function activeSockets(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === "TCPSocketWrap").length;
}

/** Waits until `condition` holds, up to `ms`; returns whether it did. */
export async function eventually(condition: () => boolean, ms = 1000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}
