/**
 * Benchmark corpus generator (issue 6): rule sets at the scale of 419 (Sachsen),
 * 2,000 and 11,004 municipalities, each municipality with its own
 * specialization block, written to a fresh owner-only temp folder.
 *
 * How a corpus is made from a template rule set (the shipped `rules/` when it
 * checks clean and has scenarios and a region chain, else the benchmark's own
 * process in `bench/rules/`):
 * 1. Generic part: every rule file is copied with its `region` and `test`
 *    declarations cut out (by AST span) and XSD paths re-pointed at the
 *    original schema files.
 * 2. Region part: per package, the template's specialization chain of one
 *    template municipality (Freiberg, AGS 14522180: its state, district,
 *    Gemeindeverband and municipality blocks) is replicated for every selected
 *    municipality: one state block per state, one district block per district,
 *    one municipality block per municipality. Inside each copy, the template's
 *    regional key is replaced by the new one in string values, and filesystem /
 *    OSCI directories get the new key as a path prefix, so no two
 *    municipalities share an exchange directory.
 *
 * Sizes are whole states, so the scope of each rule set is exactly its
 * municipalities: 419 = Sachsen; 2,000 = Hamburg, Bremen, Mecklenburg-Vorpommern,
 * Sachsen, Sachsen-Anhalt, Thüringen; 11,004 = all 16 states (directory of
 * 2020-12-31).
 *
 * Run directly to write one corpus: `node dist/bench/corpus.js <419|2000|11004> [outDir]`.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultDirectoryPath, findRuleFiles } from "../src/compiler/compile.js";
import { loadDirectory } from "../src/directory/index.js";
import { normalizeRegionKey, officialName } from "../src/directory/keys.js";
import type { Directory, Municipality } from "../src/directory/types.js";
import type * as A from "../src/syntax/ast.js";
import { parseSource } from "../src/syntax/parse.js";

/** The project root (works from bench/ and dist/bench/). */
export const PROJECT_ROOT = findProjectRoot();

function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      readFileSync(join(dir, "package.json"));
      return dir;
    } catch {
      dir = dirname(dir);
    }
  }
  return process.cwd();
}

/** One corpus size: a set of whole states. */
export interface CorpusSize {
  /** Number of municipalities (scope of the rule set). */
  municipalities: number;
  label: string;
  /** State keys (2 digits). */
  states: string[];
}

export const CORPUS_SIZES: readonly CorpusSize[] = [
  { municipalities: 419, label: "Sachsen", states: ["14"] },
  { municipalities: 2000, label: "HH, HB, MV, SN, ST, TH", states: ["02", "04", "13", "14", "15", "16"] },
  {
    municipalities: 11004,
    label: "Deutschland",
    states: ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16"],
  },
];

/** The template municipality whose specialization chain is replicated. */
export const TEMPLATE_AGS = "14522180";

/** The shipped rules and the benchmark's own process. */
export const SHIPPED_RULES = join(PROJECT_ROOT, "rules");
export const BENCH_RULES = join(PROJECT_ROOT, "bench", "rules");

/** What was generated. */
export interface CorpusInfo {
  dir: string;
  template: string;
  municipalities: number;
  files: number;
  bytes: number;
  lines: number;
  regionBlocks: number;
  /** The .stw files of the corpus, sorted. */
  paths: string[];
}

interface ParsedFile {
  path: string;
  rel: string;
  text: string;
  ast: A.SourceFileAst;
}

/** A block of the template chain of one package. */
interface ChainBlock {
  decl: A.RegionDecl;
  file: ParsedFile;
  /** Key as written in the template ("14", "14522", "14522180", ...). */
  written: string;
  /** Its ARS form. */
  ars: string;
  level: "state" | "regierungsbezirk" | "district" | "verband" | "municipality";
}

let cachedDirectory: Directory | undefined;

/** The compiler's default municipality directory (the shipped GV-ISys extract), loaded once. */
export function benchDirectory(): Directory {
  cachedDirectory ??= loadDirectory(defaultDirectoryPath());
  return cachedDirectory;
}

