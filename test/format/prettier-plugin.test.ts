/**
 * The Prettier 3 plugin formats like `stellwerk fmt` and reports errors with
 * a location; Prettier's width options do not change the house style.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { format } from "../../src/format/format.js";
import * as plugin from "../../src/format/prettier-plugin.js";
import { ruleFilesUnder } from "./helpers.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

const pretty = (text: string, options: prettier.Options = {}): Promise<string> =>
  prettier.format(text, { parser: "stellwerk", plugins: [plugin], ...options });

describe("prettier plugin", () => {
  it("formats every fixture exactly like format()", async () => {
    const fixtures = join(ROOT, "test", "format", "fixtures");
    for (const file of ruleFilesUnder(fixtures).filter((f) => f.endsWith("input.stw"))) {
      const text = readFileSync(file, "utf8");
      const expected = readFileSync(join(file, "..", "output.stw"), "utf8");
      // Prettier itself keeps a byte-order mark (stellwerk fmt drops it).
      const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
      expect(await pretty(text), file).toBe(bom + expected);
    }
  });

  it("keeps trailing spaces inside JSONata fences and ignores printWidth", async () => {
    const src = 'transform T from A to B ```\n  a   \n```\nregion "1" { R = S via filesystem { inbox "aaaaaaaaaaaaaaaa" outbox "b" } }';
    const out = await pretty(src, { printWidth: 40, tabWidth: 8 });
    const own = format(src);
    expect(own.ok && out).toBe(own.ok ? own.text : "");
    expect(out).toContain("```\n  a   \n```");
  });

  it("is picked by file extension", async () => {
    const info = await prettier.getFileInfo("rules/x.stw", { plugins: [plugin] });
    expect(info.inferredParser).toBe("stellwerk");
    expect(await prettier.format("role   A", { filepath: "rules/x.stw", plugins: [plugin] })).toBe("role A\n");
  });

  it("throws an error with the location of the first syntax error", async () => {
    await expect(pretty('role A\nrole B "x" "y"')).rejects.toMatchObject({
      name: "StellwerkSyntaxError",
      message: expect.stringContaining("SW1010") as unknown,
      loc: { start: { line: 2, column: 12 } },
    });
  });
});
