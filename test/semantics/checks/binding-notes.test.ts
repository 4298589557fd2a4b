/** Check binding-notes (SW2013): each note key once per binding. */
import { describe, expect, it } from "vitest";
import { BASE, at, edit, problemsOf } from "../../helpers/rules.js";

const withNotes = (notes: string): string => edit(BASE, 'Empfaenger = E via filesystem { inbox "e/in" }', `Empfaenger = E via filesystem { inbox "e/in" } ${notes}`);

describe("binding-notes", () => {
  it("accepts different keys, and the same key on different bindings", () => {
    const src = withNotes('note frist "1 Woche" note kanal "Post"').replace('Sender = S via filesystem { outbox "s/out" }', 'Sender = S via filesystem { outbox "s/out" } note frist "sofort"');
    expect(problemsOf(src)).toEqual([]);
  });

  it("reports the second value of a key, from its key to its value", () => {
    const src = withNotes('note frist "1 Woche" note kanal "Post" note frist "2 Wochen"');
    expect(problemsOf(src)).toEqual([at("a.stw", src, 'frist "2 Wochen"', "SW2013")]);
  });

  it("reports a repeated note also when the value is the same", () => {
    const src = withNotes('note frist "1 Woche" note frist "1 Woche"');
    expect(problemsOf(src)).toEqual([at("a.stw", src, 'frist "1 Woche"', "SW2013", 2)]);
  });
});
