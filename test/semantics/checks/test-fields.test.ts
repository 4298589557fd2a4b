/** Check test-fields: `field` paths typed against the delivered message types (SW24xx), expected values of the right kind (SW2087). */
import { describe, expect, it } from "vitest";
import { BASE, at, edit, problemsOf } from "../../helpers/rules.js";

const GIVEN = '  given A1 inline ```{ "ags": "04011000" }```\n';
const test = (body: string): string => `\ntest "t" {\n${GIVEN}${body}}\n`;

// Two message versions: Bremen city (04011) gets M2 through a transformation, the rest of Bremen M.
const VERSIONS = edit(
  edit(
    edit(BASE, "message M json { ags: string }", "message M json { ags: string  betrag?: decimal  anzahl?: integer  aktiv?: boolean }\nmessage M2 json { gemeinde: string  betrag?: decimal }\ntransform ToM2 from M to M2 ```{ \"gemeinde\": ags, \"betrag\": betrag }```"),
    "system E implements Empfaenger",
    "system E implements Empfaenger\nsystem E2 implements Empfaenger { accepts M2 }",
  ),
  'Empfaenger = E via filesystem { inbox "e/in" }\n}',
  'Empfaenger = E via filesystem { inbox "e/in" }\n}\n\nregion "04011" "Bremen" {\n  override Empfaenger = E2 via filesystem { inbox "e2/in" }\n}',
);

describe("test-fields", () => {
  it("accepts values of the field's kind; decimals as text or number", () => {
    const src = test(
      '  expect field Empfaenger `ags` = "04011000"\n  expect field Empfaenger `anzahl` = 2\n  expect field Empfaenger `aktiv` = true\n' +
        '  expect field Empfaenger `betrag` = "12.50"\n  expect field Empfaenger `betrag` = 12.5\n',
    );
    expect(problemsOf(VERSIONS + src)).toEqual([]);
  });

  it("accepts a path that exists in one of the message types the role may receive", () => {
    const src = VERSIONS + test('  expect field Empfaenger `gemeinde` = "04011000"\n  expect field Empfaenger `ags` = "04011000"\n');
    expect(problemsOf(src)).toEqual([]);
  });

  it("reports a path that exists in none of them, with did-you-mean from the first", () => {
    const src = VERSIONS + test('  expect field Empfaenger `gemeide` = "04011000"\n');
    expect(problemsOf(src)).toEqual([at("a.stw", src, "gemeide", "SW2401")]);
  });

  it("narrows by the selected system", () => {
    const src = VERSIONS + test('  expect field Empfaenger system E2 `ags` = "04011000"\n');
    expect(problemsOf(src)).toEqual([at("a.stw", src, "ags", "SW2401", -1)]);
  });

  it("reports a value whose kind the path never has, at the value", () => {
    const src = VERSIONS + test("  expect field Empfaenger `ags` = 4011000\n  expect field Empfaenger `anzahl` = \"2\"\n  expect field Empfaenger `aktiv` = 7\n");
    expect(problemsOf(src)).toEqual([at("a.stw", src, "4011000", "SW2087", -1), at("a.stw", src, '"2"', "SW2087", -1), at("a.stw", src, "7", "SW2087", -1)]);
  });

  it("does not type `absent` paths: a field the type lacks is absent by construction", () => {
    expect(problemsOf(VERSIONS + test("  expect absent Empfaenger `personen.name`\n"))).toEqual([]);
  });
});
