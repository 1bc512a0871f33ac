// Suites that need something a contributor's machine may lack (Chromium, another runtime) skip, saying so in one
// line; under CI=true they never skip.

/** `describe`, or `describe.skip` with one line saying why and how to enable it (never under CI=true). */
export function describeIf(available: boolean, enable: string): typeof describe | typeof describe.skip {
  if (available || process.env.CI === "true") return describe;
  process.stderr.write(`skipped: ${enable}\n`);
  return describe.skip;
}
