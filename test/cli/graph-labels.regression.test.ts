/**
 * Regression: `stellwerk graph --format mermaid` gave two systems whose names
 * differ only in punctuation ("a.b", "a_b") the same node id, merging them in
 * the diagram, and wrote names with quotes or newlines into labels unescaped,
 * which broke the diagram (a hand-edited table can carry such names).
 */
import { describe, expect, it } from "vitest";
import { toDot, toMermaid } from "../../src/cli/commands/graph.js";

const edges = [
  { from: "p.Amt24", to: "p.Kasse.Neu", label: "A1" },
  { from: "p.Amt24", to: "p.Kasse_Neu", label: 'A2 "Eilt"\nZeile' },
];

describe("graph labels and ids", () => {
  it("keeps distinct names distinct in Mermaid and escapes quotes and line breaks", () => {
    const out = toMermaid(edges);
    const ids = [...out.matchAll(/^ {2}(\S+)\["/gm)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(3);
    expect(out).toContain('-->|"A2 #quot;Eilt#quot; Zeile"|');
    expect(out.split("\n").filter((l) => l !== "")).toHaveLength(1 + 3 + 2);
  });

  it("writes DOT strings that keep quotes and newlines inside the string", () => {
    const out = toDot(edges);
    expect(out).toContain('[label="A2 \\"Eilt\\"\\nZeile"]');
    expect(out.split("\n").filter((l) => l !== "")).toHaveLength(3 + 3 + 2 + 1);
  });
});
