/**
 * The JSONata type checker: public API.
 *
 * - {@link checkExpression}: infer and check one expression against its input type.
 * - {@link parseJsonata}: parse once (for callers that cache ASTs by source).
 * - {@link JSONATA_CODES}: the SW24xx code table.
 * - {@link BUILTINS}: signatures of the JSONata built-in functions.
 */
export { checkExpression, type JsonataCheckContext, type JsonataCheckResult } from "./check.js";
export { parseJsonata, type ParsedExpression } from "./parse.js";
export { JSONATA_CODES, jsonataDiagnostic, type JsonataCodeDef, type JsonataCodeId } from "./codes.js";
export { compareJsonataDiagnostics, type JsonataDiagnostic, type JsonataSeverity } from "./diagnostics.js";
export { BUILTINS } from "./builtins.js";
export { FUNCTION_BODY_INPUT, type DeclaredFunction, type DeclaredParam } from "./declared.js";
export { SpanIndex, type Range } from "./spans.js";
