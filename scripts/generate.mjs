#!/usr/bin/env node
// Turns spec/plex-tv.yaml into generated/: the openapi-typescript types, and the list of operations that
// must never carry a token (those with `security: []`). `--check` writes nothing and exits 1 on drift.
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import openapiTS, { astToString } from "openapi-typescript";
import { format } from "prettier";
import { parse } from "yaml";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    spec: { type: "string", default: join(root, "spec/plex-tv.yaml") },
    out: { type: "string", default: join(root, "generated") },
  },
});

const specPath = resolve(args.spec);
const banner = (what) =>
  `// ${what}\n// Generated from ${relative(root, specPath)} by scripts/generate.mjs. Do not edit: run \`npm run generate\`.\n\n`;

async function typesFile() {
  const ast = await openapiTS(pathToFileURL(specPath), {
    // A `default` (such as `trusted: false`) must not make a field required: plex.tv omits it.
    defaultNonNullable: false,
    alphabetize: false,
  });
  return banner("TypeScript types of the plex.tv API.") + astToString(ast);
}

async function operationsFile() {
  const spec = parse(await readFile(specPath, "utf8"));
  const methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
  const tokenless = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of methods) {
      const operation = item[method];
      if (operation && Array.isArray(operation.security) && operation.security.length === 0) {
        tokenless.push(`${method.toUpperCase()} ${path}`);
      }
    }
  }
  tokenless.sort();
  // "METHOD /path" of a request (or of an operation: "{pinID}" is a segment too) to one of them.
  const escape = (text) => text.replace(/[.*+?^$()|[\]\\/]/g, "\\$&");
  const alternatives = tokenless.map((key) => escape(key).replace(/\\\{[^}]+\\\}|\{[^}]+\}/g, "[^/]+"));
  return (
    banner("Operations the spec marks `security: []`: a token must never be sent to them.") +
    `export const tokenlessOperations: readonly string[] = ${JSON.stringify(tokenless)};\n\n` +
    `/** Matches "METHOD /path" of a request to a tokenless operation (a path parameter matches any one segment). */\n` +
    `export const tokenlessRequest = /^(?:${alternatives.join("|")})$/;\n`
  );
}

const outputs = {
  "plex-tv.ts": await typesFile(),
  "operations.ts": await operationsFile(),
};

let drift = 0;
for (const [name, text] of Object.entries(outputs)) {
  const file = join(args.out, name);
  const formatted = await format(text, { parser: "typescript", printWidth: 120 });
  if (args.check) {
    const current = await readFile(file, "utf8").catch(() => null);
    if (current !== formatted) {
      drift++;
      console.error(`${relative(process.cwd(), file)} differs from what ${relative(process.cwd(), specPath)} gives.`);
    }
  } else {
    await mkdir(args.out, { recursive: true });
    await writeFile(file, formatted);
  }
}
if (drift) {
  console.error("Run `npm run generate` and commit generated/.");
  process.exit(1);
}
if (!args.check) console.log(`generated/ written from ${relative(process.cwd(), specPath)}`);