function parseTemplate(root: string): ParsedFile[] {
  const files = findRuleFiles([root], []);
  return files.map((path) => {
    const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
    const { ast } = parseSource(text, path);
    return { path, rel: relative(root, path), text, ast };
  });
}

/** A string literal in rule syntax. */
function str(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t")}"`;
}

/** Applies non-overlapping text replacements (by span) to `text`. */
function splice(text: string, edits: Array<{ start: number; end: number; text: string }>): string {
  let out = "";
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    if (e.start < at) continue;
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** The generic part of a template file: without region and test declarations, XSD paths re-pointed. */
function genericText(f: ParsedFile, outPath: string): string {
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const d of f.ast.declarations) {
    if (d.kind === "region" || d.kind === "test") edits.push({ start: d.start, end: d.end, text: "" });
    if (d.kind === "message" && d.encoding === "xsd" && d.namespaceOrFile) {
      const target = resolve(dirname(f.path), d.namespaceOrFile.value);
      const rel = relative(dirname(outPath), target).split("\\").join("/");
      edits.push({ start: d.namespaceOrFile.start, end: d.namespaceOrFile.end, text: str(rel) });
    }
  }
  return splice(f.text, edits);
}

/** The chain of region blocks of each package covering the template municipality. */
function templateChains(files: ParsedFile[], dir: Directory): Map<string, ChainBlock[]> {
  const t = dir.byAgs.get(TEMPLATE_AGS);
  if (!t) throw new Error(`template municipality ${TEMPLATE_AGS} is not in the directory`);
  const chains = new Map<string, ChainBlock[]>();
  for (const f of files) {
    const pkg = f.ast.package?.text ?? "";
    for (const d of f.ast.declarations) {
      if (d.kind !== "region") continue;
      const n = normalizeRegionKey(dir, d.key.value);
      if (n.ars === undefined || !t.ars.startsWith(n.ars)) continue;
      const list = chains.get(pkg) ?? [];
      list.push({ decl: d, file: f, written: d.key.value, ars: n.ars, level: n.level });
      chains.set(pkg, list);
    }
  }
  for (const list of chains.values()) list.sort((a, b) => a.ars.length - b.ars.length);
  return chains;
}

/** The key of municipality `m` at the level of a template block, in the same written form. */
function keyFor(block: ChainBlock, m: Municipality): string {
  switch (block.level) {
    case "state":
      return m.stateKey;
    case "regierungsbezirk":
      return m.regierungsbezirkKey;
    case "district":
      return m.districtKey;
    case "verband":
      return m.verbandKey;
    case "municipality":
      return block.written.length === 8 ? m.ags : m.ars;
  }
}

function replaceKey(value: string, from: string, to: string): string {
  if (from === to) return value;
  return value.replace(new RegExp(`(?<![0-9])${from}(?![0-9])`, "g"), to);
}

/** One region item of a template block, rewritten for the region `key`. */
function rewriteItem(item: A.RegionItem, f: ParsedFile, from: string, key: string, prefixPaths: boolean): string {
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const literal = (l: A.Literal | undefined, path: boolean): void => {
    if (!l || l.kind !== "string") return;
    let v = replaceKey(l.value, from, key);
    if (path && prefixPaths) v = `${key}/${v}`;
    if (v !== l.value) edits.push({ start: l.start, end: l.end, text: str(v) });
  };
  if (item.kind === "binding") {
    for (const a of item.adapters) {
      for (const s of a.settings) literal(s.value, ["inbox", "outbox", "orders"].includes(s.key.text));
    }
  } else if (item.kind === "set") {
    literal(item.value, false);
  } else if (item.kind === "lookup") {
    for (const e of item.entries) literal(e.value, false);
  }
  const shifted = edits.map((e) => ({ start: e.start - item.start, end: e.end - item.start, text: e.text }));
  return splice(f.text.slice(item.start, item.end), shifted);
}

/** What a region item sets, for detecting two settings of one thing in one block. */
function identityOf(item: A.RegionItem): string {
  switch (item.kind) {
    case "stage":
      return "stage";
    case "set":
    case "lookup":
      return `$${item.name.text}`;
    case "binding":
      return `${item.role.text}|${item.recipient?.value ?? ""}|${item.scenarios.map((q) => q.text).sort().join(",")}`;
  }
}

/** A region item rewritten for a key, with what it sets and whether it is an override. */
interface ItemText {
  identity: string;
  override: boolean;
  text: string;
}

function itemsFor(block: ChainBlock, key: string): ItemText[] {
  return block.decl.items.map((it) => ({ identity: identityOf(it), override: it.override, text: rewriteItem(it, block.file, block.written, key, true) }));
}

/**
 * Items of `folded` (from template blocks whose level does not exist for this
 * municipality, e.g. no Kreis record) merged into `own`: an own item of the same
 * identity wins, and loses its `override` when the folded item introduced the thing.
 */
function fold(folded: ItemText[], own: ItemText[]): ItemText[] {
  const mine = new Map(own.map((i) => [i.identity, i]));
  const out: ItemText[] = [];
  for (const f of folded) {
    const o = mine.get(f.identity);
    if (o === undefined) out.push(f);
    else if (o.override && !f.override) mine.set(f.identity, { ...o, override: false, text: o.text.replace(/^override\s+/, "") });
  }
  return [...out, ...own.map((i) => mine.get(i.identity)!)];
}

/** A region block with the given items, for the region `key` (written form). */
function regionBlock(key: string, items: ItemText[], dir: Directory): string {
  const name = officialName(dir, key);
  const title = name !== undefined ? ` ${str(name)}` : "";
  return `region ${str(key)}${title} {\n${items.map((i) => "  " + i.text).join("\n")}\n}\n`;
}

/** State file for state-level blocks and municipalities outside any Kreis record, else the district file. */
function fileFor(level: ChainBlock["level"], m: Municipality, dir: Directory): string {
  return level === "state" || level === "regierungsbezirk" || !dir.districts.has(m.districtKey) ? m.stateKey : m.districtKey;
}

function header(f: ParsedFile): string {
  const pkg = f.ast.package ? `package ${f.ast.package.text}\n` : "";
  const imports = f.ast.imports.map((i) => f.text.slice(i.start, i.end)).join("\n");
  return `// Generated by bench/corpus.ts from ${f.rel}; do not edit.\n${pkg}${imports}\n\n`;
}

