// A real nginx (Debian's) on 127.0.0.1, on a free port, with a config a test writes: in the foreground, its own
// prefix, pid and logs in a folder of its own, stopped by its own pid.

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./redis";

export const nginxPath = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
export const haveNginx = existsSync(nginxPath);

export interface Nginx {
  readonly url: string;
  readonly port: number;
  /** What nginx wrote to its error log. */
  errors(): Promise<string>;
  stop(): Promise<void>;
}

/** Starts nginx with the `server { … }` block `serverBlock(port)` gives, inside a minimal http block. */
export async function startNginx(serverBlock: (port: number) => string, port?: number): Promise<Nginx> {
  port ??= await freePort();
  const dir = await mkdtemp(join(tmpdir(), "plex-tv-auth-nginx-"));
  await chmod(dir, 0o777); // its workers may run as nobody
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    .map((name) => `  ${name}_temp_path ${join(dir, name)};`)
    .join("\n");
  const config = `worker_processes 1;
daemon off;
pid ${join(dir, "nginx.pid")};
error_log ${join(dir, "error.log")} warn;
events { worker_connections 256; }
http {
  access_log off;
${temp}
${serverBlock(port)}
}
`;
  const file = join(dir, "nginx.conf");
  await writeFile(file, config);
  const child: ChildProcess = spawn(nginxPath, ["-p", dir, "-c", file], { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Ready when it answers.
  for (let i = 0; i < 200; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/`, { redirect: "manual" }).then(
      (response) => (response.body?.cancel(), true),
      () => false,
    );
    if (up) break;
    if (child.exitCode !== null) throw new Error(`nginx exited: ${await readFile(join(dir, "error.log"), "utf8")}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    errors: () => readFile(join(dir, "error.log"), "utf8").catch(() => ""),
    async stop() {
      child.kill("SIGQUIT");
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
