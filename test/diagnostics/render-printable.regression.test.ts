/**
 * Regression: pretty diagnostics printed file names (and messages and notes
 * that quote them) raw, so a rule file named with a newline split a finding
 * over two lines and one named with ESC or CSI (U+009B) sequences drove the
 * terminal. Such characters are now written as \uXXXX.
 */
import { describe, expect, it } from "vitest";
import { renderPretty } from "../../src/diagnostics/render.js";
import { printable } from "../../src/diagnostics/printable.js";

const evil = "regeln/\u001b[2Jneu\nzeile\u009b31m.stw";

describe("pretty diagnostics with hostile file names", () => {
  it("escape control characters in the location, the message, the help and related notes", () => {
    const sources = new Map([[evil, "role A\nrole A\n"]]);
    const out = renderPretty(
      {
        code: "SW2002",
        severity: "error",
        message: `The role \`A\` is declared twice in ${evil}.`,
        span: { file: evil, start: 12, end: 13 },
        suggestion: `rename it in ${evil}`,
        related: [{ span: { file: evil, start: 5, end: 6 }, message: "first\u2028declared here" }],
      },
      sources,
      false,
    );
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(out.split("\n")).toHaveLength(5);
    expect(out).toContain("regeln/\\u001b[2Jneu\\u000azeile\\u009b31m.stw:2:6: error SW2002");
    expect(out).toContain("first\\u2028declared here at regeln/");
  });

  it("leave ordinary text, umlauts and tabs in messages alone", () => {
    expect(printable("Gemeinde Ölsnitz/Erzgeb.\tx")).toBe("Gemeinde Ölsnitz/Erzgeb.\\u0009x");
    expect(printable("Gemeinde Ölsnitz/Erzgeb.")).toBe("Gemeinde Ölsnitz/Erzgeb.");
  });
});
