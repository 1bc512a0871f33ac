// A real nginx (Debian's) on 127.0.0.1, on a free port, with a config a test writes: in the foreground, its own
// prefix, pid and logs in a folder of its own, stopped by its own pid.

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, untilAnswers } from "./ports";

/**
 * The README's nginx server block for forward auth: the media app at `app`, the gateway (createForwardAuth) at
 * `auth`, its sign-in routes at /auth/plex/, an API for scripts at /api/.
 */
export const forwardAuthServerBlock = (listen: string, auth: string, app: string) => `server {
  listen ${listen};

  # The gateway's question, asked before every request below (the client's Cookie and X-Plex-Token go along).
  location = /_plex_auth {
    internal;
    proxy_pass ${auth}/auth/plex/check;
    proxy_pass_request_body off;
    proxy_set_header Content-Length "";
    proxy_set_header X-Original-URI $request_uri;
  }
  # The sign-in page and routes.
  location /auth/plex/ {
    proxy_pass ${auth};
  }
  # A signed-out browser goes to sign in; plex.tv out of reach is a 503, not nginx's 500.
  location @plex_sign_in { return 302 $plex_sign_in; }
  location @plex_unavailable { add_header Retry-After 5 always; return 503 "plex.tv could not be asked\\n"; }

  location / {
    auth_request /_plex_auth;
    auth_request_set $plex_sign_in $upstream_http_location;
    auth_request_set $plex_user $upstream_http_x_plex_username;
    auth_request_set $plex_user_id $upstream_http_x_plex_user_id;
    proxy_set_header X-Plex-Username $plex_user;
    proxy_set_header X-Plex-User-Id $plex_user_id;
    error_page 401 = @plex_sign_in;
    error_page 500 = @plex_unavailable;
    proxy_pass ${app};
  }
  # An API for scripts: a bad token is a plain 401 there.
  location /api/ {
    auth_request /_plex_auth;
    auth_request_set $plex_user $upstream_http_x_plex_username;
    proxy_set_header X-Plex-Username $plex_user;
    error_page 500 = @plex_unavailable;
    proxy_pass ${app};
  }
}`;

export const nginxPath = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
export const haveNginx = existsSync(nginxPath);

export interface Nginx {
  readonly url: string;
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
  await untilAnswers(`http://127.0.0.1:${port}/`, child, () => readFile(join(dir, "error.log"), "utf8"));
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill("SIGQUIT");
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
