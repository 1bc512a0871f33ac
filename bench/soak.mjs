// npm run bench:soak — bounded soak: 10 000 polls of one PIN, then 1 000 sign-ins, most of them aborted at a random
// moment. Prints the heap after GC before and after each phase, and what is left running in this process.
// Run with --expose-gc (the npm script does).
import { createPlexTvClient, login, waitForAuthToken, createPin } from "../dist/index.mjs";
import { startStandIn } from "./flows.mjs";

if (typeof globalThis.gc !== "function") throw new Error("run with node --expose-gc");
const heapMb = async () => {
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage().heapUsed / 1024 / 1024;
};
const running = () => {
  const kinds = process.getActiveResourcesInfo().filter((kind) => kind === "Timeout" || kind === "TCPSocketWrap");
  return { timers: kinds.filter((k) => k === "Timeout").length, sockets: kinds.filter((k) => k !== "Timeout").length };
};
const identity = { clientIdentifier: "soak-8d1e", product: "plex-tv-auth soak" };

const standIn = await startStandIn({ autoApproveAfterPolls: 5000 });
const lines = [];
try {
  const plex = createPlexTvClient({ ...identity, baseUrl: standIn.url });
  // Two PINs of 5 000 checks each: the heap after the second half shows whether polling keeps anything.
  const heap = [await heapMb()];
  let polls = 0;
  for (let half = 0; half < 2; half++) {
    await waitForAuthToken(plex, await createPin(plex), { intervalMs: 0.001, onPoll: () => polls++ });
    heap.push(await heapMb());
  }
  const afterPolls = heap[2];
  lines.push(`${polls} polls: heap after GC ${heap.map((mb) => mb.toFixed(1)).join(" → ")} MB (start, 5 000, 10 000)`);
  let signedIn = 0;
  let aborted = 0;
  for (let i = 0; i < 1000; i++) {
    const signal = AbortSignal.timeout(1 + Math.floor(Math.random() * 15));
    await login(plex, { intervalMs: 5, signal, onVerification: () => undefined }).then(
      () => signedIn++, // a PIN is approved only on its 5 000th check: none gets that far
      (error) => {
        if (error?.name !== "TimeoutError") throw error;
        aborted++;
      },
    );
  }
  const afterSignIns = await heapMb();
  lines.push(
    `1 000 sign-ins, each aborted at a random moment (${aborted} aborted, ${signedIn} finished): heap after GC ${afterPolls.toFixed(1)} → ${afterSignIns.toFixed(1)} MB`,
  );
  await new Promise((resolve) => setTimeout(resolve, 100));
  const left = running();
  lines.push(`left running in this process: ${left.timers} timers, ${left.sockets} ref'd sockets`);
} finally {
  standIn.stop();
}
console.log(`\nplex-tv-auth soak, Node ${process.versions.node}`);
for (const line of lines) console.log(line);
