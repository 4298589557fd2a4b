/**
 * Check tests (test blocks name only what exists): SW2001 unknown scenario,
 * role or system; SW2080 unknown recipient; SW2081 missing message file;
 * SW2082 no expectation; SW2083 duplicate name; SW2084 unknown reason;
 * SW2085 no `given`.
 */
import { describe, expect, it } from "vitest";
import { REJECT_REASONS } from "../../../src/table/test-plan.js";
import { BASE, at, edit, problems, problemsOf } from "../../helpers/rules.js";
import { buildSources } from "../../helpers/compile.js";

const FANOUT = edit(edit(BASE, "  to Empfaenger\n", "  to each Empfaenger\n"), 'Empfaenger = E via filesystem { inbox "e/in" }', 'Empfaenger "IHK Bremen" = E via filesystem { inbox "ihk/in" }');
const test = (body: string, name = "Bremen"): string => `\ntest "${name}" {\n${body}}\n`;
const GIVEN = '  given A1 inline ```{ "ags": "04011000" }```\n';

describe("tests: valid", () => {
  it("accepts a test with a message file, a region, and every kind of expectation", () => {
    const src = FANOUT + test(
      '  given A1 file "nachrichten/a1.json" region "04011000"\n' +
        '  expect delivered to Empfaenger "IHK Bremen" system E region "04011"\n' +
        '  expect not delivered to Empfaenger "IHK Bremen" system S\n' +
        '  expect field Empfaenger "IHK Bremen" `ags` = "04011000"\n' +
        "  expect absent Empfaenger `gemeinde`\n",
    );
    expect(problems({ "a.stw": src }, { files: { "nachrichten/a1.json": '{ "ags": "04011000" }' } })).toEqual([]);
  });

  it("resolves message files relative to the rule file", () => {
    const src = BASE + test('  given A1 file "../nachrichten/a1.json"\n  expect delivered to Empfaenger\n');
    expect(problems({ "regeln/a.stw": src }, { files: { "nachrichten/a1.json": "{}" } })).toEqual([]);
  });

  it("accepts setup steps, inline messages and stage pilot", () => {
    const src = BASE + test(`  stage pilot\n  given A1 inline "{}"\n${GIVEN}  expect delivered to Empfaenger\n`);
    expect(problemsOf(src)).toEqual([]);
  });

  it.each(REJECT_REASONS.map((r) => [r]))("accepts the rejection reason %s", (reason) => {
    expect(problemsOf(BASE + test(`${GIVEN}  expect rejected ${reason}\n`))).toEqual([]);
  });

  it("compiles tests into the test plan with rule-set-relative files and lines", () => {
    const src = BASE + test('  given A1 file "../nachrichten/a1.json" region "04011000"\n  expect delivered to Empfaenger\n');
    const { output } = buildSources({ "regeln/a.stw": src }, "test", { files: { "nachrichten/a1.json": "{}" } });
    expect(output!.plan.tests).toEqual([
      {
        name: "Bremen",
        package: "p",
        source: { file: "regeln/a.stw", line: 21 },
        stage: "test",
        setup: [],
        input: { file: "nachrichten/a1.json", scenario: "p.A1", region: "04011000" },
        expectations: [{ kind: "delivered", to: { role: "p.Empfaenger" }, line: 23 }],
      },
    ]);
  });
});

describe("tests: invalid", () => {
  it("reports a recipient bound nowhere, with a suggestion for a close one", () => {
    const src = FANOUT + test(`${GIVEN}  expect delivered to Empfaenger "IHK Bremn"\n`);
    expect(problemsOf(src)).toEqual([at("a.stw", src, '"IHK Bremn"', "SW2080")]);
  });

  it("reports each missing name of one test", () => {
    const src = BASE + test('  given A9 file "fehlt.json"\n  expect delivered to Empfaenegr system EE\n');
    expect(problemsOf(src)).toEqual([
      at("a.stw", src, "A9", "SW2001"),
      at("a.stw", src, '"fehlt.json"', "SW2081"),
      at("a.stw", src, "Empfaenegr", "SW2001"),
      at("a.stw", src, "EE", "SW2001"),
    ]);
  });

  it("reports a role that exists but as another kind", () => {
    const src = BASE + test(`${GIVEN}  expect delivered to S\n`);
    expect(problemsOf(src)).toEqual([at("a.stw", src, "S", "SW2005", -1)]);
  });

  it("reports a test without `given` and without `expect` at its name", () => {
    const src = BASE + test("  stage pilot\n");
    expect(problemsOf(src)).toEqual([at("a.stw", src, '"Bremen"', "SW2082", -1), at("a.stw", src, '"Bremen"', "SW2085", -1)]);
  });

  it("reports duplicate test names across files of different packages", () => {
    const a = BASE + test(`${GIVEN}  expect delivered to Empfaenger\n`);
    const b = BASE.replace("package p", "package q") + test(`${GIVEN}  expect delivered to Empfaenger\n`);
    expect(problems({ "a.stw": a, "b.stw": b })).toEqual([at("b.stw", b, '"Bremen"', "SW2083", -1)]);
  });
});
