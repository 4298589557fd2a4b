/**
 * Regression: `stellwerk route` and `explain` printed names from the table and the trace
 * raw, so a recipient written with an escape in a rule file (`\u{1b}[2J`)
 * cleared the reader's terminal. Names, details and payload lines are now
 * escaped before colouring.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSources } from "../helpers/compile.js";
import { stellwerk, tempDir } from "../helpers/cli.js";

const rules = `package pr
message M xml "urn:pr" root "m" { ags: string }
role S
role E
system SS implements S
system EE implements E
scenario A1 "x" {
  from S
  to each E
  message M
  region \`ags\`
}
region "14522" {
  S = SS via filesystem { outbox "s/out" }
  E "Amt\\u{1b}[2J\\u{9b}31m" = EE via filesystem { inbox "e/in" }
}
`;
const tmp = tempDir();
const table = join(tmp.dir, "table.json");
const message = join(tmp.dir, "m.xml");
beforeAll(() => {
  const { output, diagnostics } = buildSources({ "pr.stw": rules }, "test");
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  writeFileSync(table, output!.tableText + "\n");
  writeFileSync(message, `<m xmlns="urn:pr"><ags>14522180</ags></m>`);
});
afterAll(() => tmp.remove());

describe("route and explain output", () => {
  it("route escapes control characters in names, traces and payload lines", () => {
    const r = stellwerk(["route", "--table", table, message, "--show-payload"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/[\u001b\u009b]/);
    expect(r.stdout).toContain('"Amt\\u001b[2J\\u009b31m"');
  });

  it("explain escapes them too", () => {
    const r = stellwerk(["explain", "--table", table, "14522180"]);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/[\u001b\u009b]/);
    expect(r.stdout).toContain('"Amt\\u001b[2J\\u009b31m"');
  });
});
