/**
 * The semantics phase: parsed files -> checked model + diagnostics.
 * Order: bind packages, symbol table, resolve declarations, build types,
 * normalize and merge regions, then run every check (one file each).
 */
import type { Directory } from "../directory/types.js";
import { compareDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/messages.js";
import type { SourceFileAst } from "../syntax/ast.js";
import type { Check } from "./checks/check.js";
import { bindingNotes } from "./checks/binding-notes.js";
import { codelistCodes } from "./checks/codelist-codes.js";
import { importCycles } from "./checks/import-cycles.js";
import { functionDeclarations } from "./checks/functions.js";
import { jsonataExpressions } from "./checks/jsonata-expressions.js";
import { productionCertification } from "./checks/production-certification.js";
import { receivability } from "./checks/receivability.js";
import { scenarioStructure } from "./checks/scenario-structure.js";
import { shadowedRoutes } from "./checks/shadowed-routes.js";
import { systemRoles } from "./checks/system-roles.js";
import { testFields } from "./checks/test-fields.js";
import { testBlocks } from "./checks/tests.js";
import { transformSelection } from "./checks/transform-selection.js";
import { resolveScenarios, resolveSystems, resolveTransforms } from "./declarations.js";
import type { CheckedModel, TestInfo } from "./model.js";
import { mergeRegions, resolveRegions } from "./regions.js";
import { resolveFunctions } from "./functions.js";
import { SymbolTable, type BoundFile } from "./symbols.js";
import type { TypeRegistry } from "../types/model.js";
import { buildTypes, type XsdMessageLoader } from "./types.js";

/** Every check, in reporting order. */
export const CHECKS: ReadonlyArray<readonly [string, Check]> = [
  ["import-cycles", importCycles],
  ["codelist-codes", codelistCodes],
  ["binding-notes", bindingNotes],
  ["scenario-structure", scenarioStructure],
  ["system-roles", systemRoles],
  ["transform-selection", transformSelection],
  ["receivability", receivability],
  ["production-certification", productionCertification],
  ["shadowed-routes", shadowedRoutes],
  ["functions", functionDeclarations],
  ["jsonata-expressions", jsonataExpressions],
  ["tests", testBlocks],
  ["test-fields", testFields],
];

export interface AnalyzeOptions {
  directory: Directory;
  root: string;
  readFile: (path: string) => Uint8Array | undefined;
  xsd?: XsdMessageLoader;
}

/** Runs the semantics phase. Never throws for bad rules; diagnostics are sorted and deduplicated. */
export function analyze(asts: SourceFileAst[], opts: AnalyzeOptions): { model: CheckedModel; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  const files: BoundFile[] = asts.map((ast) => {
    const pkg = ast.package?.text ?? "";
    if (!ast.package && (ast.declarations.length > 0 || ast.imports.length > 0)) {
      out.push(diag("missing-package", { file: ast.file, start: 0, end: 0 }, { file: ast.file }, { suggestion: "start the file with `package <name>`" }));
    }
    return { ast, pkg, visible: [pkg, ...ast.imports.map((i) => i.name.text)] };
  });
  const fileOf = new Map(files.map((f) => [f.ast.file, f]));
  const symbols = new SymbolTable();
  for (const f of files) symbols.add(f);
  out.push(...symbols.diagnostics);
  const systems = resolveSystems(symbols, fileOf, out);
  const scenarios = resolveScenarios(symbols, fileOf, out);
  const transforms = resolveTransforms(symbols, fileOf, out);
  const { registry, messages } = buildTypes(symbols, fileOf, out, opts.xsd);
  const functionTypes: TypeRegistry = {};
  const functions = resolveFunctions(symbols, fileOf, functionTypes, out);
  const incomplete = new Set<string>();
  const regions = resolveRegions(files, symbols, opts.directory, out, incomplete);
  for (const [pkg, list] of regions) if (list.some((r) => r.unresolved)) incomplete.add(pkg);
  const { merged, scope } = mergeRegions(regions, opts.directory, out);
  const tests: TestInfo[] = [];
  for (const f of files) for (const d of f.ast.declarations) if (d.kind === "test") tests.push({ pkg: f.pkg, name: d.name.value, file: f.ast.file, decl: d });
  const model: CheckedModel = {
    files,
    symbols,
    directory: opts.directory,
    root: opts.root,
    types: registry,
    messages,
    systems,
    scenarios,
    transforms,
    functions,
    functionTypes,
    regions,
    merged,
    scope,
    tests,
    incompletePackages: incomplete,
    readFile: opts.readFile,
  };
  for (const [, check] of CHECKS) check(model, (d) => out.push(d));
  return { model, diagnostics: dedupe(out) };
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const result: Diagnostic[] = [];
  for (const d of [...list].sort(compareDiagnostics)) {
    const key = `${d.code}|${d.span?.file}|${d.span?.start}|${d.span?.end}|${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(d);
  }
  return result;
}
