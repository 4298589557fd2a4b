/**
 * Check scenario-structure: SW2070 incomplete, SW2071 an item twice, SW2072
 * detection clash, SW2073 acknowledgement not a reply, SW2074 reply without correlation.
 */
import { describe, expect, it } from "vitest";
import { BASE, at, edit, problemsOf } from "../../helpers/rules.js";

const BOTH_WAYS = (text: string): string => edit(edit(text, '{ outbox "s/out" }', '{ outbox "s/out" inbox "s/in" }'), '{ inbox "e/in" }', '{ inbox "e/in" outbox "e/out" }');
const REPLY = '\nscenario A2 "Antwort" {\n  from Empfaenger\n  to origin\n  reply\n  message M2\n  correlate `ags`\n}\nmessage M2 json { ags: string }\n';

describe("scenario-structure: valid", () => {
  it("accepts a complete scenario with every optional item", () => {
    const src = edit(BASE, "  region `ags`\n", "  region `ags`\n  correlate `ags`\n  idempotency `ags`\n  detect `$exists(ags)`\n  unroutable error-folder\n");
    expect(problemsOf(src)).toEqual([]);
  });

  it("accepts an acknowledgement that is a reply with a correlation key", () => {
    const src = BOTH_WAYS(edit(BASE, "  region `ags`\n", "  region `ags`\n  correlate `ags`\n  ack A2\n") + REPLY);
    expect(problemsOf(src)).toEqual([]);
  });

  it("accepts scenarios sharing a message when each has a `detect` condition", () => {
    const src = edit(BASE, "  region `ags`\n", '  region `ags`\n  detect `ags = "04011000"`\n') + '\nscenario A4 "Nachricht" {\n  from Sender\n  to Empfaenger\n  message M\n  region `ags`\n  detect `ags != "04011000"`\n}\n';
    expect(problemsOf(src)).toEqual([]);
  });

  it("accepts several `to` items (one binding each)", () => {
    const src = edit(edit(BASE, "role Empfaenger\n", "role Empfaenger\nrole Archiv\nsystem Ar implements Archiv\n"), "  to Empfaenger\n", "  to Empfaenger\n  to Archiv\n")
      .replace('  Empfaenger = E via filesystem { inbox "e/in" }\n', '  Empfaenger = E via filesystem { inbox "e/in" }\n  Archiv = Ar via filesystem { inbox "archiv/in" }\n');
    expect(problemsOf(src)).toEqual([]);
  });
});

describe("scenario-structure: invalid", () => {
  it.each(["from", "to", "message", "region"])("reports a scenario without `%s` at its name", (item) => {
    const line = { from: "  from Sender\n", to: "  to Empfaenger\n", message: "  message M\n", region: "  region `ags`\n" }[item]!;
    const src = edit(BASE, line, "");
    expect(problemsOf(src)).toEqual([at("a.stw", src, "A1", "SW2070")]);
  });

  it("does not ask a reply for a region (it follows its case)", () => {
    const src = BOTH_WAYS(BASE + REPLY);
    expect(problemsOf(src)).toEqual([]);
  });

  it.each([
    ["from", "  from Sender\n"],
    ["region", "  region `ags`\n"],
  ])("reports `%s` written twice at the second one", (_item, line) => {
    const src = edit(BASE, line, line + line);
    expect(problemsOf(src)).toEqual([at("a.stw", src, line.trim(), "SW2071", 2)]);
  });

  it("reports scenarios sharing a message when only one of them has `detect`", () => {
    const src = BASE + '\nscenario A4 "Nachricht" {\n  from Sender\n  to Empfaenger\n  message M\n  region `ags`\n  detect `true`\n}\n';
    expect(problemsOf(src)).toEqual([at("a.stw", src, "A1", "SW2072")]);
  });

  it("reports three scenarios on one root element once", () => {
    const extra = (id: string): string => `\nscenario ${id} "x" {\n  from Sender\n  to Empfaenger\n  message M\n  region \`ags\`\n}\n`;
    const src = BASE + extra("A4") + extra("A5");
    expect(problemsOf(src)).toEqual([at("a.stw", src, "A1", "SW2072")]);
  });

  it("reports an acknowledgement that names an unknown scenario as an unknown name", () => {
    const src = edit(BASE, "  region `ags`\n", "  region `ags`\n  ack Q1\n");
    expect(problemsOf(src)).toEqual([at("a.stw", src, "Q1", "SW2001")]);
  });
});
