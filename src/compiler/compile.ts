/**
 * The compiler driver: finds rule files, reads them, and runs the phases
 * (syntax -> semantics -> lowering). The only module of the compiler that does
 * file I/O; the phases themselves are pure.
 */
import { readdirSync, realpathSync, statSync, type Stats } from "node:fs";
import { dirname, join, posix, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { loadDirectory } from "../directory/index.js";
import type { Directory } from "../directory/types.js";
import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/messages.js";
import { lower, type LoweredOutput } from "../lowering/lower.js";
import { analyze } from "../semantics/analyze.js";
import type { CheckedModel } from "../semantics/model.js";
import type { XsdMessageLoader } from "../semantics/types.js";
import { readInputFileSync } from "../runtime/input-file.js";
import { parseBytes } from "../syntax/parse.js";
import type { SourceFileAst } from "../syntax/ast.js";
import type { Stage } from "../table/routing-table.js";
import { importXsd, xsdMessageType, type XsdImport } from "../xsd/import-xsd.js";

/** The directory extract shipped with stellwerk (Destatis GV-ISys, Gebietsstand 2020-12-31). */
export function defaultDirectoryPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const p = join(dir, "examples", "directory", "AuszugGV4QAktuell_2020.csv");
      statSync(p);
      return p;
    } catch {
      dir = dirname(dir);
    }
  }
  return join("examples", "directory", "AuszugGV4QAktuell_2020.csv");
}

export interface CompileOptions {
  /** Files or folders; folders are searched recursively for *.stw. */
  paths: string[];
  /** Municipality directory file (raw GV-ISys extract or derived CSV). */
  directoryPath?: string;
  /** Already loaded directory (tests, benchmarks). */
  directory?: Directory;
}

export interface CompileResult {
  diagnostics: Diagnostic[];
  model?: CheckedModel;
  /** Sources by file path, for rendering code frames. */
  sources: Map<string, string>;
  timings: { parseMs: number; checkMs: number };
}

/** Why a path cannot be used, in plain words (never a raw system message). */
function statProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ELOOP") return "too many symbolic links (a symlink loop?)";
  if (code === "EACCES") return "permission denied";
  if (code === "ENAMETOOLONG") return "the path is too long";
  return "no such file or folder";
}

/**
 * Recursively lists *.stw files under the given paths, sorted, as "/"-separated relative paths.
 * Each file and folder is taken once however it is reached (the same file given twice or
 * spelled differently, a symlink to a folder already searched, a symlink loop), and only
 * regular files are rule files: a FIFO or device named *.stw (or given as a path) is a
 * read-error diagnostic, never read (it would block or never end).
 */
export function findRuleFiles(paths: string[], out: Diagnostic[]): string[] {
  const found = new Set<string>();
  const seen = new Set<string>();
  /** False when the real file or folder behind `p` was taken before. */
  const firstVisit = (p: string): boolean => {
    let real: string;
    try {
      real = realpathSync(p);
    } catch {
      real = resolve(p);
    }
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  };
  const walk = (p: string, st: Stats): void => {
    if (st.isDirectory()) {
      if (!firstVisit(p)) return;
      let names: string[];
      try {
        names = readdirSync(p).sort();
      } catch (e) {
        out.push(diag("read-error", undefined, { file: p, detail: (e as NodeJS.ErrnoException).code === "EACCES" ? "permission denied" : "the folder cannot be listed" }));
        return;
      }
      for (const name of names) {
        if (name === "node_modules" || name.startsWith(".")) continue;
        const child = join(p, name);
        let cst: Stats | undefined;
        try {
          // undefined: the entry vanished since the listing (a temporary folder of another program) or dangles
          cst = statSync(child, { throwIfNoEntry: false });
        } catch (e) {
          if (name.endsWith(".stw")) out.push(diag("read-error", undefined, { file: child, detail: statProblem(e) }));
          continue;
        }
        if (cst !== undefined && (cst.isDirectory() || name.endsWith(".stw"))) walk(child, cst);
      }
    } else if (!st.isFile()) {
      out.push(diag("read-error", undefined, { file: p, detail: "not a regular file (a FIFO, device or socket)" }));
    } else if (firstVisit(p)) found.add(p.split(sep).join("/"));
  };
  for (const p of paths) {
    let st: Stats;
    try {
      st = statSync(p);
    } catch (e) {
      out.push(diag("read-error", undefined, { file: p, detail: statProblem(e) }));
      continue;
    }
    walk(p, st);
  }
  return [...found].sort();
}

