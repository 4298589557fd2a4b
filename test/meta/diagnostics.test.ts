import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diagnosticCatalog, diagnosticsMarkdown } from "../../src/diagnostics/catalog.js";
import { CHECKS } from "../../src/semantics/analyze.js";

const root = new URL("../../", import.meta.url);

describe("diagnostic codes", () => {
  it("are unique across all tables", () => {
    const codes = diagnosticCatalog().map((e) => e.code);
    const dupes = codes.filter((c, i) => codes.indexOf(c) !== i);
    expect(dupes).toEqual([]);
  });

  it("follow the SWnnnn form", () => {
    for (const e of diagnosticCatalog()) expect(e.code).toMatch(/^SW[1-5]\d{3}$/);
  });

  it("are documented in docs/diagnostics.md (regenerate with scripts/gen-diagnostics-doc.mjs)", () => {
    expect(readFileSync(new URL("docs/diagnostics.md", root), "utf8")).toBe(diagnosticsMarkdown());
  });
});

describe("checks", () => {
  it("each check has its own file and a test file", () => {
    const files = readdirSync(new URL("src/semantics/checks/", root)).filter((f) => f.endsWith(".ts") && f !== "check.ts");
    const tests = new Set(readdirSync(new URL("test/semantics/checks/", root)));
    expect(files.length).toBeGreaterThanOrEqual(CHECKS.length);
    const missing = files.map((f) => f.replace(/\.ts$/, ".test.ts")).filter((t) => !tests.has(t));
    expect(missing).toEqual([]);
  });
});
