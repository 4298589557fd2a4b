/**
 * Size limits of the syntax phase: a rule file larger than MAX_FILE_BYTES is
 * refused unread (SW1009), at the start of the file, without parsing.
 */
import { describe, expect, it } from "vitest";
import { MAX_FILE_BYTES, decodeSource, parseBytes } from "../../src/syntax/parse.js";
import { cpuTimed } from "../helpers/cpu-time.js";

describe("file size limit", () => {
  it("refuses a file of more than 32 MB with SW1009, quickly", () => {
    const bytes = new Uint8Array(MAX_FILE_BYTES + 1).fill(0x20);
    const { result: r, ms } = cpuTimed(() => parseBytes(bytes, "gross.stw"));
    expect(ms).toBeLessThan(2000);
    expect(r.diagnostics.map((d) => [d.code, d.span?.start, d.span?.end])).toEqual([["SW1009", 0, 0]]);
    expect(r.diagnostics[0]!.message).toContain(String(MAX_FILE_BYTES + 1));
    expect(r.ast.declarations).toEqual([]);
  });

  it("accepts a file of exactly the limit for decoding", () => {
    const d = decodeSource(new Uint8Array(MAX_FILE_BYTES).fill(0x20), "genau.stw");
    expect(d.diagnostic).toBeUndefined();
    expect(d.text).toHaveLength(MAX_FILE_BYTES);
  });
});
