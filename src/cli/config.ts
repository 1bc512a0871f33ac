// Where the command line keeps the client identifier and the token: one JSON file, mode 0600, in the user's
// config directory.

import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";
import { fileStore, type FileStore } from "../node";

/** $XDG_CONFIG_HOME/plex-tv-auth (a relative one is ignored, as the XDG spec says), or the platform's equivalent. */
export function configDirectory(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME)) return join(env.XDG_CONFIG_HOME, "plex-tv-auth");
  if (platform === "win32") return join(env.APPDATA ?? join(homedir(), "AppData", "Roaming"), "plex-tv-auth");
  if (platform === "darwin") return join(homedir(), "Library", "Application Support", "plex-tv-auth");
  return join(homedir(), ".config", "plex-tv-auth");
}

export const configFile = () => join(configDirectory(), "config.json");

export const TOKEN_KEY = "token";
/** The plex.tv base URL the stored token came from: it is never sent to another. */
export const BASE_URL_KEY = "baseUrl";

export function configStore(): FileStore {
  return fileStore(configFile());
}
