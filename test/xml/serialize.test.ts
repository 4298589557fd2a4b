import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { XmlViewAbort } from "../../src/xml/errors.js";
import { viewBuilder } from "../../src/xml/options.js";
import { serializeNodes } from "../../src/xml/serialize.js";

type ONode = Record<string, unknown>;

/** The reference: fast-xml-builder with the view's options and the same stop nodes. */
function reference(nodes: ONode[], raw: string[], maxDepth: number): string {
  return viewBuilder(raw.map((q) => `..${q}`), maxDepth).build(nodes) as string;
}

function ours(nodes: ONode[], raw: string[], maxDepth: number): string {
  return serializeNodes(nodes, { raw: new Set(raw), maxDepth });
}

const text = fc.string({ unit: fc.constantFrom("a", "Z", "0", " ", "&", "<", ">", "'", '"', "\r", "\n", "\t", ";", "#", "ä", "€", "😀", "]]>", "--", "&amp;", "&#13;"), maxLength: 12 });
const attrs = fc.option(fc.dictionary(fc.constantFrom("x", "p:y", "xmlns:p", "xmlns", "version"), text, { maxKeys: 3 }), { nil: undefined });
const RAW = ["p:inhalt", "q:bin"];

const nodes = fc.letrec<{ list: ONode[]; node: ONode }>((tie) => ({
  list: fc.array(tie("node"), { maxLength: 4 }),
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    text.map((t) => ({ "#text": t })),
    fc.record({ name: fc.constantFrom("a", "p:b", "p:inhalt", "q:bin", "c.d", "e_f"), kids: tie("list"), attrs }).map(({ name, kids, attrs: a }) => {
      const n: ONode = { [name]: kids };
      if (a !== undefined) n[":@"] = a;
      return n;
    }),
  ),
}));

describe("serializeNodes writes what fast-xml-builder writes with the view's options", () => {
  test("for arbitrary ordered node lists, text, attributes and stop nodes", () => {
    fc.assert(
      fc.property(nodes.list, (list) => {
        expect(ours(list, RAW, 256)).toBe(reference(list, RAW, 256));
      }),
      { numRuns: 3000 },
    );
  });

  test("for the XML declaration node and empty elements", () => {
    const doc: ONode[] = [{ "?xml": [{ "#text": "" }], ":@": { version: "1.0", encoding: "UTF-8" } }, { "p:r": [{ a: [] }, { "p:inhalt": [{ "#text": "QU&#13;\nJD" }], ":@": { n: 'x"y' } }], ":@": { "xmlns:p": "urn:p&q" } }];
    expect(ours(doc, RAW, 256)).toBe(reference(doc, RAW, 256));
    expect(ours(doc, RAW, 256)).toBe('<?xml version="1.0" encoding="UTF-8"?><p:r xmlns:p="urn:p&amp;q"><a/><p:inhalt n="x&quot;y">QU&#13;\nJD</p:inhalt></p:r>');
  });

  test("refuses nesting deeper than the builder's limit exactly where the builder did", () => {
    const nest = (levels: number, inner: ONode[] = [{ "#text": "t" }]): ONode[] => {
      let list = inner;
      for (let i = 0; i < levels; i++) list = [{ a: list }];
      return list;
    };
    for (const [levels, inner] of [[6, undefined], [7, undefined], [8, undefined], [6, [{ "p:inhalt": [{ "#text": "QQ==" }] }]], [7, [{ "p:inhalt": [{ "#text": "QQ==" }] }]]] as const) {
      const list = nest(levels, inner as ONode[] | undefined);
      let expected: string | "refused";
      try {
        expected = reference(list, RAW, 5);
      } catch {
        expected = "refused";
      }
      let actual: string | "refused";
      try {
        actual = ours(list, RAW, 5);
      } catch (e) {
        expect(e).toBeInstanceOf(XmlViewAbort);
        expect((e as XmlViewAbort).code).toBe("xml-too-deep");
        actual = "refused";
      }
      expect(actual).toBe(expected);
    }
  });
});
