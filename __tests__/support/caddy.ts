// A real Caddy (Debian's) on 127.0.0.1, on a free port, with a Caddyfile a test writes: its admin endpoint off, no
// automatic HTTPS, its data in a folder of its own, stopped by its own pid.

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, untilAnswers } from "./ports";

/**
 * The README's Caddyfile for forward auth: the gateway (createForwardAuth) at `auth`, its sign-in routes at
 * /auth/plex/, the media app at `app`, for the site at `site`.
 */
export const forwardAuthCaddyfile = (site: string, auth: string, app: string) => `${site} {
  handle /auth/plex/* {
    reverse_proxy ${auth}
  }
  handle {
    forward_auth ${auth} {
      uri /auth/plex/check?redirect=1
      copy_headers X-Plex-User-Id X-Plex-User-Uuid X-Plex-Username
    }
    reverse_proxy ${app}
  }
}`;

export const caddyPath = process.env.CADDY_PATH ?? "/usr/bin/caddy";
export const haveCaddy = existsSync(caddyPath);

export interface Caddy {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts Caddy serving the site block `site(url)` gives for its http://127.0.0.1:PORT. */
export async function startCaddy(site: (url: string) => string, port?: number): Promise<Caddy> {
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dir = await mkdtemp(join(tmpdir(), "plex-tv-auth-caddy-"));
  const file = join(dir, "Caddyfile");
  await writeFile(file, `{\n  admin off\n  auto_https off\n}\n\n${site(url)}\n`);
  let output = "";
  const child: ChildProcess = spawn(caddyPath, ["run", "--config", file, "--adapter", "caddyfile"], {
    env: { PATH: process.env.PATH, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (output = (output + chunk).slice(-8192)));
  child.stderr!.on("data", (chunk) => (output = (output + chunk).slice(-8192)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await untilAnswers(`${url}/`, child, () => output);
  return {
    url,
    async stop() {
      child.kill("SIGTERM");
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
