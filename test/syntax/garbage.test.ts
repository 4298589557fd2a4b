/**
 * Lexer-level garbage: every input yields the expected code at the expected
 * span, once (no follow-up errors from the same root cause), and never a
 * crash or a hang. Inputs go through parseBytes (as the compiler reads files)
 * or parseSource (already decoded text), then through the whole checker.
 */
import { describe, expect, it } from "vitest";
import { renderPretty } from "../../src/diagnostics/render.js";
import { brief, checkSources, locate, parseOne, type Located } from "../helpers/compile.js";
import { cpuTimed } from "../helpers/cpu-time.js";

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const latin1 = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => c.charCodeAt(0) & 0xff));

/** Parses one file and returns its diagnostics as "file:l:c-l:c CODE". */
function syntax(content: string | Uint8Array): { list: string[]; located: Located[]; ms: number } {
  const { result: parsed, ms } = cpuTimed(() => parseOne("x.stw", content));
  const texts = new Map([["x.stw", parsed.ast.text]]);
  const located = parsed.diagnostics.map((d) => locate(d, texts));
  return { list: located.map(brief), located, ms };
}

/** The whole checker (parse + analyze) on one file: must not throw. */
function fullCheck(content: string | Uint8Array): string[] {
  return checkSources({ "x.stw": content }).diagnostics.map(brief);
}

describe("control and invisible characters", () => {
  it("reports a control character as SW1001 at its column", () => {
    const { list, located } = syntax("package a\nrole X\u0007\n");
    expect(list).toEqual(["x.stw:2:7-2:8 SW1001"]);
    expect(located[0]!.message).toContain("U+0007");
  });

  it("reports separate control characters separately, and a run of them once", () => {
    expect(syntax("package a\nrole X \u0001 \u001b\u001b\u001b\n").list).toEqual(["x.stw:2:8-2:9 SW1001", "x.stw:2:10-2:13 SW1001"]);
  });

  it("reports a zero-width space as a look-alike (SW1008), not as a syntax error", () => {
    const { list, located } = syntax("package a\nrole\u200BX\n");
    expect(list).toEqual(["x.stw:2:5-2:6 SW1008"]);
    expect(located[0]!.message).toContain("U+200B");
  });

  it("reports a non-breaking space and a byte-order mark inside the text", () => {
    expect(syntax("package a\nrole\u00A0X\nrole Y\uFEFF\n").list).toEqual(["x.stw:2:5-2:6 SW1008", "x.stw:3:7-3:8 SW1008"]);
  });

  it("accepts a leading byte-order mark", () => {
    expect(syntax(utf8("\uFEFFpackage a\nrole X\n")).list).toEqual([]);
  });
});

describe("curly quotes", () => {
  it("reports each typographic quote once and reads the string (no follow-up syntax error)", () => {
    const { list, located } = syntax("package a\nrole X \u201CTitel\u201D\n");
    expect(list).toEqual(["x.stw:2:8-2:9 SW1008", "x.stw:2:14-2:15 SW1008"]);
    expect(located[0]!.message).toContain('`"`');
  });

  it("handles German quotes („…“) and a curly opening with a straight closing quote", () => {
    const { list } = syntax('package a\nrole X \u201ETitel\u201C\nrole Y \u201CTitel"\n');
    expect(list).toEqual(["x.stw:2:8-2:9 SW1008", "x.stw:2:14-2:15 SW1008", "x.stw:3:8-3:9 SW1008"]);
  });

  it("keeps the string's value, so a region key in curly quotes is still checked as a key", () => {
    const r = checkSources({ "x.stw": "package a\nregion \u201E14\u201C {\n}\n" });
    expect(r.diagnostics.map(brief)).toEqual(["x.stw:2:8-2:9 SW1008", "x.stw:2:11-2:12 SW1008"]);
    expect(r.model.regions.get("a")?.[0]?.key).toBe("14");
  });

  it("reports a curly apostrophe and en dash as look-alikes", () => {
    expect(syntax("package a\nrole X\u2019\nrole Y\u2013\n").list).toEqual(["x.stw:2:7-2:8 SW1008", "x.stw:3:7-3:8 SW1008"]);
  });
});

