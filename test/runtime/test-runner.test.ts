import { fileURLToPath } from "node:url";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, test } from "vitest";
import type { Expectation, TestCase, TestPlan } from "../../src/table/test-plan.js";
import { structuralDiff } from "../../src/runtime/diff.js";
import { toJUnitXml, xmlEscape } from "../../src/runtime/junit.js";
import { formatTestReport } from "../../src/runtime/test-report.js";
import { runTestPlan, type TestRunOptions } from "../../src/runtime/test-runner.js";
import { A1_FREIBERG, A2_FREIBERG, FREIBERG_ANMELDUNG, KFZ_FREIBERG, loadFixture } from "./fixtures.js";

const root = fileURLToPath(new URL("../fixtures/", import.meta.url));
const options: TestRunOptions = { tables: { test: loadFixture() }, root };
const BETRIEB_ID = "10B1F973-BCE7-448B-B5CC-9A8CC81174C3"; // a payload value of the Anmeldung

const PE = "gewerbe.Pflichtempfaenger";
const tc = (name: string, input: TestCase["input"], expectations: Expectation[], over: Partial<TestCase> = {}): TestCase => ({
  name,
  package: "gewerbe",
  source: { file: "gewerbe/tests.stw", line: 1 },
  stage: "test",
  setup: [],
  input,
  expectations,
  ...over,
});
const plan = (...tests: TestCase[]): TestPlan => ({ format: "stellwerk.test-plan", formatVersion: 1, tests });

describe("runTestPlan", () => {
  test("a passing case: delivered, not delivered, field values and absent fields", async () => {
    const report = await runTestPlan(
      plan(
        tc("A10 Freiberg", { file: FREIBERG_ANMELDUNG }, [
          { kind: "delivered", to: { role: PE, recipient: "StaLA Sachsen" }, line: 3 },
          { kind: "delivered", to: { role: PE, recipient: "IHK Chemnitz", system: "gewerbe.IHKGateway", region: "145220180180" }, line: 4 },
          { kind: "not-delivered", to: { role: "gewerbe.Wirtschaftsfoerderung", recipient: "WiFö Mittweida" }, line: 5 },
          { kind: "field", to: { role: PE, recipient: "IHK Chemnitz" }, path: "art", value: "anmeldung", line: 6 },
          { kind: "field", to: { role: PE, recipient: "IHK Chemnitz" }, path: "$", value: { "@kammer": "IHK Chemnitz", ags: "14522180", betrieb: BETRIEB_ID, art: "anmeldung" }, line: 7 },
          { kind: "absent", to: { role: PE, recipient: "IHK Chemnitz" }, path: "geburtsdatum", line: 8 },
        ]),
      ),
      options,
    );
    expect(report).toMatchObject({ total: 1, passed: 1, failed: 0, errors: 0 });
    expect(report.cases[0]!.expectations.every((e) => e.ok)).toBe(true);
    expect(report.cases[0]!.routed).toEqual({ ok: true, scenario: "gewerbe.A10", deliveries: 4 });
  });

  test("a failing field expectation shows expected, hides the actual payload value, and diffs paths", async () => {
    const wrong: Expectation = { kind: "field", to: { role: PE, recipient: "IHK Chemnitz" }, path: "$", value: { ags: "14522180", betrieb: "falsch", art: "anmeldung" }, line: 9 };
    const report = await runTestPlan(plan(tc("wrong field", { file: FREIBERG_ANMELDUNG }, [wrong])), options);
    const x = report.cases[0]!.expectations[0]!;
    expect(report.cases[0]!.status).toBe("failed");
    expect(x.ok).toBe(false);
    expect(x.expected).toEqual(wrong.value);
    expect(x.actual).toMatchObject({ redacted: true, type: "object" });
    expect(x.diff!.map((d) => [d.path, d.kind])).toEqual([['["@kammer"]', "extra"], ["betrieb", "value"]]);
    const text = formatTestReport(report) + toJUnitXml(report) + JSON.stringify(report);
    expect(text).not.toContain(BETRIEB_ID);
    expect(text).not.toContain("IHK Chemnitz\",\"ags"); // the actual object is not serialised
    const shown = await runTestPlan(plan(tc("wrong field", { file: FREIBERG_ANMELDUNG }, [wrong])), { ...options, showValues: true });
    expect(JSON.stringify(shown.cases[0]!.expectations[0]!.actual)).toContain(BETRIEB_ID);
    expect(formatTestReport(shown)).toContain(`at betrieb: expected "falsch", actual "${BETRIEB_ID}"`);
  });

  test("equal hidden values hash equally, different ones differently", async () => {
    const field = (value: string, line: number): Extract<Expectation, { kind: "field" }> => ({ kind: "field", to: { role: PE, recipient: "IHK Chemnitz" }, path: "betrieb", value, line });
    const report = await runTestPlan(plan(tc("hashes", { file: FREIBERG_ANMELDUNG }, [field("x", 1), field("y", 2), { ...field("z", 3), path: "art" }])), options);
    const [a, b, c] = report.cases[0]!.expectations.map((e) => (e.actual as { hash: string }).hash);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(a).toMatch(/^[0-9a-f]{12}$/);
  });

  test("rejections: expected reason passes, another reason or a delivery fails", async () => {
    const report = await runTestPlan(
      plan(
        tc("kfz Freiberg unroutable", { file: KFZ_FREIBERG }, [{ kind: "rejected", reason: "unroutable", line: 2 }]),
        tc("kfz Freiberg invalid?", { file: KFZ_FREIBERG }, [{ kind: "rejected", reason: "invalid", line: 3 }]),
        tc("delivered, not rejected", { file: FREIBERG_ANMELDUNG }, [{ kind: "rejected", reason: "unroutable", line: 4 }]),
        tc("rejected, not delivered", { file: KFZ_FREIBERG }, [{ kind: "delivered", to: { role: "kfz.Zulassungsbehoerde" }, line: 5 }]),
      ),
      options,
    );
    expect(report.cases.map((c) => c.status)).toEqual(["passed", "failed", "failed", "failed"]);
    expect(report.cases[1]!.expectations[0]!.message).toBe("expected rejection invalid, got unroutable");
    expect(report.cases[2]!.expectations[0]!.message).toBe("expected rejection unroutable, but it was delivered");
    expect(report.cases[3]!.expectations[0]!.actual).toMatchObject({ rejected: "unroutable" });
  });

  test("a missed delivery is diffed against the closest actual delivery", async () => {
    const report = await runTestPlan(plan(tc("wrong region", { file: FREIBERG_ANMELDUNG }, [{ kind: "delivered", to: { role: PE, recipient: "StaLA Sachsen", region: "14" }, line: 2 }])), options);
    const x = report.cases[0]!.expectations[0]!;
    expect(x.diff).toEqual([{ path: "region", kind: "value", expected: "14", actual: "145220180180" }]);
  });

  test("setup steps open cases that the input's reply finds; without them the reply is unknown-case", async () => {
    const expectReply: Expectation = { kind: "delivered", to: { role: "gewerbe.OnlineAntragsmanagement", system: "gewerbe.Amt24" }, line: 3 };
    const report = await runTestPlan(
      plan(
        tc("A1 then A2", { file: A2_FREIBERG }, [expectReply, { kind: "field", to: expectReply.to, path: "status", value: "A2", line: 4 }], { setup: [{ file: A1_FREIBERG }] }),
        tc("A2 alone", { file: A2_FREIBERG }, [{ kind: "rejected", reason: "unknown-case", line: 5 }]),
      ),
      options,
    );
    expect(report.cases.map((c) => c.status)).toEqual(["passed", "passed"]);
  });

  test("inline messages, fixed scenario and region", async () => {
    const inline = JSON.stringify({ antragId: "x-1", gemeinde: "14522180", art: "anmeldung", betrieb: { name: "B" }, person: [] });
    const report = await runTestPlan(
      plan(tc("inline", { inline, scenario: "gewerbe.A1", region: "14522360" }, [{ kind: "delivered", to: { role: "gewerbe.Gewerbefachverfahren", region: "145225119" }, line: 2 }])),
      options,
    );
    expect(report.cases[0]!.status).toBe("passed");
  });

  test("cases that cannot run are errors, not failures", async () => {
    const report = await runTestPlan(
      plan(
        tc("missing file", { file: "messages/nope.xml" }, []),
        tc("no table", { file: FREIBERG_ANMELDUNG }, [], { stage: "pilot" }),
        tc("bad setup", { file: A2_FREIBERG }, [], { setup: [{ file: KFZ_FREIBERG }] }),
        tc("empty step", {}, []),
      ),
      options,
    );
    expect(report.cases.map((c) => [c.status, c.error])).toEqual([
      ["error", "cannot read message file messages/nope.xml"],
      ["error", "no routing table for stage pilot"],
      ["error", expect.stringMatching(/^setup step 1 was rejected: unroutable/)],
      ["error", "a test step names neither a file nor an inline message"],
    ]);
    expect(report).toMatchObject({ total: 4, errors: 4, passed: 0 });
  });
});

