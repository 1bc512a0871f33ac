// Servers a test starts, closed after it: `closedAfterEach(startPlainServer)` starts them as the function does, and
// closes every one the test started once it ends (passed or not).

export function closedAfterEach<A extends unknown[], S extends { close(): unknown }>(
  start: (...args: A) => Promise<S>,
): ((...args: A) => Promise<S>) & { readonly started: readonly S[] } {
  const started: S[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close()));
  });
  const starting = async (...args: A) => {
    const server = await start(...args);
    started.push(server);
    return server;
  };
  return Object.assign(starting, { started });
}
