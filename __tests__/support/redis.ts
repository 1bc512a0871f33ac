// A real Redis (Debian's redis-server) on 127.0.0.1, on a free port, for one test file: no persistence, its own
// folder; stopped (or killed, paused, restarted) by its own pid.

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./ports";

export const redisServerPath = process.env.REDIS_SERVER_PATH ?? "/usr/bin/redis-server";
export const haveRedis = existsSync(redisServerPath);

async function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("error", () => resolve(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => (socket.destroy(), resolve(data.toString().startsWith("+PONG"))));
  });
}

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** SIGKILL: gone at once, as a crash. */
  kill(): Promise<void>;
  /** Starts again on the same port (after kill). */
  restart(): Promise<void>;
  /** SIGSTOP / SIGCONT: a Redis that hangs, holding its connections open. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), "plex-tv-auth-redis-"));
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = spawn(
      redisServerPath,
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
      { stdio: "ignore" },
    );
    for (let i = 0; i < 200 && !(await answersPing(port)); i++) await new Promise((r) => setTimeout(r, 25));
  };
  const exited = () =>
    new Promise<void>((resolve) =>
      child?.exitCode !== null || child.signalCode ? resolve() : child.once("exit", () => resolve()),
    );
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async kill() {
      child?.kill("SIGKILL");
      await exited();
    },
    restart: launch,
    pause: () => void child?.kill("SIGSTOP"),
    resume: () => void child?.kill("SIGCONT"),
    async stop() {
      child?.kill("SIGCONT");
      child?.kill("SIGTERM");
      await exited();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