describe("NUL bytes, binary data and invalid UTF-8", () => {
  it("reports a NUL byte as SW1005 at its line and column", () => {
    expect(syntax(utf8("package a\nrole X\0\n")).list).toEqual(["x.stw:2:7-2:8 SW1005"]);
  });

  it("reports a NUL byte after multi-byte characters at its UTF-16 column", () => {
    expect(syntax(utf8("package a\nrole Ärger \"über\" \0\n")).list).toEqual(["x.stw:2:19-2:20 SW1005"]);
  });

  it("reports a NUL character in decoded text as an invalid character (SW1001)", () => {
    const { list, located } = syntax("package a\nrole X\0\n");
    expect(list).toEqual(["x.stw:2:7-2:8 SW1001"]);
    expect(located[0]!.message).toContain("U+0000");
  });

  it("reports binary data once, at its first NUL byte", () => {
    const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) % 256);
    const first = bytes.indexOf(0);
    const { list } = syntax(bytes);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatch(/ SW1005$/);
    expect(first).toBeGreaterThan(0);
  });

  it("reports Latin-1 bytes (invalid UTF-8) at the first bad byte, with a hint to save as UTF-8", () => {
    const { list, located } = syntax(latin1('package a\nrole Stra\u00dfe "Stra\u00dfenverkehrsamt"\n'));
    expect(list).toEqual(["x.stw:2:10-2:11 SW1005"]);
    expect(located[0]!.suggestion).toContain("UTF-8");
  });

  it("finds the bad byte after valid multi-byte characters", () => {
    const bytes = Uint8Array.from([...utf8('package a\nrole \u00c4rger "\u00fcber"\nrole Stra'), 0xdf, ...utf8("e\n")]);
    expect(syntax(bytes).list).toEqual(["x.stw:3:10-3:11 SW1005"]);
  });

  it("reports truncated and overlong UTF-8 sequences", () => {
    expect(syntax(Uint8Array.from([...utf8("package a\nrole X "), 0xe2, 0x82])).list).toEqual(["x.stw:2:8-2:9 SW1005"]);
    expect(syntax(Uint8Array.from([...utf8("package a\n"), 0xc0, 0xaf])).list).toEqual(["x.stw:2:1-2:2 SW1005"]);
    expect(syntax(Uint8Array.from([...utf8("package a\n"), 0xed, 0xa0, 0x80])).list).toEqual(["x.stw:2:1-2:2 SW1005"]);
  });

  it("shows the line of the bad byte in the code frame", () => {
    const parsed = parseOne("x.stw", latin1("package a\nrole Stra\u00dfe\n"));
    const text = renderPretty(parsed.diagnostics[0]!, new Map([["x.stw", parsed.ast.text]]), false);
    expect(text).toContain("x.stw:2:10");
    expect(text).toContain("2 | role Stra");
  });
});

describe("unterminated constructs", () => {
  it("reports an unterminated string once, to the end of its line", () => {
    expect(syntax('package a\nrole X "Titel\nrole Y\n').list).toEqual(["x.stw:2:8-2:14 SW1002"]);
  });

  it("reads an unterminated string up to the line end, so the next line parses normally", () => {
    const src = 'package a\nregion "14" "Sachsen {\n  stage test\n}\n';
    expect(syntax(src).list).toEqual(["x.stw:2:13-2:23 SW1002"]);
  });

  it("reports an unterminated string at the end of the file", () => {
    expect(syntax('package a\nrole X "Titel').list).toEqual(["x.stw:2:8-2:14 SW1002"]);
  });

  it("reports an unterminated block comment once", () => {
    expect(syntax("package a\nrole X\n/* Kommentar\nrole Y\n").list).toEqual(["x.stw:3:1-3:13 SW1004"]);
  });

  it("reports an unterminated inline expression once (no follow-up syntax error at the end)", () => {
    const { list, located } = syntax("package a\nscenario A1 {\n  region `kopf.ags\n}\n");
    expect(list).toEqual(["x.stw:3:10-3:19 SW1003"]);
    expect(located[0]!.message).toContain("`");
  });

  it("reports an unterminated fenced expression once", () => {
    const { list, located } = syntax("package a\ntransform T from M to N ```\n  { \"a\": b }\n");
    expect(list).toEqual(["x.stw:2:25-2:28 SW1003"]);
    expect(located[0]!.message).toContain("```");
  });

  it("keeps errors before an unterminated construct", () => {
    expect(syntax("package a\nrole\nrole X\n/* open").list).toEqual(["x.stw:3:1-3:5 SW1010", "x.stw:4:1-4:8 SW1004"]);
  });
});