/** The municipalities of the given states, in ARS order. */
export function municipalitiesOf(dir: Directory, states: readonly string[]): Municipality[] {
  const set = new Set(states);
  return dir.municipalities.filter((m) => set.has(m.stateKey));
}

/** Why a template rule set cannot be used, or undefined when it can. */
export function templateProblem(root: string): string | undefined {
  let files: ParsedFile[];
  try {
    files = parseTemplate(root);
  } catch {
    return `cannot read ${root}`;
  }
  if (files.length === 0) return "no rule files";
  if (!files.some((f) => f.ast.declarations.some((d) => d.kind === "scenario"))) return "no scenario";
  const chains = templateChains(files, benchDirectory());
  if (chains.size === 0) return `no region block covers the template municipality ${TEMPLATE_AGS}`;
  return undefined;
}

/**
 * Writes the corpus of `size` generated from the template rule set at `templateRoot`.
 * @param outDir folder to write into (created owner-only); default: a new temp folder.
 * @throws Error when the template has no region chain for the template municipality.
 */
export function generateCorpus(size: CorpusSize, templateRoot: string, outDir?: string): CorpusInfo {
  const dir = benchDirectory();
  const out = outDir ?? mkdtempSync(join(tmpdir(), `stellwerk-corpus-${size.municipalities}-`));
  mkdirSync(out, { recursive: true, mode: 0o700 });
  chmodSync(out, 0o700);
  const files = parseTemplate(templateRoot);
  const chains = templateChains(files, dir);
  if (chains.size === 0) throw new Error(`no region block of ${templateRoot} covers ${TEMPLATE_AGS}`);
  const muns = municipalitiesOf(dir, size.states);
  const written: Array<{ path: string; text: string }> = [];
  for (const f of files) {
    const path = join(out, f.rel);
    written.push({ path, text: genericText(f, path) });
  }
  let regionBlocks = 0;
  for (const [, chain] of chains) {
    // Files per package: one per state (state and Regierungsbezirk blocks, and
    // municipalities outside any district record) and one per district.
    const home = chain[chain.length - 1]!.file;
    const base = join(out, dirname(home.rel), "regionen");
    const byFile = new Map<string, string[]>();
    const emitted = new Set<string>();
    const add = (file: string, block: string): void => {
      const list = byFile.get(file) ?? [];
      list.push(block);
      byFile.set(file, list);
      regionBlocks++;
    };
    for (const m of muns) {
      // Items of levels that do not exist for this municipality (e.g. a gemeindefreies
      // Gebiet without a Kreis record) move down into its municipality block.
      // Regierungsbezirk items in a state without Regierungsbezirke move up into the state block.
      let pending: ItemText[] = [];
      const rb = chain.find((b) => b.level === "regierungsbezirk");
      const stateHasRb = [...dir.regierungsbezirke.keys()].some((k) => k.startsWith(m.stateKey));
      for (const block of chain) {
        const key = keyFor(block, m);
        if (block.level === "regierungsbezirk" && !stateHasRb) continue;
        if (block.level === "state" && rb !== undefined && !stateHasRb) {
          const id = `state:${key}`;
          if (emitted.has(id)) continue;
          emitted.add(id);
          add(fileFor("state", m, dir), regionBlock(key, fold(itemsFor(block, key), itemsFor(rb, m.regierungsbezirkKey)), dir));
          continue;
        }
        const exists = normalizeRegionKey(dir, key).ars !== undefined && (block.level !== "district" || dir.districts.has(key));
        if (!exists) {
          pending = fold(pending, itemsFor(block, key));
          continue;
        }
        const own = block.level === "municipality";
        const id = `${block.level}:${key}`;
        if (emitted.has(id)) continue;
        emitted.add(id);
        const items = own ? fold(pending, itemsFor(block, key)) : itemsFor(block, key);
        if (own) pending = [];
        add(fileFor(block.level, m, dir), regionBlock(key, items, dir));
      }
      if (pending.length > 0) add(fileFor("municipality", m, dir), regionBlock(m.ags, pending, dir));
    }
    const head = header(home);
    for (const [name, blocks] of [...byFile.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      written.push({ path: join(base, `${name}.stw`), text: head + blocks.join("\n") });
    }
  }
  let bytes = 0;
  let lines = 0;
  for (const w of written) {
    mkdirSync(dirname(w.path), { recursive: true, mode: 0o700 });
    writeFileSync(w.path, w.text, { mode: 0o600 });
    bytes += Buffer.byteLength(w.text);
    for (let i = w.text.indexOf("\n"); i >= 0; i = w.text.indexOf("\n", i + 1)) lines++;
  }
  return {
    dir: out,
    template: templateRoot,
    municipalities: muns.length,
    files: written.length,
    bytes,
    lines,
    regionBlocks,
    paths: written.map((w) => w.path).sort(),
  };
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? "419");
  const size = CORPUS_SIZES.find((s) => s.municipalities === n);
  if (!size) {
    process.stderr.write(`usage: corpus.js <${CORPUS_SIZES.map((s) => s.municipalities).join("|")}> [outDir] [templateDir]\n`);
    process.exitCode = 2;
    return;
  }
  const template = process.argv[4] ?? (templateProblem(SHIPPED_RULES) === undefined ? SHIPPED_RULES : BENCH_RULES);
  const info = generateCorpus(size, template, process.argv[3]);
  process.stdout.write(JSON.stringify({ ...info, paths: undefined }, null, 2) + "\n");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
