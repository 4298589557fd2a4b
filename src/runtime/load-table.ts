/**
 * Loading a routing table: format and version gate, JSON Schema validation,
 * content-hash verification, reference checks, and one-time compilation of
 * every distinct JSONata expression. The result is a {@link LoadedTable} whose
 * prepared state (compiled expressions, detection and scope indexes) is kept
 * beside it, so routing a message compiles nothing.
 */
import { LEVEL_LENGTHS, TABLE_FORMAT, TABLE_FORMAT_VERSION } from "../table/routing-table.js";
import type { RoutingTable, Scenario } from "../table/routing-table.js";
import { verifyContentHash, verifyContentHashOfText } from "../table/content-hash.js";
import type { LoadedTable } from "./api.js";
import { REGEX_BACKTRACKING, compileExpressions, type CompiledExpression } from "./expressions.js";
import { InputFileError, readInputFile } from "./input-file.js";
import { describeSchemaErrors, tableValidator } from "./table-schema.js";
import { TableError } from "./table-error.js";
import { checkReferences } from "./table-references.js";

/** Everything `route()` needs beyond the table itself, built once at load. */
export interface PreparedTable {
  /** Compiled expressions, indexed like RoutingTable.expressions. */
  readonly expressions: readonly CompiledExpression[];
  /** The 12-digit ARS of every municipality in scope. */
  readonly arsInScope: ReadonlySet<string>;
  /** Every 2/3/5/9-digit prefix of an in-scope ARS (keys shorter than 12 must cover a municipality in scope). */
  readonly prefixesInScope: ReadonlySet<string>;
  /** Scenarios by detection key ("xml:{ns}root"); JSON scenarios under {@link JSON_CANDIDATES}. */
  readonly byDetectKey: ReadonlyMap<string, readonly Scenario[]>;
  /** Qualified scenario ids by short id ("A1" -> ["gewerbe.A1"]). */
  readonly byShortId: ReadonlyMap<string, readonly string[]>;
}

/** Detection bucket of all scenarios whose key is "json:<message>": a JSON message has no root name. */
export const JSON_CANDIDATES = "json:*";

const prepared = new WeakMap<LoadedTable, PreparedTable>();

/** Options of {@link loadTable}. */
export interface LoadOptions {
  /** Validate with the closed schema (unknown members are errors). Default false: the reader variant. */
  strict?: boolean;
  /** The file text `json` was parsed from, enabling the fast content-hash check for canonical files. */
  text?: string;
}

/**
 * Validates and prepares a parsed routing table.
 * @param json the parsed JSON of a routing-table file
 * @throws TableError with code "format", "format-version", "schema", "content-hash", "reference" or
 *   "expression" (does not compile, or holds a regular expression that can backtrack exponentially)
 */
export function loadTable(json: unknown, options: LoadOptions = {}): LoadedTable {
  gateFormat(json);
  const validate = tableValidator(options.strict ?? false);
  if (!validate(json)) {
    throw new TableError("schema", "the table does not match the routing-table schema", describeSchemaErrors(validate.errors));
  }
  const table = json as RoutingTable;
  const hash = (options.text !== undefined ? verifyContentHashOfText(options.text, table) : undefined) ?? verifyContentHash(table);
  if (!hash.ok) {
    throw new TableError("content-hash", "contentHash does not match the table content (edited or truncated?)", [
      `claimed ${String(hash.expected)}`,
      `actual  ${hash.actual}`,
    ]);
  }
  const problems = checkReferences(table);
  if (problems.length > 0) {
    throw new TableError("reference", "the table refers to things it does not contain", problems.slice(0, 20));
  }
  const compiled = compileExpressions(table.expressions);
  if (!compiled.ok) {
    throw new TableError(
      "expression",
      "a JSONata expression of the table does not compile",
      compiled.failures.map((f) =>
        f.code === REGEX_BACKTRACKING
          ? `expressions[${f.index}]: the regular expression at position ${f.position} repeats a group that holds a repetition (exponential backtracking on hostile input)`
          : `expressions[${f.index}]: jsonata ${f.code} at position ${f.position}`,
      ),
    );
  }
  const loaded: LoadedTable = { table };
  prepared.set(loaded, prepare(table, compiled.compiled));
  return loaded;
}

