// Validates values against the specs' own schemas, so tests prove that examples, fixtures and the stand-ins match them.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { parse } from "yaml";

type Json = Record<string, any>;

/** One spec of spec/, with validators over its own schemas. */
export function loadSpec(file: string) {
  const specPath = join(__dirname, "../../spec", file);
  const spec = parse(readFileSync(specPath, "utf8"));
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(spec, "spec");

  function deref(node: Json): Json {
    let current = node;
    while (current && typeof current.$ref === "string") {
      const pointer = current.$ref.replace(/^#\//, "").split("/");
      current = pointer.reduce((value: Json, key: string) => value[key], spec);
    }
    return current;
  }

  /** Errors of `value` against a schema in the spec (`#/components/schemas/X`), or [] when it is valid. */
  function schemaErrors(ref: string, value: unknown): string[] {
    const validate = ajv.getSchema(`spec${ref}`);
    if (!validate) throw new Error(`no schema ${ref}`);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
  }

  /** The JSON schema the spec gives for the answer of `route` ("GET /api/v2/pins/{pinID}") with `status`. */
  function responseSchema(route: string, status: number): Json | undefined {
    const [method, path] = route.split(" ") as [string, string];
    const operation = spec.paths[path]?.[method.toLowerCase()];
    if (!operation) throw new Error(`no operation ${route}`);
    const response = operation.responses[String(status)];
    if (!response) return undefined;
    return deref(response).content?.["application/json"]?.schema;
  }

  /** Errors of an answer body against the spec: an undocumented status is an error too. */
  function responseErrors(route: string, status: number, body: unknown): string[] {
    const [method, path] = route.split(" ") as [string, string];
    if (!spec.paths[path]?.[method.toLowerCase()]?.responses[String(status)])
      return [`${route}: status ${status} is not in the spec`];
    const schema = responseSchema(route, status);
    if (!schema) return body === undefined || body === "" ? [] : [`${route} ${status}: the spec has no body here`];
    return validateAgainst(schema, body).map((error) => `${route} ${status} ${error}`);
  }

  /** Every example in the spec, with the schema it illustrates. */
  function specExamples(): { where: string; schema: Json; value: unknown }[] {
    const found: { where: string; schema: Json; value: unknown }[] = [];
    const visitContent = (where: string, content: Json | undefined) => {
      for (const [type, media] of Object.entries(content ?? {}) as [string, Json][]) {
        for (const [name, example] of Object.entries(media.examples ?? {}) as [string, Json][]) {
          found.push({ where: `${where} ${type} ${name}`, schema: media.schema, value: deref(example).value });
        }
      }
    };
    for (const [path, item] of Object.entries(spec.paths) as [string, Json][]) {
      for (const [method, operation] of Object.entries(item) as [string, Json][]) {
        for (const [status, response] of Object.entries(operation.responses ?? {}) as [string, Json][]) {
          visitContent(`${method.toUpperCase()} ${path} ${status}`, deref(response).content);
        }
      }
    }
    for (const [name, response] of Object.entries(spec.components.responses ?? {}) as [string, Json][]) {
      visitContent(`responses/${name}`, response.content);
    }
    const walkSchemas = (where: string, schema: Json) => {
      if (!schema || typeof schema !== "object") return;
      if ("example" in schema && schema.type) found.push({ where, schema, value: schema.example });
      for (const [key, child] of Object.entries(schema.properties ?? {})) walkSchemas(`${where}.${key}`, child as Json);
    };
    for (const [name, schema] of Object.entries(spec.components.schemas) as [string, Json][]) {
      walkSchemas(`schemas/${name}`, schema);
    }
    return found;
  }

  function validateAgainst(schema: Json, value: unknown): string[] {
    const validate = ajv.compile(anchored(schema) as Json);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
  }

  return { specPath, spec, deref, schemaErrors, responseSchema, responseErrors, specExamples, validateAgainst };
}

export const plexTvSpec = loadSpec("plex-tv.yaml");
export const mediaServerSpec = loadSpec("plex-media-server.yaml");
export const { specPath, spec, schemaErrors, responseSchema, responseErrors, specExamples, validateAgainst } =
  plexTvSpec;

// An inline schema's refs point into the spec document.
function anchored(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(anchored);
  if (!schema || typeof schema !== "object") return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [k, k === "$ref" && typeof v === "string" ? `spec${v}` : anchored(v)]),
  );
}
