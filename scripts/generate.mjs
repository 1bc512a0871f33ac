#!/usr/bin/env node
// Turns every spec in spec/ (spec/NAME.yaml) into generated/: NAME.ts, the openapi-typescript types, and
// NAME.operations.ts, the operations that must never carry a token (those with `security: []`) and the identity the
// spec's header parameters describe (X-Plex-Product → `product`).
// `--check` writes nothing and exits 1 on drift, including a generated file whose spec is gone.
// `--spec FILE` generates from one spec only (and checks only its files).
import { readdir, readFile, writeFile, mkdir } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import openapiTS, { astToString } from "openapi-typescript";
import { format } from "prettier";
import { parse } from "yaml";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    spec: { type: "string" },
    out: { type: "string", default: join(root, "generated") },
  },
});

const specs = args.spec
  ? [resolve(args.spec)]
  : (await readdir(join(root, "spec")))
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => join(root, "spec", name));

const banner = (specPath, what) =>
  `// ${what}\n// Generated from ${relative(root, specPath)} by scripts/generate.mjs. Do not edit: run \`npm run generate\`.\n\n`;

async function typesFile(specPath, title) {
  const ast = await openapiTS(pathToFileURL(specPath), {
    // A `default` (such as `trusted: false`) must not make a field required: plex.tv omits it.
    defaultNonNullable: false,
    alphabetize: false,
  });
  return banner(specPath, `TypeScript types of the ${title}.`) + astToString(ast);
}

/** "X-Plex-Client-Identifier" → "clientIdentifier". */
const optionName = (header) =>
  header
    .replace(/^X-Plex-/i, "")
    .toLowerCase()
    .replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());

function operationsFile(specPath, spec) {
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
  const alternatives = tokenless.map((key) => escape(key).replace(/\{[^}]+\}/g, "[^/]+"));
  // The header parameters (X-Plex-Product, …): how an app describes itself, in the spec's order.
  const headers = Object.values(spec.components?.parameters ?? {}).filter((parameter) => parameter.in === "header");
  const comment = (text) =>
    `  /** ${String(text ?? "")
      .trim()
      .replace(/\s+/g, " ")
      .replace(/\*\//g, "* /")} */\n`;
  const fields = headers.map(
    ({ name, description }) => `${comment(`${name}: ${description ?? ""}`)}  ${optionName(name)}?: string;\n`,
  );
  const names = headers.map(({ name }) => {
    // The client names each header from its option (clientIdentifier → X-Plex-Client-Identifier): it must come back.
    const back = `X-Plex-${optionName(name)
      .replace(/^./, (c) => c.toUpperCase())
      .replace(/[A-Z]/g, (c, i) => (i ? "-" : "") + c)}`;
    if (back !== name) throw new Error(`${specPath}: header parameter ${name} is not spelt X-Plex-Title-Case`);
    return JSON.stringify(optionName(name));
  });
  return (
    banner(specPath, "Operations the spec marks `security: []`, and the identity its header parameters describe.") +
    `export const tokenlessOperations: readonly string[] = ${JSON.stringify(tokenless)};\n\n` +
    `/** Matches "METHOD /path" of a request to a tokenless operation (a path parameter matches any one segment). */\n` +
    `export const tokenlessRequest = /^(?:${alternatives.join("|") || "(?!)"})$/;\n\n` +
    `/** The spec's header parameters, by option name: how an app describes itself. */\n` +
    `export interface IdentityParameters {\n${fields.join("")}}\n\n` +
    `/** The identity options, in the spec's order; each is sent as X-Plex-Its-Name (deviceName → X-Plex-Device-Name). */\n` +
    `export const identityOptions = [${names.join(", ")}] as const satisfies readonly (keyof IdentityParameters)[];\n`
  );
}

const outputs = {};
for (const specPath of specs) {
  const name = basename(specPath).replace(/\.ya?ml$/, "");
  const spec = parse(await readFile(specPath, "utf8"));
  outputs[`${name}.ts`] = await typesFile(specPath, spec.info?.title ?? name);
  outputs[`${name}.operations.ts`] = operationsFile(specPath, spec);
}

let drift = 0;
const shown = (path) => relative(process.cwd(), path);
for (const [name, text] of Object.entries(outputs)) {
  const file = join(args.out, name);
  const formatted = await format(text, { parser: "typescript", printWidth: 120 });
  if (args.check) {
    const current = await readFile(file, "utf8").catch(() => null);
    if (current !== formatted) {
      drift++;
      console.error(`${shown(file)} differs from what its spec gives.`);
    }
  } else {
    await mkdir(args.out, { recursive: true });
    await writeFile(file, formatted);
  }
}
if (args.check && !args.spec) {
  // A generated file no spec gives any more (a spec was renamed or removed) is drift too.
  const present = await readdir(args.out).catch(() => []);
  for (const name of present.filter((file) => file.endsWith(".ts") && !(file in outputs))) {
    drift++;
    console.error(`${shown(join(args.out, name))} comes from no spec in spec/.`);
  }
}
if (drift) {
  console.error("Run `npm run generate` and commit generated/.");
  process.exit(1);
}
if (!args.check) console.log(`generated/ written from ${specs.map(shown).join(", ")}`);
