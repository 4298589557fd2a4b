/**
 * The routing-table JSON Schema (schema/routing-table.schema.json), compiled
 * once per process with ajv (draft 2020-12).
 *
 * Two validators come from the one file:
 * - strict: the schema as published (closed: unknown members are errors).
 *   Writers (the compiler's tests) validate with it.
 * - reader: the same schema with every `additionalProperties: false` removed,
 *   so a runtime accepts tables that carry optional members added later within
 *   the same major format version (compatibility policy, docs/routing-table.md).
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";

const SCHEMA_FILE = "schema/routing-table.schema.json";

/** Locates the schema file from src/runtime (tests) or dist/src/runtime (built). */
function schemaPath(): string {
  for (const up of ["../../", "../../../"]) {
    const p = fileURLToPath(new URL(up + SCHEMA_FILE, import.meta.url));
    if (existsSync(p)) return p;
  }
  throw new Error(`${SCHEMA_FILE} not found beside the installed package`);
}

let schemaJson: Record<string, unknown> | undefined;

/** The schema document as published (parsed once). */
export function routingTableSchema(): Record<string, unknown> {
  schemaJson ??= JSON.parse(readFileSync(schemaPath(), "utf8")) as Record<string, unknown>;
  return schemaJson;
}

function openUp(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(openUp);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "additionalProperties" && v === false) continue;
    out[k] = openUp(v);
  }
  return out;
}

const validators: { strict?: ValidateFunction; reader?: ValidateFunction } = {};

/** The compiled validator; `strict` = closed schema as published, else the reader variant. */
export function tableValidator(strict: boolean): ValidateFunction {
  const key = strict ? "strict" : "reader";
  let v = validators[key];
  if (v === undefined) {
    const ajv = new Ajv2020({ allErrors: false, strict: true });
    const schema = routingTableSchema();
    v = ajv.compile(strict ? schema : (openUp(schema) as Record<string, unknown>));
    validators[key] = v;
  }
  return v;
}

/** Payload-free one-line descriptions of ajv errors (instance path + keyword message), at most `max`. */
export function describeSchemaErrors(errors: readonly ErrorObject[] | null | undefined, max = 10): string[] {
  return (errors ?? []).slice(0, max).map((e) => {
    const where = e.instancePath === "" ? "/" : e.instancePath;
    const extra =
      e.keyword === "additionalProperties"
        ? ` '${String((e.params as { additionalProperty?: unknown }).additionalProperty)}'`
        : "";
    return `${where}: ${e.message ?? e.keyword}${extra}`;
  });
}