/** The first gate: is this a routing table of a major version we implement? */
function gateFormat(json: unknown): void {
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new TableError("format", "a routing table is a JSON object");
  }
  const { format, formatVersion } = json as { format?: unknown; formatVersion?: unknown };
  if (format !== TABLE_FORMAT) {
    throw new TableError("format", `not a routing table: format is not "${TABLE_FORMAT}"`);
  }
  if (formatVersion !== TABLE_FORMAT_VERSION) {
    const shown = typeof formatVersion === "number" || typeof formatVersion === "string" ? String(formatVersion) : typeof formatVersion;
    throw new TableError(
      "format-version",
      `routing-table format version ${shown} is not supported; this runtime reads version ${TABLE_FORMAT_VERSION}`,
      ["rebuild the table with a matching compiler, or upgrade the runtime"],
    );
  }
}

function prepare(table: RoutingTable, expressions: CompiledExpression[]): PreparedTable {
  const arsInScope = new Set(Object.values(table.regions.agsToArs));
  const prefixesInScope = new Set<string>();
  for (const ars of arsInScope) {
    for (const [, len] of LEVEL_LENGTHS) if (len < 12) prefixesInScope.add(ars.slice(0, len));
  }
  const byDetectKey = new Map<string, Scenario[]>();
  const byShortId = new Map<string, string[]>();
  for (const id of Object.keys(table.scenarios).sort()) {
    const s = table.scenarios[id]!;
    const key = s.detect.key.startsWith("json:") ? JSON_CANDIDATES : s.detect.key;
    push(byDetectKey, key, s);
    push(byShortId, id.slice(id.lastIndexOf(".") + 1), id);
  }
  return { expressions, arsInScope, prefixesInScope, byDetectKey, byShortId };
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/**
 * The prepared state of a table produced by {@link loadTable}.
 * @throws TableError("format") for an object that did not come from loadTable.
 */
export function preparedOf(t: LoadedTable): PreparedTable {
  const p = prepared.get(t);
  if (p === undefined) throw new TableError("format", "the table was not loaded with loadTable()");
  return p;
}

/**
 * Largest table file read, in bytes: about the longest string V8 can hold
 * (2^29 - 24 UTF-16 units); a larger file could not be parsed anyway.
 */
export const MAX_TABLE_FILE_BYTES = 0x1fffffe8;

/**
 * Reads, parses and loads a routing-table file. Only a regular file is read
 * (a FIFO or a device such as /dev/zero is refused, never waited on).
 * @throws TableError("io") when the file cannot be read, ("json") when it is not JSON, else as {@link loadTable}.
 */
export async function readTableFile(path: string, options: LoadOptions = {}): Promise<LoadedTable> {
  let text: string;
  try {
    text = (await readInputFile(path, MAX_TABLE_FILE_BYTES)).toString("utf8");
  } catch (e) {
    const why = e instanceof InputFileError ? (e.code === "io" ? e.errno : e.message) : "error";
    throw new TableError("io", `cannot read the table file (${why})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TableError("json", "the table file is not valid JSON");
  }
  return loadTable(json, { ...options, text });
}

/** Outcome of {@link TableHolder.reload}. */
export type ReloadResult = { ok: true; table: LoadedTable } | { ok: false; error: TableError; kept: LoadedTable | undefined };

/**
 * Holds the table in use. A reload with a bad table is rejected and the last
 * good table stays in use (the service reloads on SIGHUP).
 */
export class TableHolder {
  #current: LoadedTable | undefined;

  constructor(initial?: LoadedTable) {
    this.#current = initial;
  }

  /** The table in use, or undefined before the first successful load. */
  get current(): LoadedTable | undefined {
    return this.#current;
  }

  /** Loads `json`; on success it becomes current, on failure the previous table stays. */
  reload(json: unknown, options: LoadOptions = {}): ReloadResult {
    try {
      this.#current = loadTable(json, options);
      return { ok: true, table: this.#current };
    } catch (e) {
      return { ok: false, error: asTableError(e), kept: this.#current };
    }
  }

  /** Reads and loads a table file; on failure the previous table stays. */
  async reloadFile(path: string, options: LoadOptions = {}): Promise<ReloadResult> {
    try {
      this.#current = await readTableFile(path, options);
      return { ok: true, table: this.#current };
    } catch (e) {
      return { ok: false, error: asTableError(e), kept: this.#current };
    }
  }
}

function asTableError(e: unknown): TableError {
  return e instanceof TableError ? e : new TableError("schema", "the table could not be loaded");
}