/** Common folder of the given paths: the rule-set root. */
export function ruleSetRoot(paths: string[]): string {
  const dirs = paths.map((p) => {
    try {
      return statSync(p).isDirectory() ? p : dirname(p);
    } catch {
      return dirname(p);
    }
  });
  const parts = dirs.map((d) => posix.normalize(d.split(sep).join("/")).split("/"));
  const first = parts[0] ?? ["."];
  let n = 0;
  while (n < first.length && parts.every((p) => p[n] === first[n])) n++;
  return first.slice(0, n).join("/") || ".";
}

/** Largest file the compiler reads (rule files, XSD, a test's message file), in bytes: the router's default message limit. */
export const MAX_COMPILER_INPUT_BYTES = 64 * 1024 * 1024;

/**
 * A file's bytes, or undefined when it cannot be read, is not a regular file
 * (a FIFO would block for ever, /dev/zero never ends) or is larger than
 * {@link MAX_COMPILER_INPUT_BYTES}. Opened non-blocking, checked by fstat before reading.
 */
export function safeRead(path: string): Uint8Array | undefined {
  try {
    return readInputFileSync(path, MAX_COMPILER_INPUT_BYTES);
  } catch {
    return undefined;
  }
}

/** XSD messages: import each entry schema once per compile. */
function xsdLoader(): XsdMessageLoader {
  const cache = new Map<string, XsdImport>();
  return (decl, file, out) => {
    const written = decl.namespaceOrFile?.value ?? "";
    const entry = posix.normalize(posix.join(posix.dirname(file), written));
    const span = { file, start: decl.namespaceOrFile?.start ?? decl.start, end: decl.namespaceOrFile?.end ?? decl.end };
    let imported = cache.get(entry);
    if (!imported) {
      if (safeRead(entry) === undefined) {
        out.push(diag("xsd-file-missing", span, { file: written }));
        return undefined;
      }
      imported = importXsd(entry, (p) => {
        const b = safeRead(p);
        return b === undefined ? undefined : Buffer.from(b).toString("utf8");
      });
      cache.set(entry, imported);
      for (const d of imported.diagnostics) out.push(d);
    }
    const name = `${file}#${decl.name.text}`;
    const m = xsdMessageType(imported, name, decl.root?.value ?? decl.name.text);
    if (!m.ok) {
      out.push(diag("unknown-xsd-element", { file, start: decl.root?.start ?? decl.start, end: decl.root?.end ?? decl.end }, { element: decl.root?.value ?? "", file: written }));
      return undefined;
    }
    const { name: _ignored, ...message } = m.message;
    if (decl.prefix && message.encoding.format === "xml" && message.encoding.ns) message.encoding.prefixes = { [message.encoding.ns]: decl.prefix.text };
    return { message, types: imported.types };
  };
}

/** Parses and checks a rule set. Never throws for bad input; I/O problems are diagnostics. */
export function compile(opts: CompileOptions): CompileResult {
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const t0 = performance.now();
  const files = findRuleFiles(opts.paths, diagnostics);
  if (files.length === 0 && diagnostics.length === 0) diagnostics.push(diag("no-rules", undefined, { paths: opts.paths.join(", ") }));
  const asts: SourceFileAst[] = [];
  for (const f of files) {
    const bytes = safeRead(f);
    if (!bytes) {
      diagnostics.push(diag("read-error", undefined, { file: f, detail: "cannot read the file" }));
      continue;
    }
    const parsed = parseBytes(bytes, f);
    sources.set(f, parsed.ast.text);
    asts.push(parsed.ast);
    diagnostics.push(...parsed.diagnostics);
  }
  const t1 = performance.now();
  let directory = opts.directory;
  if (!directory) {
    const path = opts.directoryPath ?? defaultDirectoryPath();
    try {
      directory = loadDirectory(path);
    } catch (e) {
      diagnostics.push(diag("directory-error", undefined, { detail: e instanceof Error ? e.message : "unknown error" }));
      return { diagnostics, sources, timings: { parseMs: t1 - t0, checkMs: 0 } };
    }
  }
  const root = ruleSetRoot(opts.paths.length > 0 ? opts.paths : ["."]);
  const { model, diagnostics: semantic } = analyze(asts, { directory, root, readFile: safeRead, xsd: xsdLoader() });
  diagnostics.push(...semantic);
  return { diagnostics, model, sources, timings: { parseMs: t1 - t0, checkMs: performance.now() - t1 } };
}

/** Compiles and lowers for a stage; no output at all when there is any error. */
export function build(opts: CompileOptions & { stage: Stage }): CompileResult & { output?: LoweredOutput } {
  const result = compile(opts);
  if (hasErrors(result.diagnostics) || !result.model) return result;
  return { ...result, output: lower(result.model, opts.stage) };
}

export { relative, resolve };
