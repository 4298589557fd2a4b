import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { decodeMessage } from "../../src/runtime/intake/decode.js";
import { hasDeclaration, scanXml } from "../../src/runtime/intake/xml-scan.js";

const FATAL = new TextDecoder("utf-8", { fatal: true });

/** What a fatal TextDecoder makes of `bytes` (the reference for the UTF-8 path). */
function reference(bytes: Uint8Array): string | undefined {
  try {
    return FATAL.decode(bytes);
  } catch {
    return undefined;
  }
}

function decoded(bytes: Uint8Array): string | undefined {
  const d = decodeMessage(bytes);
  return d.ok ? d.text : undefined;
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe("UTF-8 decoding without a byte order mark", () => {
  test("agrees with a fatal TextDecoder on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (tail) => {
        const bytes = new Uint8Array([0x3c, ...tail]); // "<": never a byte order mark
        expect(decoded(bytes)).toBe(reference(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  test("agrees on long texts with single multi-byte characters, long runs of them, and dense non-ASCII text", () => {
    for (const ch of ["ä", "€", "😀", "ä".repeat(100), "€😀ß".repeat(40), "Grüße aus Görlitz, Привет мир, 東京 ".repeat(3000)]) {
      for (let shift = 0; shift < 4; shift++) {
        const text = "<a>" + "x".repeat(65_536 - 3 - shift) + ch + "y".repeat(70_000) + ch + "z".repeat(65_536) + "</a>";
        const bytes = utf8(text);
        expect(decoded(bytes) === text).toBe(true);
      }
    }
    const mixed = fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(70_000), mixed), { minLength: 1, maxLength: 4 }), (parts) => {
        const text = "<a>" + parts.map(([n, s]) => "b".repeat(n) + s).join("") + "</a>";
        expect(decoded(utf8(text)) === text).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  test("refuses invalid sequences in a long ASCII text, wherever they are", () => {
    const invalid = [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80], [0xff]];
    for (const seq of invalid) {
      for (const at of [3, 65_535, 65_536, 140_000, 199_990]) {
        const bytes = utf8("<a>" + "Q".repeat(200_000) + "</a>");
        const broken = new Uint8Array([...bytes.subarray(0, at), ...seq, ...bytes.subarray(at)]);
        expect(reference(broken)).toBeUndefined();
        expect(decodeMessage(broken)).toEqual({ ok: false, detail: "a byte sequence is invalid in the message's character encoding" });
      }
    }
  });
});

describe("markup declaration check", () => {
  const OLD = /<!\s*(doctype|entity|element|attlist|notation)/i;
  const piece = fc.constantFrom("<!", "<", "!", "<<!", " ", "\n", "\t", "doctype", "DocType", "ENTITY", "element", "Attlist", "notation", "<!--", "-->", "<![CDATA[", "]]>", "<a>", "</a>", "x", "doc");

  test("finds a declaration exactly where the single regular expression over the text did", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join("");
        expect(hasDeclaration(text)).toBe(OLD.test(text));
      }),
      { numRuns: 3000 },
    );
  });

  test("refuses declarations inside comments and CDATA, and after a long base64 text", () => {
    const base64 = "QUJD".repeat(100_000);
    expect(scanXml(`<a><!-- <!DOCTYPE x> --></a>`, 10)).toEqual({ ok: false, detail: "DOCTYPE and markup declarations are not accepted" });
    expect(scanXml(`<a><![CDATA[<! entity x>]]></a>`, 10)).toEqual({ ok: false, detail: "DOCTYPE and markup declarations are not accepted" });
    expect(scanXml(`<a>${base64}<!--<!\nNotation y>--></a>`, 10)).toEqual({ ok: false, detail: "DOCTYPE and markup declarations are not accepted" });
    expect(scanXml(`<a>${base64}<!-- <!x> --></a>`, 10)).toMatchObject({ ok: true, rootLocal: "a" });
  });

  test("a quote that never closes leaves the start tag open", () => {
    expect(scanXml(`<a b="x>`, 10)).toEqual({ ok: false, detail: "a start tag is not closed" });
    expect(scanXml(`<a b='x"'><c d="'>"></c></a>`, 10)).toMatchObject({ ok: true, rootLocal: "a", maxDepthSeen: 2 });
  });
});

describe("one tag scan for intake and the typed view", () => {
  test("the intake refuses mismatched end tags and text outside the root itself, and hands its scan on", () => {
    expect(scanXml("<a><b></a></b>", 10)).toEqual({ ok: false, detail: "end tag </a> does not match <b>" });
    expect(scanXml("<a/>text", 10)).toEqual({ ok: false, detail: "text after the root element" });
    expect(scanXml("<a><b/></a>", 2)).toMatchObject({ ok: true, maxDepthSeen: 2 });
    expect(scanXml("<a><b/></a>", 1)).toEqual({ ok: false, detail: "element nesting deeper than 1" });
    const ok = scanXml('<p:a xmlns:p="urn:p"><p:b xmlns:q="urn:q"/></p:a>', 10);
    expect(ok.ok && ok.prescanned.bindings).toEqual(new Map([["p", new Set(["urn:p"])], ["q", new Set(["urn:q"])]]));
  });
});

test("the tag scan stays linear: many attributes before a large text (regression: a namespace search ran to the end of the text per tag)", () => {
  const text = `<a xmlns="urn:a">${'<b x="1" y="2"/>'.repeat(20_000)}<c>${"QUJD".repeat(500_000)}</c></a>`;
  const t0 = performance.now();
  const scan = scanXml(text, 10);
  expect(scan).toMatchObject({ ok: true, rootNs: "urn:a", maxDepthSeen: 2 });
  expect(performance.now() - t0).toBeLessThan(1000);
});
