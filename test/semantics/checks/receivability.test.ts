/**
 * Check receivability (SW2030 one finding per scenario and role listing the
 * municipalities; SW2040 a filesystem inbox/outbox missing for how a binding is used).
 */
import { describe, expect, it } from "vitest";
import { BASE, at, edit, problemsOf } from "../../helpers/rules.js";
import { checkSources, findings } from "../../helpers/compile.js";

const STATE = 'region "04" "Bremen" {\n  Sender = S via filesystem { outbox "s/out" }\n  Empfaenger = E via filesystem { inbox "e/in" }\n}\n';

describe("receivability", () => {
  it("accepts a state that binds every role", () => {
    expect(problemsOf(BASE)).toEqual([]);
  });

  it("accepts roles bound at different levels that together cover every municipality", () => {
    const src = edit(BASE, STATE, 'region "04" "Bremen" {\n  Sender = S via filesystem { outbox "s/out" }\n}\n\nregion "04011" {\n  Empfaenger = E via filesystem { inbox "bremen/in" }\n}\n\nregion "04012" {\n  Empfaenger = E via filesystem { inbox "bremerhaven/in" }\n}\n');
    expect(problemsOf(src)).toEqual([]);
  });

  it("accepts a fan-out role where one municipality waives one of two recipients", () => {
    let src = edit(BASE, "  to Empfaenger\n", "  to each Empfaenger\n");
    src = edit(src, 'Empfaenger = E via filesystem { inbox "e/in" }', 'Empfaenger "IHK" = E via filesystem { inbox "ihk/in" }\n  Empfaenger "HWK" = E via filesystem { inbox "hwk/in" }');
    src += '\nregion "04012" {\n  override Empfaenger "IHK" = none\n}\n';
    expect(problemsOf(src)).toEqual([]);
  });

  it("accepts a reply routed to its origin without a binding of a target role", () => {
    const src = edit(BASE, "  region `ags`\n", "  region `ags`\n  correlate `ags`\n") + '\nscenario A2 "Antwort" {\n  from Empfaenger\n  to origin\n  reply\n  message M\n  detect `true`\n  correlate `ags`\n}\n';
    const withOutbox = edit(src, '{ inbox "e/in" }', '{ inbox "e/in" outbox "e/out" }');
    expect(problemsOf(edit(withOutbox, "  region `ags`\n  correlate", "  region `ags`\n  detect `true`\n  correlate"))).toEqual([]);
  });

  it("reports a scenario-limited binding that leaves another scenario without a receiver", () => {
    let src = edit(BASE, 'Empfaenger = E via filesystem { inbox "e/in" }', 'Empfaenger = E via filesystem { inbox "e/in" } for A1');
    src += '\nmessage K json { ags: string }\n\nscenario A4 "Mitteilung" {\n  from Sender\n  to Empfaenger\n  message K\n  region `ags`\n}\n';
    const r = checkSources({ "a.stw": src });
    expect(findings(r).map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(["23:10 SW2030"]);
    expect(findings(r)[0]!.message).toBe(
      "2 municipalities in scope cannot receive scenario A4: no binding of role `Empfaenger` covers Bremen, Stadt (04011000), Bremerhaven, Stadt (04012000).",
    );
  });

  it("reports sending and receiving gaps as separate findings, ordered by role", () => {
    const src = edit(BASE, STATE, 'region "04" "Bremen" {\n  stage test\n}\n');
    expect(problemsOf(src)).toEqual([at("a.stw", src, "A1", "SW2030"), at("a.stw", src, "A1", "SW2030")]);
    const msgs = findings(checkSources({ "a.stw": src })).map((d) => d.message);
    expect(msgs[0]).toContain("cannot receive");
    expect(msgs[0]).toContain("`Empfaenger`");
    expect(msgs[1]).toContain("cannot send");
  });

  it("lists at most eight municipalities, in key order, and counts the rest", () => {
    const src = edit(BASE, STATE, 'region "14" "Sachsen" {\n  Sender = S via filesystem { outbox "s/out" }\n}\n\nregion "14612" "Dresden" {\n  Empfaenger = E via filesystem { inbox "dresden/in" }\n}\n');
    const [d] = findings(checkSources({ "a.stw": src }));
    expect(d!.code).toBe("SW2030");
    expect(d!.message).toMatch(/^418 municipalities in scope cannot receive scenario A1: no binding of role `Empfaenger` covers Chemnitz, Stadt \(14511000\), .* and 410 more\.$/);
    expect(d!.message.split("), ").length).toBe(8);
  });

  it("reports a receiver's filesystem adapter without inbox once, though two scenarios use it", () => {
    let src = edit(BASE, '{ inbox "e/in" }', '{ outbox "e/out" }');
    src += '\nmessage K json { ags: string }\n\nscenario A4 "Mitteilung" {\n  from Sender\n  to Empfaenger\n  message K\n  region `ags`\n}\n';
    expect(problemsOf(src)).toEqual([at("a.stw", src, 'via filesystem { outbox "e/out" }', "SW2040")]);
  });

  it("does not require an inbox from a sender or an outbox from a receiver", () => {
    expect(problemsOf(BASE)).toEqual([]);
  });

  it("does not ask for a filesystem inbox of a webservice or OSCI receiver", () => {
    const ws = edit(BASE, 'E via filesystem { inbox "e/in" }', 'E via webservice { url "https://e.example/api" }');
    const osci = edit(BASE, 'E via filesystem { inbox "e/in" }', 'E via osci { recipient "dvdv:04011" }');
    expect(problemsOf(ws)).toEqual([]);
    expect(problemsOf(osci)).toEqual([]);
  });

  it("names the scenario, not each municipality, for the whole state", () => {
    const src = edit(BASE, "  Empfaenger = E via filesystem { inbox \"e/in\" }\n", "");
    expect(problemsOf(src)).toEqual([at("a.stw", src, "A1", "SW2030")]);
  });
});
