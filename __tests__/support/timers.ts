/** How many timers the process holds now: a helper that leaks one leaves this higher. */
export function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
}