describe("size and nesting", () => {
  it("handles 10,000 nested braces with one syntax error, quickly", () => {
    const { list, ms } = syntax("package a\n" + "{".repeat(10_000));
    expect(list).toEqual(["x.stw:2:1-2:2 SW1010"]);
    expect(ms).toBeLessThan(2000);
    expect(fullCheck("package a\n" + "{".repeat(10_000) + "}".repeat(10_000))).toEqual(["x.stw:2:1-2:2 SW1010"]);
  });

  it("parses a 2 MB line (a long title) without findings", () => {
    const { list, ms } = syntax(utf8(`package a\nrole X "${"a".repeat(2 * 1024 * 1024)}"\n`));
    expect(list).toEqual([]);
    expect(ms).toBeLessThan(5000);
  });

  it("reports a bad character at the end of a 2 MB line at its column, and renders a short code frame", () => {
    const line = `role X "${"b".repeat(2 * 1024 * 1024)}" \u0007`;
    const parsed = parseOne("x.stw", utf8(`package a\n${line}\n`));
    const texts = new Map([["x.stw", parsed.ast.text]]);
    expect(parsed.diagnostics.map((d) => brief(locate(d, texts)))).toEqual([`x.stw:2:${line.length}-2:${line.length + 1} SW1001`]);
    const frame = renderPretty(parsed.diagnostics[0]!, texts, false);
    expect(frame.length).toBeLessThan(600);
  });

  it("reports a 2 MB line of garbage tokens without hanging", () => {
    const { list, ms } = syntax("package a\n" + "x ".repeat(1024 * 1024) + "\n");
    expect(list).toEqual(["x.stw:2:1-2:2 SW1010"]);
    expect(ms).toBeLessThan(10_000);
  });

  it("cuts 10,000 nested `list of` at the nesting limit with one SW1006 where the limit is exceeded", () => {
    const src = "package a\ntype T { f: " + "list of ".repeat(10_000) + "string }\n";
    const { list, located } = syntax(src);
    // The 65th `list` starts at column 13 + 64 * 8.
    expect(list).toEqual([`x.stw:2:${13 + 64 * 8}-2:${13 + 64 * 8 + 4} SW1006`]);
    expect(located[0]!.message).toContain("64");
    expect(fullCheck(src)).toEqual([`x.stw:2:${13 + 64 * 8}-2:${13 + 64 * 8 + 4} SW1006`]);
  });

  it("accepts nesting up to the limit", () => {
    expect(syntax("package a\ntype T { f: " + "list of ".repeat(64) + "string }\n").list).toEqual([]);
    expect(syntax("package a\ntype T { f: " + "optional ".repeat(30) + "list of ".repeat(34) + "string }\n").list).toEqual([]);
  });
});

describe("empty and comment-only files", () => {
  it("accepts an empty file", () => {
    expect(syntax("").list).toEqual([]);
    expect(fullCheck("")).toEqual([]);
    expect(fullCheck(new Uint8Array(0))).toEqual([]);
  });

  it("accepts a file of only comments", () => {
    const src = "// nur Kommentare\n/* ein\n   Block */\n// Ende";
    expect(syntax(src).list).toEqual([]);
    expect(fullCheck(src)).toEqual([]);
  });

  it("accepts a file of only whitespace", () => {
    expect(fullCheck(" \t\r\n\n  \r\n")).toEqual([]);
  });
});

describe("the checker on garbage", () => {
  const inputs: Array<[string, string | Uint8Array]> = [
    ["control", "package a\nrole X\u0007\nsystem S implements X\n"],
    ["curly", "package a\nregion \u201E14\u201C {\n stage test\n}\n"],
    ["binary", Uint8Array.from({ length: 2048 }, (_, i) => (i * 131 + 7) % 256)],
    ["latin1", latin1("package a\nrole Stra\u00dfe\n")],
    ["braces", "package a\nregion \"14\" " + "{".repeat(10_000)],
    ["unterminated", 'package a\nscenario A1 "x {\n from X\n region `a\n'],
  ];
  it.each(inputs)("never throws on %s", (_name, content) => {
    expect(() => fullCheck(content)).not.toThrow();
  });
});

describe("line endings", () => {
  const crlf = (s: string): string => s.replace(/\n/g, "\r\n");

  it("reports the same positions for CRLF as for LF files", () => {
    for (const src of [
      'package a\nrole X "Titel\nrole Y\n',
      "package a\nrole X\n/* Kommentar\nrole Y\n",
      "package a\nscenario A1 {\n  region `kopf.ags\n}\n",
      "package a\nrole X\u0007\nrole\n",
    ]) {
      expect(syntax(crlf(src)).list, JSON.stringify(src)).toEqual(syntax(src).list);
    }
  });

  it("checks a CRLF rule set like its LF original", () => {
    const src = "package a\r\nrole R\r\nsystem S implements Rr\r\n";
    expect(fullCheck(src)).toEqual(["x.stw:3:21-3:23 SW2001"]);
  });
});
