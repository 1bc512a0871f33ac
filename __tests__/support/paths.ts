// Where things are, from any test folder.
import { join } from "node:path";

/** The project's root folder. */
export const root = join(__dirname, "../..");

/** A path below the project's root. */
export const fromRoot = (...parts: string[]) => join(root, ...parts);