describe("JUnit XML", () => {
  test("well-formed, one suite per package, failures and errors with escaped text", async () => {
    const report = await runTestPlan(
      plan(
        tc('ok <&> "quoted"', { file: FREIBERG_ANMELDUNG }, [{ kind: "delivered", to: { role: PE }, line: 2 }]),
        tc("fails \u0001 control", { file: FREIBERG_ANMELDUNG }, [{ kind: "rejected", reason: "invalid", line: 3 }]),
        tc("error", { file: "missing.xml" }, [], { package: "kfz" }),
      ),
      options,
    );
    const xml = toJUnitXml(report);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml) as {
      testsuites: { tests: string; failures: string; errors: string; testsuite: Array<{ name: string; testcase: unknown }> };
    };
    expect([doc.testsuites.tests, doc.testsuites.failures, doc.testsuites.errors]).toEqual(["3", "1", "1"]);
    expect(doc.testsuites.testsuite.map((s) => s.name)).toEqual(["gewerbe", "kfz"]);
    expect(xml).toContain('name="ok &lt;&amp;&gt; &quot;quoted&quot;"');
    expect(xml).toContain("fails \\u0001 control");
    expect(xml).toContain('<failure message="expected rejection invalid, but it was delivered" type="expectation">');
    expect(xml).toContain('<error message="cannot read message file missing.xml" type="error"/>');
  });

  test("xmlEscape handles lone surrogates and all five specials", () => {
    expect(xmlEscape(`a<b>&"'\ud800`)).toBe("a&lt;b&gt;&amp;&quot;&apos;\\ud800");
  });
});

describe("structuralDiff", () => {
  test("reports missing, extra, type and value differences by path", () => {
    expect(structuralDiff({ a: 1, b: [1, 2], c: { d: "x" }, "e f": 1 }, { a: "1", b: [1], c: { d: "y", z: 0 }, "e f": 1 })).toEqual([
      { path: "a", kind: "type", expected: 1, actual: "1" },
      { path: "b[1]", kind: "missing", expected: 2 },
      { path: "c.d", kind: "value", expected: "x", actual: "y" },
      { path: "c.z", kind: "extra", actual: 0 },
    ]);
    expect(structuralDiff({ "a.b": 1 }, {})).toEqual([{ path: '["a.b"]', kind: "missing", expected: 1 }]);
    expect(structuralDiff([1, 2], [1, 2])).toEqual([]);
  });
});
