#!/usr/bin/env node
/**
 * Generates the grammar artefacts from the parser:
 *   grammar/diagrams.html  railroad diagrams (chevrotain createSyntaxDiagramsCode), self-contained:
 *                          the diagram scripts and stylesheet that chevrotain loads from a CDN by
 *                          default are inlined from node_modules/chevrotain/diagrams, so the page
 *                          works offline and never changes under our feet;
 *   grammar/cst.d.ts       the CST node types (chevrotain generateCstDts), used by src/format.
 *
 * Usage: npx tsc -p tsconfig.json && node scripts/gen-grammar.mjs [--check]
 *   --check  write nothing; exit 1 when a committed artefact is out of date.
 * The normative grammar is grammar/stellwerk.ebnf (hand-written); test/format/grammar.test.ts
 * checks that the artefacts are current and that the EBNF names every parser rule.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createSyntaxDiagramsCode, generateCstDts } from "chevrotain";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DIAGRAMS_PATH = join(ROOT, "grammar", "diagrams.html");
export const CST_DTS_PATH = join(ROOT, "grammar", "cst.d.ts");

/** Folder of chevrotain's diagram assets (node_modules/chevrotain/diagrams). */
function diagramsAssetDir() {
  const apiJs = createRequire(import.meta.url).resolve("chevrotain"); // <pkg>/lib/src/api.js
  return join(dirname(apiJs), "..", "..", "diagrams");
}

function chevrotainVersion() {
  const apiJs = createRequire(import.meta.url).resolve("chevrotain");
  return JSON.parse(readFileSync(join(dirname(apiJs), "..", "..", "package.json"), "utf8")).version;
}

/** Text of an asset, safe to place inside a <script> or <style> element. */
function asset(rel) {
  const text = readFileSync(join(diagramsAssetDir(), rel), "utf8").replace(/\r\n/g, "\n");
  return text.replace(/<\/(script|style)/gi, "<\\/$1");
}

const RES = "@@STELLWERK_RESOURCE_BASE@@/";
const CSS = "@@STELLWERK_CSS@@";

/**
 * The railroad-diagram page for a parser, with chevrotain's diagram assets inlined.
 * @param parser a chevrotain parser instance (after performSelfAnalysis)
 * @returns the HTML text (LF line ends, ends with a newline)
 */
export function renderDiagramsHtml(parser) {
  const version = chevrotainVersion();
  let html = createSyntaxDiagramsCode(parser.getSerializedGastProductions(), { resourceBase: RES, css: CSS });
  const origin = (rel, license) =>
    `/* Inlined from chevrotain ${version} diagrams/${rel} (${license}) by scripts/gen-grammar.mjs. */\n`;
  html = html.replace(`<link rel='stylesheet' href='${CSS}'>`, () => `<style>\n${origin("diagrams.css", "Apache-2.0")}${asset("diagrams.css")}</style>`);
  const scripts = [
    ["vendor/railroad-diagrams.js", "railroad-diagrams by Tab Atkins Jr., CC0"],
    ["src/diagrams_builder.js", "Apache-2.0"],
    ["src/diagrams_behavior.js", "Apache-2.0"],
    ["src/main.js", "Apache-2.0"],
  ];
  for (const [rel, license] of scripts) {
    html = html.replace(`<script src='${RES}${rel}'></script>`, () => `<script>\n${origin(rel, license)}${asset(rel)}</script>`);
  }
  if (html.includes(RES) || html.includes(CSS)) throw new Error("chevrotain's diagram page changed shape: an asset was not inlined");
  html = html.replace(
    "<!-- This is a generated file -->",
    "<!-- This is a generated file: node scripts/gen-grammar.mjs (railroad diagrams of the stellwerk rule language; normative grammar: stellwerk.ebnf) -->",
  );
  html = html.replace("<!DOCTYPE html>", "<!DOCTYPE html>\n<title>stellwerk rule language: syntax diagrams</title>");
  return html.replace(/[ \t]+\n/g, "\n").replace(/^\n+/, "").replace(/\n*$/, "\n");
}

/**
 * The CST type declarations for a parser.
 * @param parser a chevrotain parser instance (after performSelfAnalysis)
 */
export function renderCstDts(parser) {
  const body = generateCstDts(parser.getGAstProductions(), { visitorInterfaceName: "StellwerkCstVisitor" });
  const header =
    "/* This is a generated file: node scripts/gen-grammar.mjs (chevrotain generateCstDts).\n" +
    " * The CST node types of the stellwerk parser, one interface per rule of grammar/stellwerk.ebnf. */\n";
  return (header + body).replace(/\r\n/g, "\n").replace(/\n*$/, "\n");
}

/** Both artefacts: [path, expected text]. */
export function renderAll(parser) {
  return [
    [DIAGRAMS_PATH, renderDiagramsHtml(parser)],
    [CST_DTS_PATH, renderCstDts(parser)],
  ];
}

async function main() {
  const check = process.argv.includes("--check");
  const parserJs = join(ROOT, "dist", "src", "syntax", "parser.js");
  let mod;
  try {
    mod = await import(pathToFileURL(parserJs).href);
  } catch {
    process.stderr.write(`gen-grammar: cannot load ${parserJs}; run \`npx tsc -p tsconfig.json\` first\n`);
    return 2;
  }
  let stale = 0;
  for (const [path, text] of renderAll(mod.getParser())) {
    let current;
    try {
      current = readFileSync(path, "utf8");
    } catch {
      current = undefined;
    }
    if (current === text) continue;
    if (check) {
      process.stderr.write(`gen-grammar: ${path} is out of date; run node scripts/gen-grammar.mjs\n`);
      stale++;
    } else {
      writeFileSync(path, text);
      process.stdout.write(`wrote ${path}\n`);
    }
  }
  return stale > 0 ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main();
}
